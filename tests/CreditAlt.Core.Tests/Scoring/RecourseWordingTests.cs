using CreditAlt.Core.Attributes;
using CreditAlt.Core.Scoring;

namespace CreditAlt.Core.Tests.Scoring;

/// <summary>
/// Recourse sentences on one-lever scorecards over real catalogue attributes, with bin edges as training leaves them
/// (8191.08, 0.9230769...): the targets come out as amounts a person can act on, still inside the bin they must reach.
/// Base points 500; the approve cut-off decides which bin is needed.
/// </summary>
public sealed class RecourseWordingTests
{
    private static ScorecardBin Range(double? lower, double? upper, double? min, double? max, int points) =>
        new(BinKind.Range, $"[{lower}, {upper})", lower, upper, null, min, max, 10, 1, 0, points);

    private static readonly ScorecardBin Missing = new(BinKind.Missing, "missing", null, null, null, null, null, 10, 1, 0, 5);

    /// <summary>A recourse target as the amount path words it: the value to reach and the catalogue's sentence for the change.</summary>
    private sealed record Target(double To, string Sentence);

    /// <summary>
    /// The nearest bin in the less risky direction that reaches <paramref name="approveAt"/> on a one-attribute scorecard,
    /// its edge (the nearest value training saw in it) rounded by <see cref="RecourseTarget.Round"/> to a value that stays in
    /// that bin, and the catalogue's sentence for moving there.
    /// </summary>
    private static Target Recourse(string id, double value, int approveAt, params ScorecardBin[] bins)
    {
        var d = AttributeCatalogue.Get(id);
        var model = new Scorecard("recourse", "1", ScoreScaling.Default, 500,
            [new ScorecardAttribute(d.Id, d.ReasonCode, d.Direction, d.Actionability, -1, 0.1, [.. bins, Missing])],
            new DecisionPolicy(approveAt, approveAt, [new HistoryRequirement("all_months_history", 6)]));
        var upward = d.Direction == RiskDirection.LowerIsRiskier;
        var from = model.BinOf(0, value);
        var order = upward ? Enumerable.Range(from + 1, bins.Length - from - 1) : Enumerable.Range(0, from).Reverse();
        var target = order.First(b => 500 + bins[b].Points >= approveAt);
        var edge = upward ? bins[target].MinObserved ?? bins[target].Lower!.Value : bins[target].MaxObserved ?? bins[target].Upper!.Value;
        var to = RecourseTarget.Round(edge, upward, d.Kind, v => model.BinOf(0, v) == target);

        // The rounded target is what the applicant is told, so it must itself reach approval.
        var values = new double[AttributeCatalogue.Count];
        Array.Fill(values, double.NaN);
        values[AttributeIndex.AllMonthsHistory] = 24;
        values[AttributeCatalogue.IndexOf(id)] = to;
        Assert.True(new ScorecardEngine(model).Assess(values).Score >= approveAt);
        return new Target(to, d.DescribeChange(value, to));
    }

    private static readonly ScorecardBin[] Balance =
    [
        Range(null, 4963.95, -500, 4963.87, 0),
        Range(4963.95, 8191.08, 4963.95, 8191, 10),
        Range(8191.08, null, 8191.08, 548652.29, 20),
    ];

    [Theory]
    [InlineData(520, 8200, "keep the account balance at or above $8,200 (lowest was $1,000.00)")] // from 8,191.08
    [InlineData(510, 5000, "keep the account balance at or above $5,000 (lowest was $1,000.00)")] // from 4,963.95
    public void Target_Money_RoundsUpToTwoSignificantFigures(int approveAt, double to, string expected)
    {
        var r = Recourse("cashflow_lowest_balance_6m", 1000, approveAt, Balance);

        Assert.Equal(to, r.To);
        Assert.Equal(expected, r.Sentence);
    }

    [Fact]
    public void Target_NegativeMoney_RoundsTowardsTheBetterBin()
    {
        var r = Recourse("cashflow_lowest_balance_6m", -3000, 510,
            Range(null, -1240, -5000, -1241, 0), Range(-1240, 0, -1234.56, -0.01, 10), Range(0, null, 0, 900, 20));

        Assert.Equal("keep the account balance at or above -$1,200 (lowest was -$3,000.00)", r.Sentence);
    }

    [Fact]
    public void Target_OnTimeShare_RoundsUpToAWholePercent()
    {
        var r = Recourse("rent_ontime_share_12m", 0.75, 510,
            Range(null, 0.9230769230769231, 0, 0.9166666666666666, 0), Range(0.9230769230769231, 1, 0.9230769230769231, 0.9583333333333334, 10),
            Range(1, null, 1, 1, 20));

        Assert.Equal(0.93, r.To);
        Assert.Equal("at least 3 more months of on-time rent payments (on-time share over 12 months from 75% to 93%)", r.Sentence);
    }

