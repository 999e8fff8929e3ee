using CreditAlt.Core.Applications;
using CreditAlt.Core.Attributes;
using CreditAlt.Core.Recourse;
using CreditAlt.Core.Scoring;

namespace CreditAlt.Core.Tests.Recourse;

public sealed class TimePathTests
{
    // One attribute: 30-day lates in 12 months. None scores 50, one or more 0, missing 0; base 540, approve at 590.
    private static readonly ScorecardEngine Engine = new(new Scorecard("t", "1", ScoreScaling.Default, 540,
        [
            new ScorecardAttribute("all_late30_count_12m", "ALL-L30-12", RiskDirection.HigherIsRiskier, Actionability.OnlyTime, -1, 0.5,
            [
                new ScorecardBin(BinKind.Range, "< 1", null, 1, null, 0, 0, 10, 1, 1, 50),
                new ScorecardBin(BinKind.Range, ">= 1", 1, null, null, 1, 9, 10, 5, -1, 0),
                new ScorecardBin(BinKind.Missing, "missing", null, null, null, null, null, 0, 0, 0, 0),
            ]),
        ],
        new DecisionPolicy(590, 560, [new HistoryRequirement("all_months_history", 6)])));

    /// <summary>Rent due on the 15th from July 2024 to June 2026, all on time but February 2026, paid 40 days late.</summary>
    private static Application RentWithOneLate(DateOnly asOf, int months = 24)
    {
        var payments = Enumerable.Range(0, months).Select(i =>
        {
            var due = new DateOnly(2026, 6, 15).AddMonths(i - months + 1);
            var paid = due == new DateOnly(2026, 2, 15) ? due.AddDays(40) : due;
            return new PaymentRecord(due, 1200m, paid, 1200m);
        }).ToArray();
        return new Application("A1", "P1", asOf, 5000m, [new ObligationAccount("R1", ObligationType.Rent, "Landlord", 1200m, payments)], []);
    }

    [Fact]
    public void Find_OneLatePayment_ApprovedInTheMonthItLeavesTheTwelveMonthWindow()
    {
        var application = RentWithOneLate(new DateOnly(2026, 6, 30));
        Assert.Equal(Decision.Decline, Engine.Assess(application).Decision); // 540 < 560

        var time = TimePath.Find(application, Engine);

        // At 2027-01-31 the window starts after 2026-01-31 and still holds February 15; at 2027-02-28 it starts after 2026-02-28.
        Assert.Equal((8, new DateOnly(2027, 2, 28), 590), (time.ApprovedAfterMonths, time.ApprovedFrom, time.ApprovedScore));
        Assert.Equal(
            "If you keep paying every bill on time, an application from February 2027 would be approved under this model: " +
            "your late payment of February 2026 leaves the 12-month window then.",
            TimePath.Sentence(application, time.ApprovedFrom!.Value, 8));
    }

    [Fact]
    public void Advance_AddsOnePaidOnTimePaymentAMonthAndMovesTheAsOfDateToTheMonthEnd()
    {
        var future = new FutureApplications(RentWithOneLate(new DateOnly(2026, 6, 30)));
        future.Advance();
        var next = future.Advance();

        Assert.Equal(new DateOnly(2026, 8, 31), next.AsOfDate);
        var payments = next.Obligations[0].Payments;
        Assert.Equal(26, payments.Count);
        Assert.Equal(new PaymentRecord(new DateOnly(2026, 8, 15), 1200m, new DateOnly(2026, 8, 15), 1200m), payments[^1]);
    }

    [Fact]
    public void Advance_CashFlowMonthsAreTheMeanOfTheLastTwelveWithoutNsf()
    {
        var months = Enumerable.Range(0, 14).Select(i => new CashFlowMonth(new DateOnly(2025, 5, 1).AddMonths(i), 1000m + i, 900m, 100m + i, 1)).ToArray();
        var application = RentWithOneLate(new DateOnly(2026, 6, 30)) with { CashFlow = months };
        var next = new FutureApplications(application).Advance();

        // The last twelve are i = 2..13: inflow mean 1007.5, lowest balance mean 107.5.
        Assert.Equal(new CashFlowMonth(new DateOnly(2026, 7, 1), 1007.5m, 900m, 107.5m, 0), next.CashFlow[^1]);
        Assert.Equal(15, next.CashFlow.Count);
    }

    [Fact]
    public void Plan_InsufficientData_TimePathToTheFirstMonthWithEnoughHistory()
    {
        // Five months of history (February to June 2026): enough (6) at the end of July 2026.
        var application = RentWithOneLate(new DateOnly(2026, 6, 30), months: 5);
        var values = AttributeCalculator.Compute(application);
        var assessment = Engine.Assess(values);
        Assert.Equal(Decision.InsufficientData, assessment.Decision);

        var plan = RecoursePlanner.Plan(application, values, Engine, assessment)!;

        Assert.Equal(new DateOnly(2026, 7, 31), plan.EnoughHistoryFrom);
        Assert.Equal("decline", plan.DecisionThen); // the February late is still inside 12 months
        Assert.Equal(new DateOnly(2027, 2, 28), plan.ApprovedFrom);
        var first = plan.Actions[0];
        Assert.Equal((RecourseAction.Time, "all_months_history", 5.0, 6.0, 1, new DateOnly(2026, 7, 31)),
            (first.Kind, first.Attribute, first.Current, first.Target, first.Months, first.ByDate));
    }
}
