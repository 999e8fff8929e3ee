using CreditAlt.Core.Applications;
using CreditAlt.Transactions.Categorising;
using CreditAlt.Transactions.Deriving;
using CreditAlt.Transactions.Parsing;

namespace CreditAlt.Transactions.Tests.Deriving;

/// <summary>The six-month sample of data-samples/transactions/, worked by hand (see the generator in docs/transactions.md).</summary>
public sealed class SampleDerivationTests
{
    private static readonly DerivationRequest Request = new("APP-T1", "CUS-T1", new DateOnly(2026, 6, 30), 3000m);

    private static Derivation Derive(string file, TransactionFormat format)
    {
        using var stream = File.OpenRead(RepoRoot.Sample(file));
        return new TransactionDeriver().Derive(TransactionReader.Read(stream, format, file), Request);
    }

    [Theory]
    [InlineData("fdx.json", TransactionFormat.Fdx)]
    [InlineData("plaid.json", TransactionFormat.Plaid)]
    [InlineData("bank.csv", TransactionFormat.Csv)]
    public void Sample_FindsRentUtilityTelecomStreams(string file, TransactionFormat format)
    {
        var d = Derive(file, format);
        var a = d.Application;

        Assert.Equal(["R1 rent 1450.00", "U1 utility 102.10", "T1 telecom 64.99"],
            a.Obligations.Select(o => $"{o.AccountId} {o.Type.ToWire()} {o.MonthlyAmount:F2}"));
        var rent = a.Obligations[0];
        Assert.Equal(1, d.Streams[0].DueDay);
        Assert.Equal(6, rent.Payments.Count);
        // March was paid in two parts (700 on the 1st, 750 on the 3rd): paid when the second completed it.
        Assert.Equal(new PaymentRecord(new DateOnly(2026, 3, 1), 1450m, new DateOnly(2026, 3, 3), 1450m), rent.Payments[2]);
        // May was paid on the 19th: 18 days late.
        Assert.Equal(new PaymentRecord(new DateOnly(2026, 5, 1), 1450m, new DateOnly(2026, 5, 19), 1450m), rent.Payments[4]);
        Assert.Equal(12, d.Streams[1].DueDay);
        Assert.Equal(20, d.Streams[2].DueDay);
    }

    [Theory]
    [InlineData("fdx.json", TransactionFormat.Fdx, BalanceBasis.Reconstructed)]
    [InlineData("plaid.json", TransactionFormat.Plaid, BalanceBasis.Reconstructed)]
    [InlineData("bank.csv", TransactionFormat.Csv, BalanceBasis.Given)]
    public void Sample_CashFlow_ExcludesOwnTransfersAndRefunds(string file, TransactionFormat format, BalanceBasis basis)
    {
        var d = Derive(file, format);
        var cf = d.Application.CashFlow;

        Assert.Equal(basis, d.BalanceBasis);
        Assert.Equal(5, cf.Count); // January to May: June is the as-of month
        // January: two payslips 1,623.55 + 1,621.85; the transfer into savings is not inflow.
        Assert.Equal(new DateOnly(2026, 1, 1), cf[0].Month);
        Assert.Equal(3245.40m, cf[0].Inflow);
        // rent 1,450 + power 102.10 + phone 64.99 + groceries 57.34 + fuel 32.50 + Zelle 40; the 200 to savings is not outflow.
        Assert.Equal(1746.93m, cf[0].Outflow);
        // April: the 349.99 purchase and its refund cancel out.
        var april = cf[3];
        Assert.Equal(1450m + 109.10m + 64.99m + 66.67m + 35.50m + 40m, april.Outflow);
        Assert.Equal(1, cf[4].NsfCount);
        // January's lowest combined closing balance: opening 2,185.58 + 200 (savings), on the 12th, before the payslip of the 15th.
        Assert.Equal(2185.58m + 200m + 1623.55m - 1450m - 57.34m - 32.50m - 102.10m, cf[0].LowestBalance);
    }

    [Fact]
    public void Sample_OwnTransferPairedAndRefundNetted()
    {
        var d = Derive("fdx.json", TransactionFormat.Fdx);

        var own = d.Transactions.Where(t => t.Category == TransactionCategory.TransferOwn).ToList();
        Assert.Equal(12, own.Count);
        Assert.All(own, t => Assert.StartsWith("pair:", t.DecidedBy, StringComparison.Ordinal));
        var refund = d.Transactions.Single(t => t.Transaction.Description.StartsWith("REFUND", StringComparison.Ordinal));
        Assert.StartsWith("reversal of ", refund.Note, StringComparison.Ordinal);
        Assert.Equal(TransactionCategory.IncomeWages, d.Transactions.First(t => t.Transaction.Amount > 1000).Category);
    }

    [Fact]
    public void Sample_DerivedApplication_IsValid()
    {
        var d = Derive("fdx.json", TransactionFormat.Fdx);

        Assert.Empty(ApplicationValidator.Validate(d.Application));
    }
}

public sealed class SampleScoringTests
{
    [Fact]
    public void Sample_DerivedApplication_ScoresWithTheShippedChampion()
    {
        using var stream = File.OpenRead(RepoRoot.Sample("fdx.json"));
        var set = TransactionReader.Read(stream, TransactionFormat.Fdx, "fdx.json");
        var d = new TransactionDeriver().Derive(set, new DerivationRequest("APP-T1", "CUS-T1", new DateOnly(2026, 6, 30), 3000m));
        var model = CreditAlt.Core.Scoring.ScorecardJson.Deserialize(File.ReadAllText(Path.Combine(RepoRoot.Find(), "models", "champion", "scorecard.json")));

        var first = new CreditAlt.Core.Scoring.ScorecardEngine(model).Assess(d.Application);
        var again = new CreditAlt.Core.Scoring.ScorecardEngine(model).Assess(
            new TransactionDeriver().Derive(TransactionReader.Read(File.OpenRead(RepoRoot.Sample("bank.csv")), TransactionFormat.Csv, "bank.csv"),
                new DerivationRequest("APP-T1", "CUS-T1", new DateOnly(2026, 6, 30), 3000m)).Application);

        Assert.InRange(first.Score, 300, 850);
        // Six months of rent, power and phone history: enough history to be judged (docs/decision-policy.md).
        Assert.NotEqual(CreditAlt.Core.Scoring.Decision.InsufficientData, first.Decision);
        // The CSV export of the same months gives the same obligations; only the balance basis differs.
        Assert.Equal(first.Decision, again.Decision);
    }
}
