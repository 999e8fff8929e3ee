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
        Assert.Contains("**1 of 1 comparisons are flagged**: practically significant and statistically significant after the Holm correction for running them all.", md, StringComparison.Ordinal);
        // Katz interval by hand: log(0.625) ± 1.96·√(1/20 − 1/40 + 1/48 − 1/60) = exp(−0.4700 ± 0.3347) → 0.447 – 0.873.
        Assert.Contains("- Flagged: **B** (group), approval 50.0 % against 80.0 % for A: ratio **0.625** (95 % 0.447–0.873), Holm p = 0.0022.", md, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_Charts_InlineSvgAndNoExternalResources()
    {
        var html = FairnessReportWriter.ToHtml(Report());
        Assert.Equal(4, html.Split("<svg", StringSplitOptions.None).Length - 1); // AIR with intervals, scores, calibration, approval by risk band
        Assert.DoesNotContain("src=\"http", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"http", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_EveryTable_ScrollsInItsOwnBox()
    {
        // A table wider than 1,280 px (calibration by group) must not widen the page: each sits in a box that scrolls.
        var html = FairnessReportWriter.ToHtml(Report());
        var tables = html.Split("<table>", StringSplitOptions.None).Length - 1;
        Assert.True(tables > 0);
        Assert.Equal(tables, html.Split("<div class=\"wide\"><table>", StringSplitOptions.None).Length - 1);
        Assert.Contains(".wide{overflow-x:auto;max-width:100%}", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_SmallGroup_SuppressedInAllThreeFormats()
    {
        // 40 in A, 12 in B: B is below the minimum of 30, so its counts read "< 30" and no rate is printed anywhere.
        var groups = Enumerable.Range(0, 52).Select(i => i < 40 ? "A" : "B").ToList<string?>();
        var favorable = Enumerable.Range(0, 52).Select(i => i % 3 != 0).ToArray();
        var report = AuditEngine.Run(new AuditInput(favorable, [CategoricalAttribute.FromLabels("group", groups)]), new AuditOptions { ReferenceGroups = new Dictionary<string, string> { ["group"] = "A" } });
        var b = report.Attributes[0].Groups.Single(g => g.Group == "B");
        Assert.True(b.Suppressed);
        string bRate = (8.0 / 12).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " %";
        var md = FairnessReportWriter.ToMarkdown(report);
        Assert.Contains("| B | < 30 | – | suppressed |", md, StringComparison.Ordinal);
        Assert.DoesNotContain(bRate, md, StringComparison.Ordinal);
        var html = FairnessReportWriter.ToHtml(report);
        Assert.Contains("&lt; 30", html, StringComparison.Ordinal);
        Assert.DoesNotContain(bRate, html, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(FairnessReportWriter.ToJson(report));
        var jb = json.RootElement.GetProperty("attributes")[0].GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("group").GetString() == "B");
        Assert.True(jb.GetProperty("suppressed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, jb.GetProperty("count").ValueKind);
        Assert.Equal(30, jb.GetProperty("countBelow").GetDouble());
        Assert.False(jb.TryGetProperty("favorableRate", out _));
        Assert.False(jb.TryGetProperty("favorable", out _));
    }
}
