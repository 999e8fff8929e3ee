using System.Text;
using CreditAlt.Core.Applications;
using CreditAlt.Transactions.Parsing;
using CreditAlt.Transactions.Synthetic;

namespace CreditAlt.Transactions.Tests.Parsing;

/// <summary>
/// The forward pass of <see cref="FdxReader"/> (issue 16, speed) must read exactly what the JsonDocument reader reads, and
/// leave every document it is not sure of, above all every bad one, to that reader (which words the errors).
/// </summary>
public sealed class FdxForwardReaderTests
{
    private const string Account = """{"accountId":"a","accountType":"CHECKING","currentBalance":10.5}""";

    private static string Doc(string transaction, string account = Account) =>
        "{\"accounts\":[" + account + "],\"transactions\":[" + transaction + "]}";

    private static string Tx(string extra = "", string amount = "12.5", string timestamp = "\"2026-05-01T10:15:00Z\"") =>
        "{\"depositTransaction\":{\"accountId\":\"a\",\"transactionId\":\"t1\",\"postedTimestamp\":" + timestamp + ",\"amount\":" + amount
        + ",\"debitCreditMemo\":\"DEBIT\",\"description\":\"RENT\"" + extra + "}}";

    private static void AssertSame(TransactionSet expected, TransactionSet actual)
    {
        Assert.Equal(expected.Format, actual.Format);
        Assert.Equal(expected.Accounts, actual.Accounts);
        Assert.Equal(expected.Transactions, actual.Transactions);
        Assert.Equal(expected.Ignored, actual.Ignored);
    }

    // The public reader (forward pass, else the reference) against the reference alone: the same set or the same error.
    private static void ReadsAsTheReference(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        TransactionSet? expected = null;
        string? error = null;
        try
        {
            expected = FdxReader.ReadWithDocument(new MemoryStream(bytes), "body");
        }
        catch (TransactionFormatException ex)
        {
            error = ex.Message;
        }

        if (error is not null)
        {
            Assert.Null(FdxForwardReader.TryRead(bytes));
            Assert.Equal(error, Assert.Throws<TransactionFormatException>(() => FdxReader.Read(new MemoryStream(bytes), "body")).Message);
        }
        else
        {
            AssertSame(expected!, FdxReader.Read(new MemoryStream(bytes), "body"));
        }
    }

    [Fact]
    public void Sample_ReadByTheForwardPass_SameAsTheReference()
    {
        var bytes = File.ReadAllBytes(RepoRoot.Sample("fdx.json"));

        var fast = FdxForwardReader.TryRead(bytes);

        Assert.NotNull(fast);
        AssertSame(FdxReader.ReadWithDocument(new MemoryStream(bytes), "fdx.json"), fast);
    }

    [Fact]
    public void GeneratedFiles_ReadByTheForwardPass_SameAsTheReference()
    {
        // What evaluate-transactions --write produces (pending copies and a repeated id included), several seeds.
        for (var seed = 1; seed <= 20; seed++)
        {
            var synthetic = TransactionSynthesis.From(Synthetic.TransactionSynthesisTests.Generated(), seed)!;
            using var stream = new MemoryStream();
            TransactionWriters.Write(synthetic, TransactionFormat.Fdx, stream);
            var bytes = stream.ToArray();

            var fast = FdxForwardReader.TryRead(bytes);

            Assert.NotNull(fast);
            Assert.NotEmpty(fast.Ignored);
            AssertSame(FdxReader.ReadWithDocument(new MemoryStream(bytes), "x.json"), fast);
        }
    }

