using CreditAlt.Core.Applications;
using CreditAlt.Transactions.Deriving;

namespace CreditAlt.Transactions.Tests.Deriving;

public sealed class StreamBuilderTests
{
    private static readonly DateOnly AsOf = new(2026, 6, 30);

    private static (DateOnly, decimal)[] Pays(params string[] dates) => dates.Select(d => (DateOnly.Parse(d, System.Globalization.CultureInfo.InvariantCulture), 100m)).ToArray();

    private static PaymentRecord Rec(string due, string? paid, decimal amount = 100m) =>
        new(DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture), amount,
            paid is null ? null : DateOnly.Parse(paid, System.Globalization.CultureInfo.InvariantCulture), paid is null ? 0m : amount);

    [Fact]
    public void Monthly_MissedMonth_IsMissing()
    {
        var pays = Pays("2026-01-05", "2026-02-04", "2026-04-05", "2026-05-03", "2026-06-05");

        Assert.Equal(5, StreamBuilder.DueDay(pays));
        Assert.Equal(
            [Rec("2026-01-05", "2026-01-05"), Rec("2026-02-05", "2026-02-04"), Rec("2026-03-05", null), Rec("2026-04-05", "2026-04-05"),
             Rec("2026-05-05", "2026-05-03"), Rec("2026-06-05", "2026-06-05")],
            StreamBuilder.Records(pays, 100m, "monthly", 5, AsOf));
    }

    [Fact]
    public void Monthly_PaymentBeforeTheNextMonthsPayingWeek_PaysTheUnpaidMonth()
    {
        // April paid on the 28th (in May's window, which opens on 25 April, but before May's paying week, 29 April to 5 May),
        // May on the 4th: the 28th is April's, 23 days late, not May's paid a week early; the 4th is May's, on time.
        var pays = Pays("2026-01-05", "2026-02-05", "2026-03-05", "2026-04-28", "2026-05-04");

        Assert.Equal(
            [Rec("2026-01-05", "2026-01-05"), Rec("2026-02-05", "2026-02-05"), Rec("2026-03-05", "2026-03-05"), Rec("2026-04-05", "2026-04-28"),
             Rec("2026-05-05", "2026-05-04"), Rec("2026-06-05", null)],
            StreamBuilder.Records(pays, 100m, "monthly", 5, AsOf));
    }

    [Fact]
    public void Monthly_ExtraPaymentWithTwoMonthsUnpaid_PaysTheLatestOfThem()
    {
        // February and March unpaid; April paid on the 4th, then a second payment on the 20th: it is March's (48 days
        // late), not February's, and February stays missing.
        var pays = Pays("2026-01-05", "2026-04-04", "2026-04-20", "2026-05-05", "2026-06-05");

        Assert.Equal(
            [Rec("2026-01-05", "2026-01-05"), Rec("2026-02-05", null), Rec("2026-03-05", "2026-04-20"), Rec("2026-04-05", "2026-04-04"),
             Rec("2026-05-05", "2026-05-05"), Rec("2026-06-05", "2026-06-05")],
            StreamBuilder.Records(pays, 100m, "monthly", 5, AsOf));
    }

    [Fact]
    public void Monthly_ThreeUnpaidMonthsAtTheEnd_AccountClosed()
    {
        var pays = Pays("2026-01-05", "2026-02-05", "2026-03-05");

        Assert.Equal([Rec("2026-01-05", "2026-01-05"), Rec("2026-02-05", "2026-02-05"), Rec("2026-03-05", "2026-03-05")],
            StreamBuilder.Records(pays, 100m, "monthly", 5, AsOf));
    }

    [Fact]
    public void DueDay_AcrossTheMonthEnd_IsTheEndOfThePayingWeek()
    {
        // Rent due on the 1st, paid in the week before it (the 26th to the 1st): the due day is the 1st, not the usual
        // (median) day, the 29th, against which a payment on the 4th would look on time and one on the 5th late.
        Assert.Equal(1, StreamBuilder.DueDay(Pays("2026-01-26", "2026-03-01", "2026-03-29", "2026-04-28", "2026-05-29", "2026-07-01", "2026-07-30")));
    }

    [Fact]
    public void DueDay_SplitRent_CountsMonthsNotParts()
    {
        // Paid on the 1st, once in two parts (the 1st and the 3rd): the 3rd would hold more payments, not more months.
        Assert.Equal(1, StreamBuilder.DueDay(Pays("2026-01-01", "2026-02-01", "2026-03-01", "2026-03-03", "2026-04-01", "2026-06-01")));
    }

    [Fact]
    public void Cadence_SplitRent_StaysMonthly()
    {
        // Two parts three days apart every month: gaps 3, 28, 3, 28, … would have a median of 3 (weekly) counted naively.
        Assert.Equal("monthly", StreamBuilder.Cadence(Pays("2026-01-29", "2026-02-01", "2026-02-26", "2026-03-01", "2026-03-29", "2026-04-01", "2026-04-28", "2026-05-01")));
    }

    [Fact]
    public void Monthly_FirstMonthPaidLateAfterTheSecond_AddsTheEarlierMonth()
    {
        // Due on the 15th: December's bill paid on 21 January, after January's on the 9th. The stream's first payment
        // is January's, so without the rule December would not be seen at all.
        var pays = Pays("2026-01-09", "2026-01-21", "2026-02-15", "2026-03-13", "2026-04-10");

        Assert.Equal(
            [Rec("2025-12-15", "2026-01-21"), Rec("2026-01-15", "2026-01-09"), Rec("2026-02-15", "2026-02-15"), Rec("2026-03-15", "2026-03-13"),
             Rec("2026-04-15", "2026-04-10"), Rec("2026-05-15", null), Rec("2026-06-15", null)],
            StreamBuilder.Records(pays, 100m, "monthly", 15, AsOf));
    }

    [Fact]
    public void Weekly_AggregatedToCalendarMonths()
    {
        var pays = Pays("2026-04-03", "2026-04-10", "2026-04-17", "2026-04-24", "2026-05-01", "2026-05-08", "2026-05-15", "2026-05-22", "2026-05-29");

        Assert.Equal("weekly", StreamBuilder.Cadence(pays));
        Assert.Equal(450m, StreamBuilder.MonthlyAmount(pays)); // April 400, May 500: median 450
        var records = StreamBuilder.Records(pays, 450m, "weekly", 0, AsOf);
        Assert.Equal(
            [new PaymentRecord(new DateOnly(2026, 4, 30), 400m, new DateOnly(2026, 4, 24), 400m),
             new PaymentRecord(new DateOnly(2026, 5, 31), 500m, new DateOnly(2026, 5, 22), 500m),
             new PaymentRecord(new DateOnly(2026, 6, 30), 450m, null, 0m)], // due on the as-of day, nothing paid yet
            records);
    }

    [Fact]
    public void Monthly_PartPaymentThenAWholeOneInAWindow_ThePartPaysTheLatestUnpaidMonth()
    {
        // Due on the 5th. March unpaid in its window; in April's window (26 March to 25 April) 40 on the 28th of March,
        // then 100 on 4 April. The 100 alone makes April paid, so the 40 was paid towards March: March is late (paid 40 on
        // 28 March, 23 days after its due date, due what is usual as it is under 75 %), April on time.
        var pays = new (DateOnly, decimal)[]
        {
            (new DateOnly(2026, 1, 5), 100m), (new DateOnly(2026, 2, 4), 100m), (new DateOnly(2026, 3, 28), 40m),
            (new DateOnly(2026, 4, 4), 100m), (new DateOnly(2026, 5, 5), 100m), (new DateOnly(2026, 6, 3), 100m),
        };

        Assert.Equal(
            [Rec("2026-01-05", "2026-01-05"), Rec("2026-02-05", "2026-02-04"),
             new PaymentRecord(new DateOnly(2026, 3, 5), 100m, new DateOnly(2026, 3, 28), 40m),
             Rec("2026-04-05", "2026-04-04"), Rec("2026-05-05", "2026-05-05"), Rec("2026-06-05", "2026-06-03")],
            StreamBuilder.Records(pays, 100m, "monthly", 5, AsOf));
    }

    [Fact]
    public void Monthly_SplitRentAfterAnUnpaidMonth_PartsStayTogether()
    {
        // Due on the 1st, March unpaid; April paid in two parts of 50 (29 March and 1 April): neither part alone is 75 %
        // of the rent, so both are April's and March stays missing.
        var pays = new (DateOnly, decimal)[]
        {
            (new DateOnly(2026, 1, 1), 100m), (new DateOnly(2026, 2, 1), 100m), (new DateOnly(2026, 3, 29), 50m),
            (new DateOnly(2026, 4, 1), 50m), (new DateOnly(2026, 5, 1), 100m), (new DateOnly(2026, 6, 1), 100m),
        };

        Assert.Equal(
            [Rec("2026-01-01", "2026-01-01"), Rec("2026-02-01", "2026-02-01"), Rec("2026-03-01", null),
             Rec("2026-04-01", "2026-04-01"), Rec("2026-05-01", "2026-05-01"), Rec("2026-06-01", "2026-06-01")],
            StreamBuilder.Records(pays, 100m, "monthly", 1, AsOf));
    }

    [Fact]
    public void Monthly_PaymentInThePayingWeekWithAnEarlierMonthUnpaid_PaysThisMonthFirst()
    {
        // April unpaid; May paid on 1 May (in its paying week, 29 April to 5 May) and again on the 20th: the 1st is May's, on
        // time, and the 20th the unpaid April's (45 days late), as before.
        var pays = Pays("2026-01-05", "2026-02-05", "2026-03-05", "2026-05-01", "2026-05-20", "2026-06-04");

        Assert.Equal(
            [Rec("2026-01-05", "2026-01-05"), Rec("2026-02-05", "2026-02-05"), Rec("2026-03-05", "2026-03-05"), Rec("2026-04-05", "2026-05-20"),
             Rec("2026-05-05", "2026-05-01"), Rec("2026-06-05", "2026-06-04")],
            StreamBuilder.Records(pays, 100m, "monthly", 5, AsOf));
    }

    [Fact]
    public void Weekly_MissedMonth_TheNextMonthsPaymentsAreItsOwnFirst()
    {
        // Weekly childcare of 100: February paid, nothing in March, April paid. Calendar months, no paying week (the rule for
        // a payment before a monthly bill's paying week does not apply): April's first three payments are April's (complete
        // at 300 on the 17th); the fourth, with April complete, goes to the unpaid March as a part payment (the rule for a
        // complete month's further payments).
        var pays = Pays("2026-02-06", "2026-02-13", "2026-02-20", "2026-02-27", "2026-04-03", "2026-04-10", "2026-04-17", "2026-04-24");

        Assert.Equal("weekly", StreamBuilder.Cadence(pays));
        Assert.Equal(
            [new PaymentRecord(new DateOnly(2026, 2, 28), 400m, new DateOnly(2026, 2, 20), 400m), new PaymentRecord(new DateOnly(2026, 3, 31), 400m, new DateOnly(2026, 4, 24), 100m),
             new PaymentRecord(new DateOnly(2026, 4, 30), 300m, new DateOnly(2026, 4, 17), 300m), new PaymentRecord(new DateOnly(2026, 5, 31), 400m, null, 0m),
             new PaymentRecord(new DateOnly(2026, 6, 30), 400m, null, 0m)],
            StreamBuilder.Records(pays, 400m, "weekly", 0, AsOf));
    }
}
