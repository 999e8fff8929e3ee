using CreditAlt.Core.Applications;
using CreditAlt.Core.Attributes;
using static CreditAlt.Core.Attributes.AttributeIndex;
using static CreditAlt.Core.Tests.TestApplications;

namespace CreditAlt.Core.Tests.Attributes;

public sealed class AttributeCalculatorTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void Compute_WorkedRentHistory_MatchesHandCalculation()
    {
        var v = AttributeCalculator.Compute(Worked());

        // 12-month window: due after 2025-06-30, so July 2025 .. June 2026 = 12 rent records;
        // on time: Jul (early), Aug (5 days, grace), Dec..Jun (7) = 9 of 12.
        Assert.Equal(9.0 / 12, v[RentOnTimeShare12m], Tolerance);
        // 24 months: all 14; May 2025 on time too, June 2025 (44 days) not: 10 of 14.
        Assert.Equal(10.0 / 14, v[RentOnTimeShare24m], Tolerance);
        Assert.Equal(1, v[RentLate30Count12m]);          // November (unpaid); June 2025 is outside 12 months
        Assert.Equal(1, v[RentLate60Count24m]);          // November only; June 2025 was 44 days
        Assert.Equal(7, v[RentMonthsSinceLate30]);       // Nov 2025 -> Jun 2026
        Assert.Equal(7, v[RentLongestOnTimeStreak]);     // Dec 2025 .. Jun 2026
        Assert.Equal(14, v[RentMonthsHistory]);          // May 2025 .. Jun 2026 inclusive
    }

    [Fact]
    public void Compute_PendingUtilityPayment_IsExcludedFromShares()
    {
        var v = AttributeCalculator.Compute(Worked());

        Assert.Equal(1.0, v[UtilityOnTimeShare12m]);     // 2 judged, both on time; June is pending
        Assert.Equal(1.0, v[UtilityOnTimeShare24m]);
        Assert.Equal(0, v[UtilityLate30Count12m]);
        Assert.Equal(3, v[UtilityMonthsHistory]);        // Apr .. Jun
    }

    [Fact]
    public void Compute_NoAccountOfAType_GivesMissingForThatType()
    {
        var v = AttributeCalculator.Compute(Worked());

        Assert.True(double.IsNaN(v[TelecomOnTimeShare12m]));
        Assert.True(double.IsNaN(v[TelecomOnTimeShare24m]));
        Assert.True(double.IsNaN(v[TelecomLate30Count12m]));
        Assert.True(double.IsNaN(v[TelecomMonthsHistory]));
        Assert.True(double.IsNaN(v[ChildcareOnTimeShare12m]));
        Assert.True(double.IsNaN(v[ChildcareLate30Count12m]));
        Assert.True(double.IsNaN(v[ChildcareMonthsHistory]));
        Assert.Equal(2, v[ObligationTypeCount]);
    }

    [Fact]
    public void Compute_AllObligations_CombineRentAndUtility()
    {
        var v = AttributeCalculator.Compute(Worked());

        Assert.Equal(1, v[AllLate30Count12m]);
        Assert.Equal(1, v[AllLate60Count24m]);
        Assert.Equal(1, v[AllLate90Count24m]);           // November: 241 days
        Assert.Equal(7, v[AllMonthsSinceLate30]);
        Assert.Equal(7, v[AllLongestOnTimeStreak]);
        Assert.Equal(1.0 / 14, v[AllPartialShare12m], Tolerance); // October, of 12 rent + 2 judged utility
        Assert.Equal(1, v[AllMissedCount24m]);           // November; the pending utility bill is not missed
        Assert.Equal(14, v[AllMonthsHistory]);
    }

    [Fact]
    public void Compute_CashFlow_MatchesHandCalculation()
    {
        var v = AttributeCalculator.Compute(Worked());

        // Active obligations 1000 + 100; average inflow over 6 months 18000 / 6 = 3000.
        Assert.Equal(1100.0 / 3000, v[CashFlowObligationBurden], Tolerance);
        // Inflows 3000,3000,2000,4000,3000,3000: mean 3000, population variance 2,000,000 / 6.
        Assert.Equal(Math.Sqrt(2_000_000.0 / 6) / 3000, v[CashFlowInflowCv12m], 1e-12);
        Assert.Equal(3, v[CashFlowNsfCount12m]);
        Assert.Equal(-50, v[CashFlowLowestBalance6m]);
        Assert.Equal(3, v[CashFlowNegativeMonths12m]);   // Feb, Mar, Jun
        Assert.Equal(500.0 / 18000, v[CashFlowNetFlowRatio12m], Tolerance);
        Assert.Equal(6, v[CashFlowMonths]);
    }

    [Fact]
    public void Compute_AbilityToPay_MatchesHandCalculation()
    {
        var v = AttributeCalculator.Compute(Worked());

        // Inflows of the last 6 months (Jan..Jun 2026) sorted: 2000, 3000, 3000, 3000, 3000, 4000: median 3000, lowest 2000.
        Assert.Equal(2000.0 / 3000, v[CashFlowIncomeStability6m], Tolerance);
        // 2,000 requested at 18 % a year over 36 months: 2000 * 0.015 / (1 - 1.015^-36) = 72.3048 -> 72.30 a month.
        // Residual 3000 - 1100 (rent and utility, both active) - 72.30 = 1827.70; 1827.70 / 3000 = 0.609233...
        Assert.Equal(72.30m, AbilityToPay.ProductTerms.Default.MonthlyPayment(2000m));
        Assert.Equal(0.6092333333333333, v[CashFlowResidualIncomeRatio], Tolerance);
        Assert.Equal((3000m, 1100m), AttributeCalculator.ResidualIncomeInputs(Worked()));
    }

    [Fact]
    public void Compute_AbilityToPay_EdgeCases()
    {
        static Application With(decimal requested, params decimal[] inflows) => Worked() with
        {
            RequestedAmount = requested,
            CashFlow = [.. inflows.Select((inflow, i) => new CashFlowMonth(new DateOnly(2026, 6 - i, 1), inflow, 0m, 0m, 0))],
        };

        // Two months: a median (the mean of the two) but no stability (needs 3).
        var two = AttributeCalculator.Compute(With(0m, 1000m, 3000m));
        Assert.True(double.IsNaN(two[CashFlowIncomeStability6m]));
        Assert.Equal((2000.0 - 1100) / 2000, two[CashFlowResidualIncomeRatio], Tolerance);
        // Obligations and the instalment beyond deposits: floored at -1; no deposits at all with something due: -1.
        Assert.Equal(-1, AttributeCalculator.Compute(With(25_000m, 500m, 500m, 500m))[CashFlowResidualIncomeRatio]);
        var none = AttributeCalculator.Compute(With(0m, 0m, 0m, 0m));
        Assert.Equal(-1, none[CashFlowResidualIncomeRatio]);
        Assert.Equal(0, none[CashFlowIncomeStability6m]);
        // Months older than 6 are not income now: cash flow only before 2025-12-30 leaves both missing.
        var old = Worked() with { CashFlow = [new CashFlowMonth(new DateOnly(2025, 11, 1), 3000m, 0m, 0m, 0)] };
        var values = AttributeCalculator.Compute(old);
        Assert.True(double.IsNaN(values[CashFlowIncomeStability6m]));
        Assert.True(double.IsNaN(values[CashFlowResidualIncomeRatio]));
        Assert.Equal(0.0, AttributeCalculator.ResidualIncomeRatio(0m, 0m, 0m));
    }

    [Fact]
    public void Compute_NoCashFlow_GivesMissingCashFlowAttributes()
    {
        var app = Worked() with { CashFlow = [] };
        var v = AttributeCalculator.Compute(app);

        for (var i = CashFlowObligationBurden; i < AttributeIndex.Count; i++)
            Assert.True(double.IsNaN(v[i]), AttributeCatalogue.All[i].Id);
    }

    [Fact]
    public void Compute_LeapYearAsOf_WindowStartsAfterSameDayAYearBefore()
    {
        // As of 2024-02-29 the 12-month window starts after 2023-02-28 (AddMonths clamps to month end).
        var payments = new List<PaymentRecord>
        {
            Paid("2023-02-28", "2023-02-28", 800m),
            Paid("2023-03-01", "2023-04-05", 800m), // 35 days late
        };
        for (var m = 4; m <= 14; m++)
        {
            var due = new DateOnly(2023, 1, 1).AddMonths(m - 1);
            payments.Add(new PaymentRecord(due, 800m, due, 800m));
        }
        var app = Make("2024-02-29", [new("R", ObligationType.Rent, "Landlord", 800m, payments)]);

        var v = AttributeCalculator.Compute(app);

        Assert.Equal(11.0 / 12, v[RentOnTimeShare12m], Tolerance);  // Mar 2023 .. Feb 2024
        Assert.Equal(12.0 / 13, v[RentOnTimeShare24m], Tolerance);
        Assert.Equal(1, v[RentLate30Count12m]);
        Assert.Equal(11, v[RentMonthsSinceLate30]);                  // Mar 2023 -> Feb 2024
        Assert.Equal(13, v[RentMonthsHistory]);                      // Feb 2023 .. Feb 2024
        Assert.Equal(11, v[RentLongestOnTimeStreak]);
    }

    [Theory]
    [InlineData("2024-01-31", "2024-03-01", 30)] // leap February: 29 + 1 days
    [InlineData("2023-01-31", "2023-03-01", 29)] // ordinary February: 28 + 1 days
    [InlineData("2023-12-31", "2024-01-30", 30)] // across a year end
    [InlineData("2024-03-10", "2024-03-01", 0)]  // paid early
    public void DaysPastDue_MonthEnds_CountCalendarDays(string due, string paid, int expected)
    {
        Assert.Equal(expected, PaymentTiming.DaysPastDue(Paid(due, paid, 10m), D("2024-06-30")));
    }

    [Fact]
    public void Compute_HistoryShorterThanWindow_UsesRecordsThatExist()
    {
        var app = Make("2026-06-30",
        [
            new("T", ObligationType.Telecom, "Mobile Co", 60m,
            [
                Paid("2026-04-15", "2026-04-15", 60m),
                Paid("2026-05-15", "2026-06-20", 60m), // 36 days late
                Paid("2026-06-15", "2026-06-15", 60m),
            ]),
        ]);

        var v = AttributeCalculator.Compute(app);

        Assert.Equal(2.0 / 3, v[TelecomOnTimeShare12m], Tolerance);
        Assert.Equal(2.0 / 3, v[TelecomOnTimeShare24m], Tolerance);
        Assert.Equal(1, v[TelecomLate30Count12m]);
        Assert.Equal(3, v[TelecomMonthsHistory]);
        Assert.Equal(1, v[AllMonthsSinceLate30]); // May -> June
        Assert.False(AttributeCalculator.HasSufficientHistory(v));
        Assert.True(double.IsNaN(v[RentOnTimeShare12m]));
    }

    [Fact]
    public void Compute_OnlyOldHistory_LeavesWindowAttributesMissing()
    {
        var app = Make("2026-06-30",
        [
            new("C", ObligationType.Childcare, "Little Steps", 700m,
            [
                Paid("2023-01-05", "2023-01-05", 700m),
                Paid("2023-02-05", "2023-02-05", 700m),
            ]),
        ]);

        var v = AttributeCalculator.Compute(app);

        Assert.True(double.IsNaN(v[ChildcareOnTimeShare12m]));
        Assert.True(double.IsNaN(v[ChildcareLate30Count12m]));
        Assert.Equal(42, v[ChildcareMonthsHistory]); // Jan 2023 .. Jun 2026
        Assert.Equal(AttributeCatalogue.NeverLate, v[AllMonthsSinceLate30]);
        Assert.Equal(2, v[AllLongestOnTimeStreak]);
        Assert.True(double.IsNaN(v[CashFlowObligationBurden]));
    }

    [Fact]
    public void Compute_PaymentsOutOfOrder_GiveSameValuesAsInOrder()
    {
        var app = Worked();
        var shuffled = app with
        {
            Obligations = [.. app.Obligations.Reverse().Select(a => a with { Payments = [.. a.Payments.Reverse()] })],
        };

        Assert.Equal(AttributeCalculator.Compute(app), AttributeCalculator.Compute(shuffled));
    }

    [Fact]
    public void Compute_PaymentsInAListOrAReadOnlyCollection_SameAsInAnArray()
    {
        var app = Worked();
        var asList = app with { Obligations = [.. app.Obligations.Select(a => a with { Payments = new List<PaymentRecord>(a.Payments) })] };
        var asCollection = app with { Obligations = [.. app.Obligations.Select(a => a with { Payments = a.Payments.ToList().AsReadOnly() })] };

        Assert.Equal(AttributeCalculator.Compute(app), AttributeCalculator.Compute(asList));
        Assert.Equal(AttributeCalculator.Compute(app), AttributeCalculator.Compute(asCollection));
    }

    [Fact]
    public void Compute_NoObligations_HasInsufficientHistory()
    {
        var v = AttributeCalculator.Compute(Make("2026-06-30", []));

        Assert.True(double.IsNaN(v[AllMonthsHistory]));
        Assert.Equal(0, v[ObligationTypeCount]);
        Assert.False(AttributeCalculator.HasSufficientHistory(v));
    }

    [Fact]
    public void Compute_ZeroInflowWithObligations_CapsBurden()
    {
        var app = Worked() with
        {
            CashFlow = [.. Enumerable.Range(1, 6).Select(m => new CashFlowMonth(new DateOnly(2026, m, 1), 0m, 100m, -20m, 0))],
        };

        var v = AttributeCalculator.Compute(app);

        Assert.Equal(AttributeCalculator.RatioCap, v[CashFlowObligationBurden]);
        Assert.Equal(AttributeCalculator.RatioCap, v[CashFlowInflowCv12m]);
        Assert.Equal(-1, v[CashFlowNetFlowRatio12m]);
    }

    [Fact]
    public void Compute_AccountsInAnyOrder_GiveTheSameBurdenToTheLastBit()
    {
        // 0.1 + 0.2 + 0.3 is 0.6000000000000001 as doubles in that order and 0.6 in the other; as money it is 0.60,
        // and over an average inflow of 1.00 the burden is exactly the double nearest 0.6, whatever the order.
        static ObligationAccount Telecom(string id, decimal monthly) =>
            new(id, ObligationType.Telecom, "Carrier " + id, monthly, [Paid("2026-06-01", "2026-06-01", monthly)]);
        var cashFlow = Enumerable.Range(1, 6).Select(m => new CashFlowMonth(new DateOnly(2026, m, 1), 1.00m, 0.50m, 10m, 0)).ToArray();
        var forward = Make("2026-06-30", [Telecom("A", 0.10m), Telecom("B", 0.20m), Telecom("C", 0.30m)], cashFlow);
        var backward = forward with { Obligations = forward.Obligations.Reverse().ToArray(), CashFlow = cashFlow.Reverse().ToArray() };

        Assert.Equal(0.6, AttributeCalculator.Compute(forward)[CashFlowObligationBurden]);
        Assert.Equal(0.6, AttributeCalculator.Compute(backward)[CashFlowObligationBurden]);
    }

    [Fact]
    public void Compute_TwoRecordsDueTheSameDay_StreakDoesNotDependOnTheirOrder()
    {
        // Due 2026-03-01 twice: once on time, once 40 days late. Ties are ordered by paid date, so the late record comes
        // last: January to the on-time March make 3, the late one breaks the run, April to June make 3 again. Taken in
        // the order given, the swapped list made 4 (the on-time March record joined April to June).
        PaymentRecord[] records =
        [
            Paid("2026-01-01", "2026-01-01", 50m), Paid("2026-02-01", "2026-02-01", 50m),
            Paid("2026-03-01", "2026-03-01", 50m), Paid("2026-03-01", "2026-04-10", 50m),
            Paid("2026-04-01", "2026-04-01", 50m), Paid("2026-05-01", "2026-05-01", 50m), Paid("2026-06-01", "2026-06-01", 50m),
        ];
        PaymentRecord[] swapped = [.. records];
        swapped[2] = records[3];
        swapped[3] = records[2];
        static Application With(PaymentRecord[] payments) => Make("2026-06-30", [new("U1", ObligationType.Utility, "Power Co", 50m, payments)]);

        Assert.Equal(3, AttributeCalculator.Compute(With(records))[AllLongestOnTimeStreak]);
        Assert.Equal(3, AttributeCalculator.Compute(With(swapped))[AllLongestOnTimeStreak]);
    }
}
