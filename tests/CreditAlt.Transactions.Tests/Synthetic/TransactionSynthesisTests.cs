using CreditAlt.Core.Applications;
using CreditAlt.Transactions.Categorising;
using CreditAlt.Transactions.Deriving;
using CreditAlt.Transactions.Parsing;
using CreditAlt.Transactions.Synthetic;

namespace CreditAlt.Transactions.Tests.Synthetic;

public sealed class TransactionSynthesisTests
{
    /// <summary>Six months of rent (one missed, one 12 days late) and phone, five of cash flow: also the FDX reader tests' source.</summary>
    internal static Application Generated()
    {
        var asOf = new DateOnly(2026, 6, 30);
        var rent = Enumerable.Range(0, 6).Select(k =>
        {
            var due = new DateOnly(2026, 1, 1).AddMonths(k);
            return k == 3 ? new PaymentRecord(due, 1200m, null, 0m) : new PaymentRecord(due, 1200m, due.AddDays(k == 4 ? 12 : -2), 1200m);
        }).ToArray();
        var phone = Enumerable.Range(0, 6).Select(k => new PaymentRecord(new DateOnly(2026, 1, 15).AddMonths(k), 80m, new DateOnly(2026, 1, 14).AddMonths(k), 80m)).ToArray();
        var cash = Enumerable.Range(0, 5).Select(k => new CashFlowMonth(new DateOnly(2026, 1, 1).AddMonths(k), 3500m + 10 * k, 3000m, 400m, k == 2 ? 1 : 0)).ToArray();
        return new Application("APP-1", "CUS-1", asOf, 2000m,
            [new ObligationAccount("R1", ObligationType.Rent, "Maple Court Apartments", 1200m, rent), new ObligationAccount("T1", ObligationType.Telecom, "Bluewave Mobile", 80m, phone)],
            cash);
    }

    [Fact]
    public void Synthesis_SameSeed_SameTransactions()
    {
        var a = TransactionSynthesis.From(Generated(), 5)!;
        var b = TransactionSynthesis.From(Generated(), 5)!;

        Assert.Equal(a.Set.Transactions, b.Set.Transactions);
        Assert.Equal(a.TruthCategory, b.TruthCategory);
    }

    [Theory]
    [InlineData(TransactionFormat.Fdx, 2)]
    [InlineData(TransactionFormat.Plaid, 2)]
    [InlineData(TransactionFormat.Csv, 0)]
    public void Synthesis_WrittenAndReadBack_RecoversTheTruth(TransactionFormat format, int ignored)
    {
        var s = TransactionSynthesis.From(Generated(), 5)!;
        using var buffer = new MemoryStream();
        TransactionWriters.Write(s, format, buffer);
        buffer.Position = 0;

        var set = TransactionReader.Read(buffer, format, "synthetic");
        var d = new TransactionDeriver().Derive(set, new DerivationRequest("APP-1", "CUS-1", new DateOnly(2026, 6, 30), 2000m));
        var accuracy = new DerivationAccuracy();
        accuracy.Add(s, d);

        Assert.Equal(s.Set.Transactions.Count, set.Transactions.Count);
        Assert.Equal(ignored, set.Ignored.Count);
        // Every month's inflow exactly (3,500 + 10k) and the truth's outflow, month by month.
        Assert.Equal(s.Truth.CashFlow.Select(m => (m.Month, m.Inflow, m.Outflow, m.NsfCount)), d.Application.CashFlow.Select(m => (m.Month, m.Inflow, m.Outflow, m.NsfCount)));
        Assert.Equal([3500m, 3510m, 3520m, 3530m, 3540m], d.Application.CashFlow.Select(m => m.Inflow));
        Assert.Equal((1, 0, 0), accuracy.Streams(ObligationType.Rent));
        Assert.Equal((1, 0, 0), accuracy.Streams(ObligationType.Telecom));
        // April's rent was never paid: missing in the derived history too.
        var rent = d.Application.Obligations.Single(o => o.Type == ObligationType.Rent);
        Assert.Null(rent.Payments.Single(p => p.DueDate.Month == 4 || (p.DueDate.Month == 3 && p.DueDate.Day > 20)).PaidDate);
    }

    [Fact]
    public void Synthesis_HeldOutPayees_SameTransactionsUnderNamesTheCategoriserNeverSaw()
    {
        var usual = TransactionSynthesis.From(Generated(), 5)!;
        var heldOut = TransactionSynthesis.From(Generated(), 5, heldOutPayees: true)!;

        // The same transactions, truth and cash flow: only the descriptors and payee fields differ.
        Assert.Equal(usual.Set.Transactions.Select(t => (t.AccountId, t.Date, t.Amount, t.TransactionType, t.Mcc)),
            heldOut.Set.Transactions.Select(t => (t.AccountId, t.Date, t.Amount, t.TransactionType, t.Mcc)));
        Assert.Equal(usual.TruthCategory, heldOut.TruthCategory);
        Assert.Equal(usual.TruthAccount, heldOut.TruthAccount);
        Assert.Equal(usual.Truth.Obligations.Select(o => (o.AccountId, o.Type, o.Furnisher)), heldOut.Truth.Obligations.Select(o => (o.AccountId, o.Type, o.Furnisher)));
        Assert.Equal(usual.Truth.Obligations.SelectMany(o => o.Payments), heldOut.Truth.Obligations.SelectMany(o => o.Payments));
        Assert.Equal(usual.Truth.CashFlow, heldOut.Truth.CashFlow);

        // Every rent, telecom, payroll and card descriptor names a held-out payee: a held-out name word, never a training one.
        var training = DescriptorCorpus.TrainingNameWords.ToHashSet(StringComparer.Ordinal);
        var heldOutWords = DescriptorCorpus.HeldOutNames.ToHashSet(StringComparer.Ordinal);
        var named = heldOut.Set.Transactions.Where((t, i) => heldOut.TruthCategory[i] is TransactionCategory.Rent or TransactionCategory.Telecom or TransactionCategory.IncomeWages
            || (heldOut.TruthCategory[i] == TransactionCategory.OtherSpending && t.TransactionType == "POSDEBIT")).ToList();
        Assert.NotEmpty(named);
        foreach (var t in named)
        {
            Assert.Contains(Words(t.Description), heldOutWords.Contains);
            Assert.DoesNotContain(Words(t.Description), training.Contains);
            Assert.DoesNotContain("BLUEWAVE", t.Description.ToUpperInvariant(), StringComparison.Ordinal);
        }

        // One name per payee: the rent's payments all carry the same held-out landlord.
        var landlords = heldOut.Set.Transactions.Where((t, i) => heldOut.TruthAccount[i] == "R1").Select(t => Words(t.Description).First(heldOutWords.Contains)).Distinct();
        Assert.Single(landlords);
    }

    private static IEnumerable<string> Words(string description) =>
        description.ToUpperInvariant().Split([' ', '#', '*', ':'], StringSplitOptions.RemoveEmptyEntries);
}
