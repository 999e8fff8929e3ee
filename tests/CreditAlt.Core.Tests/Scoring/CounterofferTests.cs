using CreditAlt.Core.AbilityToPay;
using CreditAlt.Core.Attributes;
using CreditAlt.Core.Scoring;
using static CreditAlt.Core.Tests.TestApplications;

namespace CreditAlt.Core.Tests.Scoring;

/// <summary>
/// The ability-to-pay rule and its counteroffer on the worked application (TestApplications.Worked): median monthly deposits
/// of the last 6 months 3,000, active obligations 1,100 (rent 1,000, utility 100), so 1,900 a month is left for an instalment.
/// </summary>
public sealed class CounterofferTests
{
    private static ScorecardBin Range(double? lower, double? upper, int points) =>
        new(BinKind.Range, $"[{lower}, {upper})", lower, upper, null, lower ?? -1, upper ?? 1, 10, 1, points / 10.0, points);

    // Residual income ratio: below 0 -> 0 points, [0, 0.2) -> 40, 0.2 and more -> 80; base 500; approve at 560, decline below 530.
    private static ScorecardEngine Engine(bool rule = true, bool ratioAttribute = true) => new(new Scorecard(
        "test", "1", ScoreScaling.Default, ratioAttribute ? 500 : 580,
        ratioAttribute
            ?
            [
                new ScorecardAttribute("cashflow_residual_income_ratio", "CF-RES", RiskDirection.LowerIsRiskier, Actionability.Actionable, -1, 0.3,
                    [Range(null, 0, 0), Range(0, 0.2, 40), Range(0.2, null, 80), new ScorecardBin(BinKind.Missing, "missing", null, null, null, null, null, 0, 0, 0, 40)]),
            ]
            :
            [
                new ScorecardAttribute("cashflow_nsf_count_12m", "CF-NSF", RiskDirection.HigherIsRiskier, Actionability.OnlyTime, -1, 0.3,
                    [Range(null, 1, 0), Range(1, null, -20), new ScorecardBin(BinKind.Missing, "missing", null, null, null, null, null, 0, 0, 0, 0)]),
            ],
        new DecisionPolicy(560, 530, [new HistoryRequirement("all_months_history", 6)]) { Affordability = rule ? ProductTerms.Default : null }));

    [Fact]
    public void Assess_UnaffordableAmount_OffersTheHighestApprovedAmount()
    {
        // 60,000 at 18 % over 36 months: 60000 * 0.015 / (1 - 1.015^-36) = 2,169.14 a month; residual 1,900 - 2,169.14 = -269.14,
        // ratio -0.0897: 0 points, score 500, decline. A ratio of 0.2 (residual 600, instalment at most 1,300) scores 580, an
        // approval: 35,950 costs 1,299.68 (residual 600.32, ratio 0.2001), 36,000 costs 1,301.49 (ratio 0.1995, only a refer).
        var a = Engine().Assess(Worked() with { RequestedAmount = 60_000m });

        Assert.Equal(Decision.Decline, a.Decision);
        Assert.Equal(500, a.Score);
        var check = a.Affordability!;
        Assert.Equal((3000m, 1100m, 2169.14m, -269.14m), (check.MonthlyIncome, check.MonthlyObligations, check.MonthlyPayment, check.ResidualIncome));
        Assert.Equal(new Counteroffer(35_950m, 1299.68m, 600.32m, 580), check.Counteroffer);
        var reason = Assert.Single(a.Reasons);
        Assert.Equal(("CF-RES", 80), (reason.Code, reason.PointsLost));
        Assert.Equal("Obligations and the requested loan's instalment would exceed monthly deposits by 9% of deposits", reason.Sentence);
        Assert.Equal(
            "We cannot lend the $60,000.00 you asked for: its monthly instalment of $2,169.14 is more than the $1,900.00 a month that your typical " +
            "monthly deposits ($3,000.00) leave after your obligations ($1,100.00). We can offer $35,950.00 instead, repaid in 36 monthly instalments " +
            "of $1,299.68 at 18 % a year, which leaves $600.32 a month.",
            check.Counteroffer!.Sentence(check));
        // The offer is verified: the application at 35,950 is approved, at 36,000 it is not.
        Assert.Equal(Decision.Approve, Engine().Assess(Worked() with { RequestedAmount = 35_950m }).Decision);
        Assert.Equal(Decision.Refer, Engine().Assess(Worked() with { RequestedAmount = 36_000m }).Decision);
    }

    [Fact]
    public void Assess_ScoreApprovesButAmountUnaffordable_DeclinesWithTheLargestAffordableAmount()
    {
        // A model that does not look at the residual ratio approves at any amount (580 less 20 for the 3 NSF items: 560); the
        // rule declines 60,000 and offers the largest amount whose instalment fits in 1,900: 1900 * (1 - 1.015^-36) / 0.015 =
        // 52,555.30 -> 52,550 (1,899.81 a month, residual 0.19).
        var a = Engine(ratioAttribute: false).Assess(Worked() with { RequestedAmount = 60_000m });

        Assert.Equal(Decision.Decline, a.Decision);
        Assert.Equal(Decision.Approve, a.Affordability!.ScoredDecision);
        Assert.Equal(new Counteroffer(52_550m, 1899.81m, 0.19m, 560), a.Affordability.Counteroffer);
        Assert.Equal("CF-RES", Assert.Single(a.Reasons).Code);
        Assert.Equal(0, a.Reasons[0].PointsLost);
    }

    [Fact]
    public void Assess_AffordableOrNoRuleOrNoRoom_AsScored()
    {
        // Affordable: 2,000 costs 72.30; nothing changes, the check is kept.
        var affordable = Engine(ratioAttribute: false).Assess(Worked());
        Assert.Equal(Decision.Approve, affordable.Decision);
        Assert.Equal(1827.70m, affordable.Affordability!.ResidualIncome);
        Assert.Null(affordable.Affordability.Counteroffer);
        // No rule in the policy (models trained before it): no check at all.
        var noRule = Engine(rule: false, ratioAttribute: false).Assess(Worked() with { RequestedAmount = 60_000m });
        Assert.Equal(Decision.Approve, noRule.Decision);
        Assert.Null(noRule.Affordability);
        // Obligations above deposits: no amount fits, a decline without an offer.
        var noRoom = Engine(ratioAttribute: false).Assess(Worked() with
        {
            CashFlow = [.. Worked().CashFlow.Select(m => m with { Inflow = 1000m })],
        });
        Assert.Equal(Decision.Decline, noRoom.Decision);
        Assert.Null(noRoom.Affordability!.Counteroffer);
        // No bank data: the rule cannot judge, the score decides.
        Assert.Null(Engine(ratioAttribute: false).Assess(Worked() with { RequestedAmount = 60_000m, CashFlow = [] }).Affordability);
    }

    [Fact]
    public void ScorecardJson_PolicyWithTheRule_RoundTrips()
    {
        var model = Engine().Model;
        var json = ScorecardJson.Serialize(model);
        Assert.Contains("\"affordability\": {", json, StringComparison.Ordinal);
        Assert.Equal(ProductTerms.Default, ScorecardJson.Deserialize(json).Policy.Affordability);
        Assert.DoesNotContain("affordability", ScorecardJson.Serialize(Engine(rule: false).Model), StringComparison.Ordinal);
    }
}
