namespace CreditAlt.Cli.Tests.Architecture;

/// <summary>
/// Issue 18: a source file past 500 lines has been mixing roles (the 1,014-line ApplicationJson held a public API, a
/// canonical writer, a number checker and a reader). Split such a file by role before it lands.
/// </summary>
public sealed class SourceFileSizeTests
{
    private const int MaxLines = 500;

    [Fact]
    public void SourceFiles_AreAtMost500Lines()
    {
        var tooLong = RepositoryPaths.TrackedFiles()
            .Where(f => f.StartsWith("src/", StringComparison.Ordinal) && f.EndsWith(".cs", StringComparison.Ordinal))
            .Select(f => (Path: f, Lines: File.ReadLines(RepositoryPaths.Of(f)).Count()))
            .Where(f => f.Lines > MaxLines)
            .Select(f => $"{f.Path}: {f.Lines} lines");

        Assert.Empty(tooLong);
    }

    [Fact]
    public void SourceFiles_AreFound()
    {
        // Guards the test above against passing on an empty listing.
        Assert.Contains("src/CreditAlt.Core/Scoring/ScorecardEngine.cs", RepositoryPaths.TrackedFiles());
    }
}
