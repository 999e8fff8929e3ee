using System.Text.Json;
using CreditAlt.Modeling.Monitoring;

namespace CreditAlt.Modeling.Tests.Monitoring;

public sealed class MonitoringReportTests
{
    private static MonitoringReport Build()
    {
        // Score: baseline 1..10 (higher = safer), recent shifted; one attribute unchanged.
        double[] baselineScores = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        double[] recentScores = [1, 1, 1, 2, 3, 5, 8, 10, 10, 10];
        double[] attribute = [0, 1, 0, 1, 0, 1, 0, 1, 0, double.NaN];
        // Baseline bads at scores 1, 2, 5; goods 3, 4, 6..10: the bad has the lower score in 7 + 7 + 5 = 19 of 21 pairs.
        bool[] bad = [true, true, false, false, true, false, false, false, false, false];
        return MonitoringReports.Build("m", "1", ["a"],
            new MonitoringWindow("baseline", baselineScores, [attribute], bad),
            new MonitoringWindow("recent", recentScores, [attribute], null));
    }

    [Fact]
    public void Build_OutcomesOnlyInBaseline_ReportsPerformanceForBaselineOnly()
    {
        var r = Build();
        var p = Assert.Single(r.Performance);
        Assert.Equal("baseline", p.Window);
        Assert.Equal(19.0 / 21, p.Auc!.Value, 12);
        Assert.Equal(17.0 / 21, p.Gini!.Value, 12);
        Assert.Equal(0, r.Attributes[0].Value);
        Assert.Equal(StabilityBand.Stable, r.Attributes[0].Band);
    }

    [Fact]
    public void Build_ShiftedScores_ScorePsiMatchesHandCalculation()
    {
        // Bins from baseline deciles (edges 1..9): recent shares .3,.1,.1,0,.1,0,0,.1,0,.3 and nothing missing:
        // .2·ln 3 + .2·ln 3 + 4·(.1 − ε)·ln(.1/ε).
        var e = Psi.Epsilon;
        Assert.Equal(0.4 * Math.Log(3) + 4 * (0.1 - e) * Math.Log(0.1 / e), Build().Score.Value, 12);
    }

    [Fact]
    public void ToJson_Report_NamesBandsInWords()
    {
        using var doc = JsonDocument.Parse(MonitoringReports.ToJson(Build()));
        Assert.Equal("majorShift", doc.RootElement.GetProperty("score").GetProperty("band").GetString());
        Assert.Equal("stable", doc.RootElement.GetProperty("attributes")[0].GetProperty("band").GetString());
    }
}