    [Fact]
    public void Target_ShareInANarrowBin_KeepsTheDecimalItNeeds()
    {
        // 92% would overshoot into the next bin (from 0.9199): the target stays in [0.916, 0.9199) as 91.7%.
        var r = Recourse("rent_ontime_share_12m", 0.75, 510,
            Range(null, 0.916, 0, 0.9, 0), Range(0.916, 0.9199, 0.9166, 0.919, 10), Range(0.9199, null, 0.92, 1, 20));

        Assert.Equal(0.917, r.To);
        Assert.Equal("at least 3 more months of on-time rent payments (on-time share over 12 months from 75% to 91.7%)", r.Sentence);
    }

    private static readonly ScorecardBin[] Burden =
    [
        Range(null, 0.0483, 0.002306800238579016, 0.04832459624633199, 20),
        Range(0.0483, 0.4012, 0.04832471665424699, 0.4012115188779277, 10),
        Range(0.4012, null, 0.4012487455602579, 3.0058363274909263, 0),
    ];

    [Theory]
    [InlineData(510, "lower monthly obligations relative to deposits from 50% to 40% or less")] // from 40.12%
    [InlineData(520, "lower monthly obligations relative to deposits from 50% to 4% or less")]  // from 4.83%
    public void Target_RatioWhereLowerIsBetter_RoundsDown(int approveAt, string expected) =>
        Assert.Equal(expected, Recourse("cashflow_obligation_burden", 0.5, approveAt, Burden).Sentence);

    [Fact]
    public void Target_SmallShare_RoundsToATenthOfAPercentWhenAWholeOneOvershoots()
    {
        var r = Recourse("cashflow_net_flow_ratio_12m", -0.05, 510,
            Range(null, 0.0019633742656818094, -1, 0.0019625210663397215, 0),
            Range(0.0019633742656818094, 0.008637957828274758, 0.0019633742656818094, 0.008637849657629057, 10),
            Range(0.008637957828274758, null, 0.008637957828274758, 0.7000009359980157, 20));

        Assert.Equal("keep at least 0.2% of deposits after spending over 12 months (now -5%)", r.Sentence);
    }

    [Fact]
    public void Target_PartialShare_RoundsDownToAWholePercent() =>
        Assert.Equal("pay every bill in full so that no more than 8% of payments over 12 months are partial (now 25%)",
            Recourse("all_partial_share_12m", 0.25, 520, Range(null, 0.0834, 0, 0.08333333333333333, 20), Range(0.0834, null, 0.0834, 1, 0)).Sentence);

    [Fact]
    public void Target_CountBelowAnExclusiveBound_IsTheWholeNumberUnderIt()
    {
        // The [2, 5) bin recorded no observed maximum, so its edge is the exclusive bound 5: the target is 4.
        var r = Recourse("cashflow_negative_months_12m", 7, 510, Range(null, 2, 0, 1, 20), Range(2, 5, null, null, 10), Range(5, null, 5, 12, 0));

        Assert.Equal(4, r.To);
        Assert.Equal("spend less than is deposited so that no more than 4 months in 12 end negative (now 7)", r.Sentence);
    }

    [Fact]
    public void Target_Months_AreWhole() =>
        Assert.Equal("7 consecutive months of on-time obligation payments (longest run now 3)",
            Recourse("all_longest_ontime_streak", 3, 510, Range(null, 7, 0, 6, 0), Range(7, 9, 7, 8, 10), Range(9, null, 9, 36, 20)).Sentence);

    [Fact]
    public void Target_Count_IsWhole() =>
        Assert.Equal("share the payment history of 1 more type of obligation (for example utility or telecom bills)",
            Recourse("obligation_type_count", 1, 510, Range(null, 2, 1, 1, 0), Range(2, null, 2, 6, 10)).Sentence);

    [Theory]
    [InlineData(8191.08, true, AttributeValueKind.Money, 8200)]
    [InlineData(119.18, true, AttributeValueKind.Money, 120)]
    [InlineData(5.37, true, AttributeValueKind.Money, 6)]
    [InlineData(0.9230769230769231, true, AttributeValueKind.Share, 0.93)]
    [InlineData(0.04832459624633199, false, AttributeValueKind.Share, 0.04)]
    [InlineData(6.5, true, AttributeValueKind.Months, 7)]
    [InlineData(6.5, false, AttributeValueKind.Count, 6)]
    [InlineData(0.9230769230769231, true, AttributeValueKind.Number, 0.9230769230769231)] // no unit, no rounding
    public void Round_AnyValueAccepted_IsTheRoundestStep(double edge, bool upward, AttributeValueKind kind, double expected) =>
        Assert.Equal(expected, RecourseTarget.Round(edge, upward, kind, _ => true));

    [Fact]
    public void Round_NothingRoundFits_KeepsTheEdge() =>
        Assert.Equal(8191.08, RecourseTarget.Round(8191.08, upward: true, AttributeValueKind.Money, v => v < 8191.09));
}
