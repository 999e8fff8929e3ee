using CreditAlt.Core.Attributes;
using CreditAlt.Core.Scoring;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CreditAlt.Core.Tests.Scoring;

/// <summary>
/// Reasons on a small hand-made scorecard over real catalogue attributes, so the sentences are the ones applicants read.
/// Bins are shaped like the shipped champion's: rent 30-day lates collapse to one ordinary bin that scores below "missing".
/// </summary>
public sealed class ReasonTests
{
    private static ScorecardBin Range(double? lower, double? upper, int points) =>
        new(BinKind.Range, $"[{lower}, {upper})", lower, upper, null, lower ?? -1000, upper ?? 1000, 10, 1, 0, points);

    private static ScorecardBin Missing(int points) => new(BinKind.Missing, "missing", null, null, null, null, null, 10, 1, 0, points);

    private static ScorecardBin Special(double value, int points) => new(BinKind.Special, "special", null, null, value, null, null, 10, 1, 0, points);

    private static ScorecardAttribute Attribute(string id, params ScorecardBin[] bins)
    {
        var d = AttributeCatalogue.Get(id);
        return new ScorecardAttribute(d.Id, d.ReasonCode, d.Direction, d.Actionability, -1, 0.1, bins);
    }

    // rent_late30_count_12m: one ordinary bin (0 points) and missing 2, as in models/champion.
    // all_late30_count_12m: 0 → 60, 1 → 40, 2-3 → 20, 4+ → 0; missing 30.
    // rent_months_since_late30: under 12 months → 0, 12+ → 10; missing 5; "never late" (-1) → 6.
    // cashflow_lowest_balance_6m: below 0 → 0, 0-499.99 → 14, 500+ → 24; missing 16.
    private static readonly Scorecard Model = new("reasons", "1", ScoreScaling.Default, 450,
    [
        Attribute("rent_late30_count_12m", Range(null, null, 0), Missing(2)),
        Attribute("all_late30_count_12m", Range(null, 1, 60), Range(1, 2, 40), Range(2, 4, 20), Range(4, null, 0), Missing(30)),
        Attribute("rent_months_since_late30", Range(null, 12, 0), Range(12, null, 10), Missing(5), Special(AttributeCatalogue.NeverLate, 6)),
        Attribute("cashflow_lowest_balance_6m", Range(null, 0, 0), Range(0, 500, 14), Range(500, null, 24), Missing(16)),
    ],
    new DecisionPolicy(560, 540, [new HistoryRequirement("all_months_history", 6)]));

    private static readonly ScorecardEngine Engine = new(Model);

    private static double[] Values(double rentLates, double allLates, double monthsSinceLate, double lowestBalance)
    {
        var values = new double[AttributeCatalogue.Count];
        Array.Fill(values, double.NaN);
        values[AttributeIndex.AllMonthsHistory] = 24;
        values[AttributeIndex.RentLate30Count12m] = rentLates;
        values[AttributeIndex.AllLate30Count12m] = allLates;
        values[AttributeIndex.RentMonthsSinceLate30] = monthsSinceLate;
        values[AttributeIndex.CashFlowLowestBalance6m] = lowestBalance;
        return values;
    }

    private static (string Code, string Sentence, int PointsLost)[] Reasons(ScoreAssessment a) =>
        [.. a.Reasons.Select(r => (r.Code, r.Sentence, r.PointsLost))];

    [Fact]
    public void Assess_NoRentLatesWhileMissingScoresMore_NeverSaysZeroLatePayments()
    {
        // 450 + 0 (rent lates 0, its only ordinary bin) + 20 (2 lates) + 10 (late 12 months ago) + 0 (balance -50) = 480.
        // Before the fix the reference was the best of all bins (missing, 2), and "0 rent payments were 30 or more days
        // late" came out as a reason.
        var a = Engine.Assess(Values(0, 2, 12, -50));

        Assert.Equal((480, Decision.Decline), (a.Score, a.Decision));
        Assert.Equal(
            [
                ("ALL-L30-12", "2 obligation payments were 30 or more days late in the last 12 months", 40),
                ("CF-LOW", "Account balance fell to -$50.00 in the last 6 months", 24),
            ],
            Reasons(a));
    }

