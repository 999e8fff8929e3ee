using CreditAlt.Core.Applications;
using CreditAlt.Transactions.Deriving;
using CreditAlt.Transactions.Parsing;

namespace CreditAlt.Transactions.Tests.Deriving;

/// <summary>Other spending that recurs as an `other` obligation (docs/transactions.md, "Recurring obligations").</summary>
public sealed class SubscriptionTests
{
    private static BankTransaction Debit(string id, string date, decimal amount, string description) =>
        new("CHK-1", id, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), -amount, description, null, null, null, false, null, null, "$");

    private static Derivation Derive(IEnumerable<BankTransaction> txs) =>
        new TransactionDeriver().Derive(new TransactionSet(TransactionFormat.Fdx, [new BankAccount("CHK-1", "CHECKING", null)], [.. txs], []),
            new DerivationRequest("A", "C", new DateOnly(2026, 6, 30), 1000m));

    [Fact]
    public void Derive_GymWithAMissedStretchAPartialAndTwoPaymentsInOneMonth_IsAnOtherObligation()
    {
        // From the 2,000-application evaluation (APP-0000154): 44.91 a month from March 2025, paid on the 30th and then the
        // 1st (May has none, October two), nothing January-March 2026, one partial 18.37. 13 payments over 15 calendar months
        // (11 of them paid: 73 %), 12 of 13 at the same amount: a subscription. Before, the months-paid rule (80 %) and the
        // same-amount rule (every payment within 2 %) both turned it away.
        string[] dates = ["2025-03-30", "2025-05-01", "2025-06-05", "2025-07-05", "2025-08-04", "2025-09-02", "2025-10-01", "2025-10-30",
            "2025-12-05", "2026-01-01", "2026-04-26", "2026-05-18", "2026-06-02"];
        var txs = dates.Select((d, i) => Debit("G" + i, d, d == "2026-05-18" ? 18.37m : 44.91m, "FITLIFE GYM WEB PMT"));

        var stream = Assert.Single(Derive(txs).Streams);

        Assert.Equal(ObligationType.Other, stream.Type);
        Assert.Equal(44.91m, stream.MonthlyAmount);
        Assert.Equal(13, stream.Payments);
    }

    [Fact]
    public void Derive_CardSpendingAtOneShop_IsNoObligation()
    {
        // Weekly groceries (cadence weekly) and a shop visited about monthly at changing amounts: neither recurs as a bill.
        var groceries = Enumerable.Range(0, 30).Select(k => Debit("F" + k, new DateOnly(2025, 12, 1).AddDays(7 * k).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), 40m + k % 5, "FRESHMART SPRINGFIELD IL"));
        var books = Enumerable.Range(0, 6).Select(k => Debit("B" + k, $"2026-0{k + 1}-12", 20m + 7 * k, "BOOKNOOK LAKEWOOD TX"));

        Assert.Empty(Derive(groceries.Concat(books)).Streams);
    }

    [Fact]
    public void Derive_ShopAtAboutOnePriceEveryOtherMonth_IsNoObligation()
    {
        // From the 2,000-application evaluation (APP-0000079): 228.86, 228.66, 233.23 at one shop, six to eight weeks apart.
        // Within 2 % of each other (the rule before), but no amount repeats to the cent: card spending, not a bill.
        var txs = new[]
        {
            Debit("H1", "2026-01-31", 228.86m, "HOMEWORKS SPRINGFIELD IL"), Debit("H2", "2026-03-19", 228.66m, "HOMEWORKS SPRINGFIELD IL"),
            Debit("H3", "2026-05-12", 233.23m, "HOMEWORKS SPRINGFIELD IL"),
        };

        Assert.Empty(Derive(txs).Streams);
    }

    [Fact]
    public void Derive_GymPaidAtMonthEndsWithCatchUpsAndPartials_IsAnOtherObligation()
    {
        // 14.60 a month paid around the month end: 10 payments in 6 calendar months of an 11-month span (55 %, under the 60 %
        // of calendar months the rule asked before), but 10 payments over 10 months apart (279 days) by time.
        string[] guard = ["2025-08-27", "2025-10-02", "2025-10-30", "2025-12-02", "2025-12-29", "2026-02-01", "2026-02-28", "2026-04-03", "2026-04-28", "2026-06-02"];
        var stream = Assert.Single(Derive(guard.Select((d, i) => Debit("S" + i, d, 14.60m, "HOME GUARD SECU"))).Streams);
        Assert.Equal((ObligationType.Other, 10), (stream.Type, stream.Payments));

        // 68.61 a month with two partial payments (58.02, 31.78): 4 of 6 at the price, two thirds.
        var gym = new[]
        {
            Debit("G1", "2025-11-08", 58.02m, "FITLIFE GYM WEB PMT"), Debit("G2", "2026-01-01", 68.61m, "FITLIFE GYM WEB PMT"),
            Debit("G3", "2026-02-14", 31.78m, "FITLIFE GYM WEB PMT"), Debit("G4", "2026-03-28", 68.61m, "FITLIFE GYM WEB PMT"),
            Debit("G5", "2026-04-24", 68.61m, "FITLIFE GYM WEB PMT"), Debit("G6", "2026-05-24", 68.61m, "FITLIFE GYM WEB PMT"),
        };
        Assert.Equal((ObligationType.Other, 6), Assert.Single(Derive(gym).Streams) is var g ? (g.Type, g.Payments) : default);
    }
}
