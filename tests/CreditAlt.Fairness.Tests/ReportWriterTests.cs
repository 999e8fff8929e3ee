using System.Text.Json;
using CreditAlt.Fairness.Audit;
using CreditAlt.Fairness.Reports;

namespace CreditAlt.Fairness.Tests;

public sealed class ReportWriterTests
{
    private static AuditReport Report()
    {
        var groups = Enumerable.Range(0, 100).Select(i => i < 60 ? "A" : "B").ToList<string?>();
        var favorable = Enumerable.Range(0, 100).Select(i => i < 48 || (i >= 60 && i < 80)).ToArray();
        var scores = Enumerable.Range(0, 100).Select(i => 500.0 + (i * 37 % 100)).ToArray();
        var outcomes = Enumerable.Range(0, 100).Select(i => (sbyte)(i % 4 == 0 ? 1 : 0)).ToArray();
        var control = new NumericControl("income", Enumerable.Range(0, 100).Select(i => (double)(i * 13 % 17)).ToArray());
        var input = new AuditInput(favorable, [CategoricalAttribute.FromLabels("group", groups)], scores, outcomes, [control]);
        return AuditEngine.Run(input, new AuditOptions { Source = "test.csv", FavorableDescription = "d = Y" });
    }

    [Fact]
    public void Write_SameAudit_SameBytes()
    {
        var first = Directory.CreateTempSubdirectory("fair1").FullName;
        var second = Directory.CreateTempSubdirectory("fair2").FullName;
        FairnessReportWriter.Write(Report(), first);
        FairnessReportWriter.Write(Report(), second);
        foreach (var name in new[] { "fairness-report.md", "fairness-report.html", "fairness-report.json" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(first, name)), File.ReadAllBytes(Path.Combine(second, name)));
        }
    }

    [Fact]
    public void ToJson_GroupFigures_UseDocumentedNames()
    {
        using var json = JsonDocument.Parse(FairnessReportWriter.ToJson(Report()));
        var attribute = json.RootElement.GetProperty("attributes")[0];
        Assert.Equal("group", attribute.GetProperty("attribute").GetString());
        Assert.Equal("A", attribute.GetProperty("reference").GetString()); // A: 48/60 = 0.8 against B: 20/40 = 0.5
        var a = attribute.GetProperty("groups")[0];
        Assert.Equal("A", a.GetProperty("group").GetString());
        Assert.Equal(60, a.GetProperty("count").GetDouble());
        Assert.Equal(48, a.GetProperty("favorable").GetDouble());
        Assert.Equal(0.8, a.GetProperty("favorableRate").GetDouble());
        foreach (var name in new[] { "rateCiLow", "rateCiHigh", "air", "pValue", "fourFifthsFlag", "tooSmall" })
        {
            Assert.True(a.TryGetProperty(name, out _), name);
        }

        var controlled = json.RootElement.GetProperty("controlled")[0];
        Assert.Equal("group", controlled.GetProperty("attribute").GetString());
        foreach (var name in new[] { "group", "coefficient", "stdError", "oddsRatio", "pValue" })
        {
            Assert.True(controlled.TryGetProperty(name, out _), name);
        }
    }

    [Fact]
    public void ToMarkdown_FlaggedGroup_SummaryInPlainWords()
    {
        var md = FairnessReportWriter.ToMarkdown(Report());
        Assert.Contains("**1 of 1 group comparisons fall below four-fifths of the reference group's favourable rate.**", md, StringComparison.Ordinal);
        Assert.Contains("- **B** (group): 50.0 % favourable against 80.0 % for A, a ratio of 0.625 — **below four-fifths**, and the gap is statistically significant (p = 0.0022): unlikely to be chance.", md, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_Charts_InlineSvgAndNoExternalResources()
    {
        var html = FairnessReportWriter.ToHtml(Report());
        Assert.Equal(3, html.Split("<svg", StringSplitOptions.None).Length - 1);
        Assert.DoesNotContain("src=\"http", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"http", html, StringComparison.Ordinal);
    }
}
