using CreditAlt.Modeling.Evaluation;

namespace CreditAlt.Modeling.Tests.Evaluation;

public sealed class ReportBuilderTests
{
    // Ten applicants, three defaults (0, 2, 5); 0, 3, 6, 8 are credit-invisible; 6 has insufficient data.
    internal static readonly int[] Score = [560, 575, 590, 605, 615, 625, 640, 655, 670, 700];
    internal static readonly double[] Pd = [0.30, 0.20, 0.15, 0.10, 0.08, 0.05, 0.04, 0.03, 0.02, 0.01];
    internal static readonly bool[] Bad = [true, false, true, false, false, true, false, false, false, false];
    internal static readonly double[] TrueP = [0.35, 0.25, 0.20, 0.10, 0.05, 0.15, 0.03, 0.02, 0.01, 0.04];
    internal static readonly double[] Bureau = [double.NaN, 610, 590, double.NaN, 700, 650, double.NaN, 720, double.NaN, 760];
    internal static readonly bool[] Insufficient = [false, false, false, false, false, false, true, false, false, false];

    internal static EvaluationReport Build() => ReportBuilder.Build(
        ReportPopulation.From(Bad, TrueP, Bureau),
        [new ReportModelInput("champion", Score, Pd, Insufficient, 620, 580)],
        new ReportOptions { Title = "Hand example", Split = "A made-up split:" });

    [Fact]
    public void Build_HandExample_HeadlineFiguresMatchHandCounts()
    {
        var r = Build();
        // Bad PDs .30, .15, .05 against seven goods beat 7 + 6 + 4 = 17 of 21 pairs.
        Assert.Equal(17.0 / 21, r.Auc!.Value, 12);
        Assert.Equal(13.0 / 21, r.Gini!.Value, 12);
        // Ascending PD: after .04 four of seven goods and no bad have passed.
        Assert.Equal(4.0 / 7, r.Ks!.Value, 12);
        // (.7² + .2² + .85² + .1² + .08² + .95² + .04² + .03² + .02² + .01²) / 10.
        Assert.Equal(0.21744, r.Brier!.Value, 12);
        // True PDs of bads .35, .20, .15 beat 7 + 6 + 6 of 21 pairs.
        Assert.Equal(19.0 / 21, r.OracleAuc!.Value, 12);
        Assert.Equal(6.0 / 8, r.OracleAucWithBureau!.Value, 12);
        Assert.Equal(10, r.Applicants);
        Assert.Equal(3, r.Bads);
        Assert.Equal(6, r.WithBureauScore);
    }

    [Fact]
    public void Build_BureauSubset_RanksLowerBureauScoreAsRiskier()
    {
        var r = Build();
        // Bureau bads 590 and 650 against goods 610, 700, 720, 760: 4 + 3 of 8 pairs.
        Assert.Equal(7.0 / 8, r.Bureau!.Auc!.Value, 12);
        Assert.Equal(6, r.Bureau.Applicants);
        // The model on the same six: bad PDs .15 and .05 against goods .20, .08, .03, .01: 3 + 2 of 8.
        Assert.Equal(5.0 / 8, r.Models[0].AucWithBureau!.Value, 12);
    }

    [Fact]
    public void Calibration_TwentyPointBands_GroupsScoresFromBottomOfScale()
    {
        var bands = Build().Models[0].Calibration;
        Assert.Equal([560, 580, 600, 620, 640, 660, 700], bands.Select(b => b.Lower));
        Assert.Equal(2, bands[0].Applicants);
        Assert.Equal(1, bands[0].Bads);
        Assert.Equal(0.25, bands[0].MeanPredicted, 12);
        Assert.Equal(0.5, bands[0].ObservedBadRate, 12);
        Assert.Equal(0.09, bands[2].MeanPredicted, 12);
        Assert.Equal(0, bands[2].ObservedBadRate);
    }

