using System.Globalization;
using System.Runtime.CompilerServices;
using CreditAlt.Modeling.Evaluation;

namespace CreditAlt.Modeling.Tests.Evaluation;

public sealed class UncertaintyTests
{
    private static string Here([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    // pROC's aSAH data (Turck et al. 2010, Intensive Care Med 36:107–115): 113 patients, 41 with a poor outcome.
    private static (bool[] Poor, double[] Wfns, double[] S100b, double[] Ndka) Asah()
    {
        var rows = File.ReadAllLines(Path.Combine(Here(), "asah.csv")).Skip(1).Select(l => l.Split(',')).ToArray();
        double Col(string[] r, int k) => double.Parse(r[k], CultureInfo.InvariantCulture);
        return ([.. rows.Select(r => r[0] == "Poor")], [.. rows.Select(r => Col(r, 1))], [.. rows.Select(r => Col(r, 2))], [.. rows.Select(r => Col(r, 3))]);
    }

    [Fact]
    public void DeLong_Asah_MatchesPublishedProcFigures()
    {
        var (poor, wfns, s100b, ndka) = Asah();
        Assert.Equal(113, poor.Length);
        Assert.Equal(41, poor.Count(p => p));

        // pROC: roc.test(r.wfns, r.s100b) gives Z = 2.20898359144091, p = 0.0271757822291882,
        // 95 % interval of the difference (0.0104061769564846, 0.174214419249478).
        var t = DeLong.Compare("wfns", wfns, "s100b", s100b, poor)!;
        Assert.Equal(2.20898359144091, t.Z, 1e-10);
        Assert.Equal(0.0271757822291882, t.PValue, 1e-12);
        Assert.Equal(0.0104061769564846, t.DifferenceInterval.Low, 1e-10);
        Assert.Equal(0.174214419249478, t.DifferenceInterval.High, 1e-10);

        // roc.test(r.ndka, r.s100b): Z = -1.39077002573558, p = 0.164295175223054.
        var u = DeLong.Compare("ndka", ndka, "s100b", s100b, poor)!;
        Assert.Equal(-1.39077002573558, u.Z, 1e-10);
        Assert.Equal(0.164295175223054, u.PValue, 1e-10);

        // var(r.wfns) = 0.00146991470882363 and auc 0.823678861788618; var(r.s100b) = 0.00266868245717244.
        var w = DeLong.Auc(wfns, poor)!;
        Assert.Equal(0.823678861788618, w.Auc, 1e-12);
        Assert.Equal(0.00146991470882363, w.StandardError * w.StandardError, 1e-14);
        Assert.Equal(0.00266868245717244, Math.Pow(DeLong.Auc(s100b, poor)!.StandardError, 2), 1e-14);
        // ci(r.ndka) = (0.501244999271703, 0.722670989888189).
        var n = DeLong.Auc(ndka, poor)!;
        Assert.Equal(0.501244999271703, n.Interval.Low, 1e-10);
        Assert.Equal(0.722670989888189, n.Interval.High, 1e-10);
    }

    [Fact]
    public void DeLong_SameScoreTwice_ZeroAndPOne()
    {
        var (poor, wfns, _, _) = Asah();
        var t = DeLong.Compare("a", wfns, "b", wfns, poor)!;
        Assert.Equal(0, t.Z);
        Assert.Equal(1, t.PValue);
    }

    [Theory]
    // Newcombe (1998), Stat Med 17:857–872, Table I, method 3 (Wilson score).
    [InlineData(81, 263, 0.2553, 0.3662)]
    [InlineData(15, 148, 0.0624, 0.1605)]
    [InlineData(0, 20, 0.0000, 0.1611)]
    [InlineData(1, 29, 0.0061, 0.1718)]
    public void Wilson_NewcombeExamples(int x, int n, double low, double high)
    {
        var i = StandardNormal.Wilson(x, n)!;
        Assert.Equal(low, Math.Round(i.Low, 4));
        Assert.Equal(high, Math.Round(i.High, 4));
    }

    [Fact]
    public void Bootstrap_SmallCase_AgreesWithExactEnumeration()
    {
        // bootstrap_exact.py lists every stratified resample of this case; its output is bootstrap_exact.out.txt.
        double[] risk = [0.9, 0.6, 0.4, 0.35, 0.7, 0.5, 0.4, 0.2, 0.1];
        bool[] bad = [true, true, true, true, false, false, false, false, false];
        var (auc, ks) = Bootstrap.Draw(risk, bad, 200_000, seed: 11)!.Value;
        var exact = File.ReadAllText(Path.Combine(Here(), "bootstrap_exact.out.txt"));
        Assert.Contains("AUC mean 0.6750000000 sd 0.1856576150", exact);
        Assert.Contains("KS mean 0.5559975000 sd 0.1719304874", exact);
        // Monte Carlo error of a mean over 200,000 resamples: sd / √200,000 ≈ 0.0004; allow 0.002.
        Assert.Equal(0.675, auc.Average(), 0.002);
        Assert.Equal(0.1856576150, StandardDeviation(auc), 0.002);
        Assert.Equal(0.5559975, ks.Average(), 0.002);
        Assert.Equal(0.1719304874, StandardDeviation(ks), 0.002);
        // Exact percentiles: AUC 0.25 and 1 (cumulative probability 0.0177 below, 0.0273 at 0.25), KS upper 1.
        var intervals = Bootstrap.Intervals(risk, bad, 200_000, seed: 11)!;
        Assert.Contains("AUC quantile 0.025 = 1/4", exact);
        Assert.Equal(0.25, intervals.Auc.Low, 12);
        Assert.Equal(1.0, intervals.Auc.High, 12);
        Assert.Equal(-0.5, intervals.Gini.Low, 12);
        Assert.Equal(1.0, intervals.Ks.High, 12);
    }

    [Fact]
    public void Bootstrap_SameSeed_SameInterval_OtherSeed_Differs()
    {
        var (poor, wfns, _, _) = Asah();
        var a = Bootstrap.Intervals(wfns, poor, 500, seed: 3)!;
        Assert.Equal(a, Bootstrap.Intervals(wfns, poor, 500, seed: 3));
        Assert.NotEqual(a, Bootstrap.Intervals(wfns, poor, 500, seed: 4));
        Assert.True(a.Auc.Contains(0.823678861788618));
        Assert.Equal(500, a.Resamples);
    }

    [Fact]
    public void CalibrationFit_OneGroup_InterceptIsLogitDifference()
    {
        // 100 applicants predicted 10 %, 20 observed: a = logit(.2) − logit(.1), SE = 1/√(100·.2·.8).
        var pd = Enumerable.Repeat(0.1, 100).ToArray();
        var bad = Enumerable.Range(0, 100).Select(i => i < 20).ToArray();
        var (a, se) = CalibrationFit.FitIntercept([.. pd.Select(p => Math.Log(p / (1 - p)))], [.. bad.Select(b => b ? 1.0 : 0.0)]);
        Assert.Equal(Math.Log(0.25) - Math.Log(1.0 / 9), a, 10);
        Assert.Equal(1 / Math.Sqrt(16), se, 10);
    }

    [Fact]
    public void CalibrationFit_TwoGroups_SlopeAndErrorByHand()
    {
        // Groups predicted 10 % and 30 % observe 20 % and 40 % (100 each). Two points: the fitted line passes through
        // both observed logits, so b = (logit .4 − logit .2) / (logit .3 − logit .1) and
        // Var b = (1/(100·.2·.8) + 1/(100·.4·.6)) / (logit .3 − logit .1)².
        var pd = Enumerable.Repeat(0.1, 100).Concat(Enumerable.Repeat(0.3, 100)).ToArray();
        var bad = Enumerable.Range(0, 200).Select(i => i < 20 || (i >= 100 && i < 140)).ToArray();
        static double Logit(double p) => Math.Log(p / (1 - p));
        var dx = Logit(0.3) - Logit(0.1);
        var s = CalibrationFit.Fit(pd, bad)!;
        Assert.Equal((Logit(0.4) - Logit(0.2)) / dx, s.Slope, 9);
        var se = Math.Sqrt(1 / 16.0 + 1 / 24.0) / dx;
        Assert.Equal(s.Slope - StandardNormal.Z975 * se, s.SlopeInterval.Low, 9);
        Assert.Equal(0.2, s.MeanPredicted, 12);
        Assert.Equal(0.3, s.ObservedRate, 12);
        Assert.Equal(StandardNormal.Wilson(60, 200), s.ObservedInterval);
    }

    private static double StandardDeviation(double[] x)
    {
        var m = x.Average();
        return Math.Sqrt(x.Sum(v => (v - m) * (v - m)) / (x.Length - 1));
    }
}

public sealed class ReportEvidenceTests
{
    [Fact]
    public void Build_TwoModelsAndSegments_CarriesDeLongIntervalsAndSegmentFigures()
    {
        double[] other = [0.25, 0.10, 0.30, 0.12, 0.02, 0.08, 0.05, 0.04, 0.01, 0.03];
        bool[] segment = [true, true, true, true, true, false, false, false, false, false];
        var population = ReportPopulation.From(ReportBuilderTests.Bad, ReportBuilderTests.TrueP, ReportBuilderTests.Bureau)
            with { Segments = [new PopulationSegment("first five", segment)] };
        var r = ReportBuilder.Build(population,
            [new ReportModelInput("champion", ReportBuilderTests.Score, ReportBuilderTests.Pd, ReportBuilderTests.Insufficient, 620, 580),
             new ReportModelInput("other", ReportBuilderTests.Score, other, ReportBuilderTests.Insufficient, 620, 580)],
            new ReportOptions { BootstrapResamples = 200, BootstrapSeed = 5 });

        var expected = DeLong.Compare("champion", ReportBuilderTests.Pd, "other", other, ReportBuilderTests.Bad);
        Assert.Equal(expected, r.Comparisons[0]);
        Assert.Equal(["champion", "other"], r.Comparisons.Skip(1).Select(c => c.First));
        Assert.All(r.Comparisons.Skip(1), c => Assert.Equal("bureau score", c.Second));
        Assert.Equal(Bootstrap.Intervals(ReportBuilderTests.Pd, ReportBuilderTests.Bad, 200, 5), r.Models[0].Intervals);

        var s = r.Models[0].Segments.Single();
        Assert.Equal(("first five", 5, 2), (s.Segment, s.Applicants, s.Bads));
        // Bads 0 and 2 (PD .30, .15) against goods .20, .10, .08: 3 + 2 of 6 pairs.
        Assert.Equal(5.0 / 6, s.Auc!.Auc, 12);
        Assert.Equal(StandardNormal.Wilson(2, 5), s.Calibration!.ObservedInterval);
        Assert.Equal(StandardNormal.Wilson(1, 2), r.Models[0].Calibration[0].ObservedInterval);
    }
}
