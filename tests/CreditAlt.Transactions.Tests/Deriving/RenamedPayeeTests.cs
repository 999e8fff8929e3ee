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
}