    [Fact]
    public void Deciles_TenApplicants_OnePerDecileLowestScoreFirst()
    {
        var deciles = Build().Models[0].Deciles;
        Assert.Equal(Enumerable.Range(1, 10), deciles.Select(d => d.Decile));
        Assert.Equal(560, deciles[0].MinScore);
        Assert.Equal(1.0, deciles[0].BadRate);
        Assert.Equal(0.30, deciles[0].MeanPredicted!.Value, 12);
        Assert.Equal(700, deciles[9].MaxScore);
    }

    [Fact]
    public void Deciles_SixApplicants_UseFloorBoundaries()
    {
        // Group k takes sorted positions [⌊6k/10⌋, ⌊6(k+1)/10⌋): deciles 1, 3, 6 and 8 are empty.
        var deciles = ReportBuilder.Deciles([5, 1, 4, 2, 6, 3], [false, true, false, true, false, false], null);
        Assert.Equal([2, 4, 5, 7, 9, 10], deciles.Select(d => d.Decile));
        Assert.Equal([1.0, 2, 3, 4, 5, 6], deciles.Select(d => d.MinScore));
        Assert.Null(deciles[0].MeanPredicted);
    }

    [Fact]
    public void Inclusion_InvisibleAndBureauGroups_DecisionSharesAtCutoffs()
    {
        var rows = Build().Models[0].Inclusion;
        var invisible = rows[0];
        Assert.Equal(ReportBuilder.InvisibleGroup, invisible.Group);
        // 560 decline, 605 refer, 640 insufficient data, 670 approve; one bad (560).
        Assert.Equal(4, invisible.Applicants);
        Assert.Equal(0.75, invisible.ScoredShare, 12);
        Assert.Equal(0.25, invisible.ApprovalRate, 12);
        Assert.Equal(0.25, invisible.ReferRate, 12);
        Assert.Equal(0.25, invisible.DeclineRate, 12);
        Assert.Equal(0.25, invisible.InsufficientRate, 12);
        Assert.Equal(0.25, invisible.BadRate, 12);
        Assert.Equal(0.0, invisible.ApprovedBadRate);

        var bureau = rows[1];
        // 575 decline, 590 and 615 refer, 625 (bad), 655, 700 approve.
        Assert.Equal(6, bureau.Applicants);
        Assert.Equal(1.0, bureau.ScoredShare, 12);
        Assert.Equal(0.5, bureau.ApprovalRate, 12);
        Assert.Equal(2.0 / 6, bureau.ReferRate, 12);
        Assert.Equal(1.0 / 6, bureau.DeclineRate, 12);
        Assert.Equal(2.0 / 6, bureau.BadRate, 12);
        Assert.Equal(1.0 / 3, bureau.ApprovedBadRate!.Value, 12);
    }

    [Fact]
    public void Build_InsufficientHistoryNotEvaluated_LeavesDiscriminationButStaysInInclusion()
    {
        var evaluated = Insufficient.Select(x => !x).ToArray();
        var r = ReportBuilder.Build(
            ReportPopulation.From(Bad, TrueP, Bureau, evaluated),
            [new ReportModelInput("champion", Score, Pd, Insufficient, 620, 580)]);
        // Without applicant 6 (PD .04, good): bads .30, .15, .05 beat 6 + 5 + 3 of 18 pairs.
        Assert.Equal(14.0 / 18, r.Auc!.Value, 12);
        Assert.Equal(9, r.Evaluated);
        Assert.Equal(10, r.Applicants);
        Assert.Equal(4, r.Models[0].Inclusion[0].Applicants);
        Assert.Equal(0.25, r.Models[0].Inclusion[0].InsufficientRate, 12);
    }

    [Fact]
    public void Build_ArraysOfDifferentLength_Throws() =>
        Assert.Throws<ArgumentException>(() => ReportBuilder.Build(
            ReportPopulation.From(Bad, TrueP, Bureau), [new ReportModelInput("x", [600], [0.1], [false], 620, 580)]));
}
