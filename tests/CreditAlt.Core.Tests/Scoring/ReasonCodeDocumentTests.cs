using CreditAlt.Core.Attributes;
using CreditAlt.Core.Scoring;

namespace CreditAlt.Core.Tests.Scoring;

public sealed class ReasonCodeDocumentTests
{
    [Fact]
    public void ReasonCodesDocument_IsUpToDate()
    {
        var path = Path.Combine(RepoRoot.Find(), "docs", "reason-codes.md");
        var expected = ReasonCodeDocument.Render();
        if (Environment.GetEnvironmentVariable("CREDITALT_UPDATE_DOCS") == "1")
            File.WriteAllText(path, expected);
        Assert.True(File.Exists(path), "docs/reason-codes.md is missing; regenerate with CREDITALT_UPDATE_DOCS=1 dotnet test tests/CreditAlt.Core.Tests");
        Assert.Equal(expected, File.ReadAllText(path));
    }

    [Fact]
    public void Render_ListsEveryCatalogueCodeOnce()
    {
        var text = ReasonCodeDocument.Render();
        foreach (var a in AttributeCatalogue.All)
            Assert.Single(text.Split('\n'), l => l.StartsWith($"| `{a.ReasonCode}` |", StringComparison.Ordinal));
        Assert.Equal(AttributeCatalogue.Count, AttributeCatalogue.All.Select(a => a.ReasonCode).Distinct().Count());
    }
}
