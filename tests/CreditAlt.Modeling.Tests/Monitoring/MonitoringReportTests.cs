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

public sealed class MonitoringChecksTests
{
    [Fact]
    public void Csi_TwoBins_IsShareShiftTimesPoints()
    {
        // Bin 0 (value < 5) is worth 10 points, bin 1 worth 30. Baseline shares .5/.5, recent .25/.75:
        // CSI = (.25 − .5)·10 + (.75 − .5)·30 = 5 points gained by the average applicant.
        double[] baseline = [1, 2, 6, 7];
        double[] recent = [1, 6, 7, 8];
        var r = Csi.Compute("a", baseline, recent, v => v < 5 ? (0, "< 5", 10) : (1, "≥ 5", 30));
        Assert.Equal(5, r.Value, 12);
        Assert.Equal([-2.5, 7.5], r.Bins.Select(b => b.Contribution));
    }

    [Theory]
    [InlineData(0.0999, MonitoringStatus.Ok)]
    [InlineData(0.10, MonitoringStatus.Warn)]
    [InlineData(0.2499, MonitoringStatus.Warn)]
    [InlineData(0.25, MonitoringStatus.Alert)]
    public void PsiStatus_DefaultThresholds(double psi, MonitoringStatus expected) =>
        Assert.Equal(expected, new MonitoringThresholds().PsiStatus(psi));

    [Fact]
    public void Build_RecentPredictsTooLow_CalibrationAlertsAndOverallAlert()
    {
        // 100 applicants each predicted 5 %. Baseline observes 5 bads (Wilson 2.2 %–11.2 %: ok); recent 20 (13.3 %–28.9 %: alert).
        var scores = Enumerable.Range(0, 100).Select(i => 600.0 + i).ToArray();
        var pd = Enumerable.Repeat(0.05, 100).ToArray();
        double[][] attributes = [Enumerable.Range(0, 100).Select(i => (double)(i % 7)).ToArray()];
        var baseline = new MonitoringWindow("baseline", scores, attributes, [.. Enumerable.Range(0, 100).Select(i => i < 5)]) { ProbabilityOfDefault = pd };
        var recent = new MonitoringWindow("recent", scores, attributes, [.. Enumerable.Range(0, 100).Select(i => i < 20)]) { ProbabilityOfDefault = pd };

        var r = MonitoringReports.Build("m", "1", ["a"], baseline, recent);

        Assert.Equal([MonitoringStatus.Ok, MonitoringStatus.Alert], r.Calibration.Select(c => c.Status));
        Assert.Equal(0.2, r.Calibration[1].ObservedRate, 12);
        Assert.Equal(MonitoringStatus.Alert, r.Status);
        // The same scores and attributes: both PSI checks are ok; AUC is 1 in both windows (bads have the lowest scores).
        Assert.Equal(MonitoringStatus.Ok, r.Checks.Single(c => c.Figure == "PSI score").Status);
        Assert.Equal(MonitoringStatus.Ok, r.Checks.Single(c => c.Figure.StartsWith("AUC", StringComparison.Ordinal)).Status);
        Assert.Contains("ALERT", MonitoringReports.ToMarkdown(r));
        Assert.Contains("<svg", MonitoringReports.ToHtml(r));
    }
}
