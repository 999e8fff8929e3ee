using System.Runtime.CompilerServices;
using System.Text.Json;
using CreditAlt.Modeling.Evaluation;

namespace CreditAlt.Modeling.Tests.Evaluation;

public sealed class ReportWritersTests
{
    // The golden file sits next to this source file; UPDATE_GOLDEN=1 rewrites it (review the diff before committing).
    private static string Golden([CallerFilePath] string here = "") => Path.Combine(Path.GetDirectoryName(here)!, "ReportHandExample.golden.md");

    [Fact]
    public void ToMarkdown_HandExample_MatchesGoldenFile()
    {
        var actual = ReportWriters.ToMarkdown(ReportBuilderTests.Build());
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1") File.WriteAllText(Golden(), actual);
        Assert.Equal(File.ReadAllText(Golden()), actual);
    }

    [Fact]
    public void ToJson_HandExample_HasHeadlineFiguresAtRoot()
    {
        using var doc = JsonDocument.Parse(ReportWriters.ToJson(ReportBuilderTests.Build()));
        var root = doc.RootElement;
        Assert.Equal(17.0 / 21, root.GetProperty("auc").GetDouble(), 15);
        Assert.Equal(13.0 / 21, root.GetProperty("gini").GetDouble(), 15);
        Assert.Equal(4.0 / 7, root.GetProperty("ks").GetDouble(), 15);
        Assert.Equal(0.21744, root.GetProperty("brier").GetDouble(), 15);
        Assert.Equal(19.0 / 21, root.GetProperty("oracleAuc").GetDouble(), 15);
        Assert.Equal("champion", root.GetProperty("models")[0].GetProperty("name").GetString());
    }

    [Fact]
    public void ToJson_SameReportTwice_SameBytes() =>
        Assert.Equal(ReportWriters.ToJson(ReportBuilderTests.Build()), ReportWriters.ToJson(ReportBuilderTests.Build()));
}