    [Theory]
    // Read by the forward pass: the same set.
    [InlineData("plain")]
    [InlineData("bare entities")]
    [InlineData("byte order mark")]
    [InlineData("numbers")]
    [InlineData("optional fields")]
    [InlineData("unknown fields")]
    [InlineData("duplicates")]
    [InlineData("timestamps")]
    [InlineData("ignored")]
    // Left to the reference (unusual or wrong): the same set, or the same error.
    [InlineData("escaped names")]
    [InlineData("transactions first")]
    [InlineData("wrapper with more keys")]
    [InlineData("errors")]
    public void Variants_SameAsTheReference(string kind)
    {
        string[] documents = kind switch
        {
            "plain" => [Doc(Tx())],
            "bare entities" => [Doc("{\"accountId\":\"a\",\"transactionId\":\"t1\",\"postedTimestamp\":\"2026-05-01\",\"amount\":3,\"debitCreditMemo\":\"CREDIT\"}")],
            "byte order mark" => ["\uFEFF" + Doc(Tx())],
            "numbers" => [Doc(Tx(amount: "1.5E2")), Doc(Tx(amount: "100.000")), Doc(Tx(amount: "0")), Doc(Tx(amount: "0.10")), Doc(Tx(amount: "12.50")),
                Doc(Tx(amount: "1e-2")), Doc(Tx(amount: "79228162514264337593543950335")), Doc(Tx(), """{"accountId":"a","currentBalance":-0.5E1}""")],
            "optional fields" => [Doc(Tx(",\"payee\":null,\"status\":null,\"merchantCategoryCode\":null,\"category\":\"\",\"subCategory\":\"X\"")),
                Doc(Tx(",\"payee\":\"\",\"status\":\"\",\"merchantCategoryCode\":\"0042\",\"category\":\"A\",\"subCategory\":\"B\",\"transactionType\":\"POSDEBIT\"")),
                Doc(Tx(",\"merchantCategoryCode\":0")), Doc(Tx(",\"merchantCategoryCode\":9999")),
                Doc(Tx(), """{"accountId":"a","currency":"USD"}"""), Doc(Tx(), """{"accountId":"a","currency":null,"accountType":null,"currentBalance":null}"""),
                Doc(Tx(), """{"accountId":"a","currency":{"x":[1,{"y":2}],"currencyCode":"USD"}}""")],
            "unknown fields" => [Doc(Tx(",\"extra\":{\"a\":[1,2,{\"b\":null}]},\"more\":[[],{}],\"n\":-1.5e3,\"t\":true")), "{\"version\":1,\"x\":{\"accounts\":5}," + Doc(Tx())[1..]],
            "duplicates" => [Doc(Tx(",\"amount\":99.99,\"status\":\"PENDING\",\"status\":\"POSTED\",\"description\":\"B\"")),
                Doc(Tx(",\"debitCreditMemo\":\"CREDIT\"")), Doc(Tx() + "," + Tx()),
                Doc(Tx(), """{"accountId":"a","currency":{"currencyCode":"EUR","currencyCode":"USD"}}""")],
            "timestamps" => [Doc(Tx(timestamp: "\"2026-05-01T10:15:00+02:00\"")), Doc(Tx(timestamp: "\"2026-05-01T10:15:00.123Z\"")), Doc(Tx(timestamp: "\"2026-05-01\"")),
                Doc(Tx(timestamp: "\"2026-05-01T23:59:59Z\"")), Doc(Tx(timestamp: "\"2026-05-01T24:00:00Z\"")), Doc(Tx(timestamp: "\"2026-05-01T10:60:00Z\"")),
                Doc(Tx(timestamp: "\"2026-02-29T10:15:00Z\"")), Doc(Tx(timestamp: "\"2026-05-01 10:15:00Z\"")), Doc(Tx(timestamp: "\"2026-05-01T1a:15:00Z\""))],
            "ignored" => [Doc(Tx(",\"status\":\"PENDING\",\"payee\":5,\"postedTimestamp\":7")), Doc(Tx().Replace("DEBIT", "MEMO", StringComparison.Ordinal)),
                Doc(Tx(",\"status\":\"PENDING\"") + "," + Tx())],
            "escaped names" => [Doc(Tx(",\"pay\\u0065e\":\"X\"")), Doc(Tx().Replace("\"DEBIT\"", "\"D\\u0045BIT\"", StringComparison.Ordinal)),
                Doc(Tx()).Replace("\"accounts\"", "\"acc\\u006Funts\"", StringComparison.Ordinal)],
            "transactions first" => ["{\"transactions\":[" + Tx() + "],\"accounts\":[" + Account + "]}"],
            "wrapper with more keys" => [Doc("{\"depositTransaction\":{\"a\":1},\"accountId\":\"a\",\"transactionId\":\"t1\",\"postedTimestamp\":\"2026-05-01\",\"amount\":3,\"debitCreditMemo\":\"DEBIT\"}"),
                Doc("{\"depositTransaction\":{}}"), Doc("{\"depositTransaction\":5}"), Doc("{}"), Doc("[]"),
                Doc(Tx(), "{\"depositAccount\":" + Account + ",\"x\":1}")],
            "errors" => [Doc(Tx(amount: "-1")), Doc(Tx(amount: "1.005")), Doc(Tx(amount: "\"1\"")), Doc(Tx(",\"merchantCategoryCode\":10000")),
                Doc(Tx(",\"merchantCategoryCode\":\"54111\"")), Doc(Tx(",\"payee\":5")), Doc(Tx(",\"status\":5")), Doc(Tx(timestamp: "\"yesterday\"")),
                Doc(Tx(timestamp: "null")), Doc(Tx().Replace("\"a\",\"transactionId\"", "\"b\",\"transactionId\"", StringComparison.Ordinal)),
                Doc(Tx().Replace("\"t1\"", "\"\"", StringComparison.Ordinal)), Doc(Tx().Replace("DEBIT", "OUT", StringComparison.Ordinal)),
                Doc(Tx(), Account + "," + Account), Doc(Tx(), """{"accountId":"a","currency":"EUR"}"""), Doc(Tx(), """{"accountId":"a","currency":{"code":"USD"}}"""),
                Doc(Tx(), """{"accountId":"a","currentBalance":"10"}"""), Doc(Tx()) + "x", Doc(Tx()) + " {}", Doc(Tx())[..^3], "[]", "{\"accounts\":[]}",
                "{\"accounts\":{},\"transactions\":[]}", "{\"accounts\":[],\"transactions\":[],\"accounts\":[]}", "", "{\"accounts\":[\"a\"],\"transactions\":[]}"],
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        foreach (var json in documents) ReadsAsTheReference(json);
    }

    [Fact]
    public void ForwardPass_TakesThePlainCases_AndLeavesTheUnusualOnes()
    {
        Assert.NotNull(FdxForwardReader.TryRead(Encoding.UTF8.GetBytes(Doc(Tx(",\"amount\":7,\"extra\":[1]")))));
        Assert.NotNull(FdxForwardReader.TryRead(Encoding.UTF8.GetBytes("\uFEFF" + Doc(Tx()))));
        Assert.Null(FdxForwardReader.TryRead(Encoding.UTF8.GetBytes(Doc(Tx(",\"pay\\u0065e\":\"X\"")))));
        Assert.Null(FdxForwardReader.TryRead(Encoding.UTF8.GetBytes("{\"transactions\":[" + Tx() + "],\"accounts\":[" + Account + "]}")));
        Assert.Null(FdxForwardReader.TryRead(Encoding.UTF8.GetBytes(Doc(Tx(amount: "-1")))));
    }

    [Fact]
    public void PlainTimestamps_FromBytes_AsJsonFieldsReadsThem()
    {
        // Random timestamps of the plain shape, valid and not (month 13, 31 April, 29 February, hour 24, year 0000, letters).
        var random = new Random(16);
        var taken = 0;
        for (var n = 0; n < 50_000; n++)
        {
            string D(int max) => random.Next(10) == 0 ? "a" : random.Next(0, max).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var year = random.Next(5) == 0 ? random.Next(0, 10000).ToString("0000", System.Globalization.CultureInfo.InvariantCulture) : random.Next(1999, 2031).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var text = $"{year}-{D(14).PadLeft(2, '0')}-{D(32).PadLeft(2, '0')}T{D(26).PadLeft(2, '0')}:{D(61).PadLeft(2, '0')}:{D(61).PadLeft(2, '0')}Z";

            var fast = FdxForwardReader.PlainUtcTimestamp(Encoding.UTF8.GetBytes(text));

            if (text.Length != 20) Assert.Null(fast);
            if (fast is null) continue;
            taken++;
            Assert.True(JsonFields.TryDate(text, out var reference), text);
            Assert.Equal(reference, fast.Value);
        }

        Assert.True(taken > 10_000);
        Assert.Equal(new DateOnly(2024, 2, 29), FdxForwardReader.PlainUtcTimestamp("2024-02-29T23:59:59Z"u8));
        Assert.Null(FdxForwardReader.PlainUtcTimestamp("2026-02-29T10:00:00Z"u8));
        Assert.Null(FdxForwardReader.PlainUtcTimestamp("0000-01-01T10:00:00Z"u8));
    }
}
