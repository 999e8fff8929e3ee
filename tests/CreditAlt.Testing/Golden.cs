using System.Text;

namespace CreditAlt.Testing;

/// <summary>
/// Committed golden files compared byte for byte. After an intended change, <c>UPDATE_GOLDEN=1 dotnet test …</c> rewrites
/// them (and creates missing ones); review the diff before committing. Without it a missing file fails the test.
/// </summary>
public static class Golden
{
    public static bool Updating => Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1";

    /// <param name="relativePath">The golden file's path from the repository root, with '/' separators.</param>
    /// <param name="frozen">
    /// A file that may be created but never rewritten (a shipped migration's SQL): with UPDATE_GOLDEN=1 a missing file is
    /// written, an existing one is still compared.
    /// </param>
    public static void AssertMatches(string relativePath, ReadOnlySpan<byte> actual, bool frozen = false)
    {
        var path = RepoRoot.Path(relativePath.Split('/'));
        if (Updating && !(frozen && File.Exists(path)))
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, actual.ToArray());
        }

        Assert.True(File.Exists(path), $"{relativePath} is missing; create it with UPDATE_GOLDEN=1 and commit it");
        var committed = File.ReadAllBytes(path);
        if (committed.AsSpan().SequenceEqual(actual)) return;
        // Equal as text gives a readable diff when the two are text; the byte comparison above decides.
        Assert.Equal(Encoding.UTF8.GetString(committed), Encoding.UTF8.GetString(actual));
        Assert.Fail($"{relativePath} differs from what was produced (byte for byte); if the change is intended, regenerate with UPDATE_GOLDEN=1");
    }

    public static void AssertMatches(string relativePath, string actual, bool frozen = false) =>
        AssertMatches(relativePath, Encoding.UTF8.GetBytes(actual), frozen);
}
