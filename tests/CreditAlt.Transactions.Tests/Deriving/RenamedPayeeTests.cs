using CreditAlt.Core.Applications;
using CreditAlt.Transactions.Deriving;
using CreditAlt.Transactions.Parsing;

namespace CreditAlt.Transactions.Tests.Deriving;

public sealed class RenamedPayeeTests
{
    private static BankTransaction Debit(string id, string date, decimal amount, string description) =>
        new("CHK-1", id, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), -amount, description, null, null, null, false, null, null, "$");

    [Fact]
    public void Derive_ShortStreamWithALateMonthThenRenamed_OneStream()
    {
        // FiberNet: January's bill paid late on 6 February, two days after February's; then the provider is Nova
        // Wireless. FiberNet's window totals are 283.46 and 141.73 (median 212.60, more than 20 % above Nova's 141.73),
        // but the typical payment is the same: one stream.
        var txs = new List<BankTransaction>
        {
            Debit("T1", "2025-02-04", 141.73m, "FIBERNET BROADBAND WEB PMT 20250204"),
            Debit("T2", "2025-02-06", 141.73m, "FIBERNET BROADBAND WEB PMT 20250206"),
            Debit("T3", "2025-03-02", 141.73m, "FIBERNET BROADBAND WEB PMT 20250302"),
        };
        for (var m = 3; m <= 9; m++) txs.Add(Debit("N" + m, $"2025-{m + 1:00}-01", 141.73m, "NOVA WIRELESS WEB PMT"));
        var set = new TransactionSet(TransactionFormat.Fdx, [new BankAccount("CHK-1", "CHECKING", null)], txs, []);

        var d = new TransactionDeriver().Derive(set, new DerivationRequest("A", "C", new DateOnly(2025, 10, 15), 1000m));

        var stream = Assert.Single(d.Streams);
        Assert.Equal(ObligationType.Telecom, stream.Type);
        Assert.Equal(["FIBERN BROADB", "NOVA WIRELE"], stream.PayeeKeys);
        Assert.Equal(10, stream.Payments);
    }

    [Fact]
    public void Derive_OldNamePaidLateAfterTheNewNameStarted_OneStream()
    {
        // Riverside Apartments until July, then Summit Residential: July's rent to the old name paid late on 26 August,
        // after the first payment to the new name (31 July). One payment to the old name follows the new name's first
        // (at most 2 may): one stream of 6 payments, not two.
        var txs = new List<BankTransaction>
        {
            Debit("A1", "2025-05-30", 545m, "RIVERSIDE APARTMENTS WEB PMT"),
            Debit("A2", "2025-06-28", 545m, "RIVERSIDE APARTMENTS WEB PMT"),
            Debit("A3", "2025-08-26", 545m, "RIVERSIDE APARTMENTS WEB PMT"),
            Debit("B1", "2025-07-31", 545m, "SUMMIT RESIDENTIAL WEB PMT"),
            Debit("B2", "2025-08-30", 545m, "SUMMIT RESIDENTIAL WEB PMT"),
            Debit("B3", "2025-09-29", 545m, "SUMMIT RESIDENTIAL WEB PMT"),
        };
        var set = new TransactionSet(TransactionFormat.Fdx, [new BankAccount("CHK-1", "CHECKING", null)], txs, []);

        var d = new TransactionDeriver().Derive(set, new DerivationRequest("A", "C", new DateOnly(2025, 10, 15), 1000m));

        var stream = Assert.Single(d.Streams);
        Assert.Equal(ObligationType.Rent, stream.Type);
        Assert.Equal(6, stream.Payments);
    }

    [Fact]
    public void Derive_RenamedAfterAGapOfThreeMonths_OneStream_AndTwoSideBySide_Two()
    {
        // Nova Wireless paid to 18 May, then Horizon Broadband from 17 August (91 days later, a late June paid under
        // neither name): one stream. Two lines of one type paid side by side all year overlap by far more than 2
        // payments: two streams.
        var txs = new List<BankTransaction>();
        for (var m = 1; m <= 5; m++) txs.Add(Debit("N" + m, $"2025-{m:00}-18", 62.73m, "NOVA WIRELESS WEB PMT"));
        for (var m = 8; m <= 10; m++) txs.Add(Debit("H" + m, $"2025-{m:00}-17", 62.73m, "HORIZON BROADBAND WEB PMT"));
        var set = new TransactionSet(TransactionFormat.Fdx, [new BankAccount("CHK-1", "CHECKING", null)], txs, []);
        var request = new DerivationRequest("A", "C", new DateOnly(2025, 10, 31), 1000m);

        Assert.Equal(8, Assert.Single(new TransactionDeriver().Derive(set, request).Streams).Payments);

        var sideBySide = new List<BankTransaction>();
        for (var m = 1; m <= 10; m++)
        {
            sideBySide.Add(Debit("N" + m, $"2025-{m:00}-18", 62.73m, "NOVA WIRELESS WEB PMT"));
            sideBySide.Add(Debit("H" + m, $"2025-{m:00}-20", 60.10m, "HORIZON BROADBAND WEB PMT"));
        }

        var both = new TransactionDeriver().Derive(new TransactionSet(TransactionFormat.Fdx, [new BankAccount("CHK-1", "CHECKING", null)], sideBySide, []), request);
        Assert.Equal(2, both.Streams.Count);
    }
}