    [Fact]
    public void Assess_NoAccountOfTheTypeOrNoBankData_IsNeverAReason()
    {
        // No rent account (rent lates and months since late missing) and no cash-flow data. Months since late missing (5)
        // is 5 below 10 and balance missing (16) is 8 below 24, but absence is neutral evidence, never a principal reason:
        // only the 1 late payment (20 below 60) is.
        var a = Engine.Assess(Values(double.NaN, 1, double.NaN, double.NaN)); // 450 + 2 + 40 + 5 + 16 = 513

        Assert.Equal((513, Decision.Decline), (a.Score, a.Decision));
        Assert.Equal([("ALL-L30-12", "1 obligation payment was 30 or more days late in the last 12 months", 20)], Reasons(a));
    }

    [Fact]
    public void Assess_LossUnderFivePoints_IsNoReason()
    {
        // "Never late" (-1) scores 6, 4 below the best ordinary bin (10): under the five-point minimum, so only the
        // balance (10 below) is a reason.
        var a = Engine.Assess(Values(0, 0, AttributeCatalogue.NeverLate, 100)); // 450 + 0 + 60 + 6 + 14 = 530

        Assert.Equal((530, Decision.Decline), (a.Score, a.Decision));
        Assert.Equal([("CF-LOW", "Account balance fell to $100.00 in the last 6 months", 10)], Reasons(a));
    }

    [Fact]
    public void Assess_SpecialValueTheOnlyLoss_IsStillGivenInItsOwnWords()
    {
        // Every adverse decision gets a reason: when nothing reaches five points, the largest loss is given, worded for the
        // special value rather than as "-1 months".
        var a = Engine.Assess(Values(0, 0, AttributeCatalogue.NeverLate, 600)); // 450 + 0 + 60 + 6 + 24 = 540

        Assert.Equal((540, Decision.Refer), (a.Score, a.Decision));
        Assert.Equal([("RNT-RCN", "No rent payment 30 or more days late on record", 4)], Reasons(a));
    }

    [Fact]
    public void Assess_EqualLosses_OrderedByModelAttributeOrder()
    {
        // Late 3 months ago loses 10 (0 against 10) and balance 100 loses 10 (14 against 24): the tie keeps model
        // (catalogue) order, rent_months_since_late30 before cashflow_lowest_balance_6m.
        var a = Engine.Assess(Values(0, 2, 3, 100)); // 450 + 0 + 20 + 0 + 14 = 484

        Assert.Equal(
            [
                ("ALL-L30-12", "2 obligation payments were 30 or more days late in the last 12 months", 40),
                ("RNT-RCN", "A rent payment was 30 or more days late 3 months ago", 10),
                ("CF-LOW", "Account balance fell to $100.00 in the last 6 months", 10),
            ],
            Reasons(a));
    }

    /// <summary>One value per attribute of the champion, each from one of its bins: NaN for missing, the special value, or an end of a range.</summary>
    private static Gen<double[]> ChampionValues()
    {
        var model = Champion.Value;
        return Gen.CollectToArray(model.Attributes, attribute =>
            Gen.Elements(attribute.Bins.ToArray()).SelectMany(bin => bin.Kind switch
            {
                BinKind.Missing => Gen.Constant(double.NaN),
                BinKind.Special => Gen.Constant(bin.Value!.Value),
                _ => Gen.Elements(bin.MinObserved!.Value, bin.MaxObserved!.Value),
            }));
    }

    /// <summary>
    /// On the shipped champion, for any mix of bins (ordinary, missing, special) per attribute: every reason lost points
    /// against its best ordinary bin, the reasons are the largest losses in order (ties by attribute order), and no
    /// attribute that lost points is left out while a smaller loss is given.
    /// </summary>
    [Property(MaxTest = 300)]
    public Property ScoreWithReasons_AnyBins_AreTheLargestPositiveLossesInOrder() =>
        Prop.ForAll(ChampionValues().ToArbitrary(), LargestLossesFirst);

    private static bool LargestLossesFirst(double[] values)
    {
        var model = Champion.Value;
        Span<int> reasons = stackalloc int[Scorecard.MaxReasons];
        model.ScoreWithReasons(values, reasons, out var count);

        var expected = Enumerable.Range(0, values.Length)
            .Select(j => (Attribute: j, Lost: model.PointsLost(j, values[j])))
            .Where(x => x.Lost > 0)
            .OrderByDescending(x => x.Lost).ThenBy(x => x.Attribute)
            .Take(Scorecard.MaxReasons)
            .Select(x => x.Attribute);
        return expected.SequenceEqual(reasons[..count].ToArray());
    }

    private static readonly Lazy<Scorecard> Champion = new(() =>
        ScorecardJson.Deserialize(File.ReadAllText(Path.Combine(RepoRoot.Find(), "models", "champion", "scorecard.json"))));
}
