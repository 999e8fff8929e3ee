using System.Text;
using System.Text.Json;
using CreditAlt.Core.Applications;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CreditAlt.Core.Tests.Applications;

public sealed class ApplicationJsonTests
{
    internal const string Valid = """
        {"applicationId":"A1","applicantId":"P1","asOfDate":"2026-06-30","requestedAmount":1500.00,
         "obligations":[{"accountId":"R1","type":"rent","furnisher":"Maple Court","monthlyAmount":1000,
           "payments":[{"dueDate":"2026-05-01","amountDue":1000,"paidDate":"2026-05-01","amountPaid":1000},
                       {"dueDate":"2026-06-01","amountDue":1000,"paidDate":null,"amountPaid":0}]}],
         "cashFlow":[{"month":"2026-05","inflow":3000,"outflow":2500.5,"lowestBalance":-20,"nsfCount":1}]}
        """;

    [Fact]
    public void Parse_ValidDocument_ReadsEveryField()
    {
        var result = ApplicationJson.Parse(Valid);

        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        var a = result.Application!;
        Assert.Equal("A1", a.ApplicationId);
        Assert.Equal(new DateOnly(2026, 6, 30), a.AsOfDate);
        Assert.Equal(1500.00m, a.RequestedAmount);
        var rent = Assert.Single(a.Obligations);
        Assert.Equal(ObligationType.Rent, rent.Type);
        Assert.Null(rent.Payments[1].PaidDate);
        var month = Assert.Single(a.CashFlow);
        Assert.Equal(new DateOnly(2026, 5, 1), month.Month);
        Assert.Equal(-20m, month.LowestBalance);
        Assert.Equal(1, month.NsfCount);
    }

    [Fact]
    public void Parse_SeveralWrongFields_ReportsEveryPathAtOnce()
    {
        var json = Valid
            .Replace("\"type\":\"rent\"", "\"type\":\"mortgage\"", StringComparison.Ordinal)
            .Replace("\"amountDue\":1000,\"paidDate\":null", "\"amountDue\":\"lots\",\"paidDate\":null", StringComparison.Ordinal)
            .Replace("\"nsfCount\":1", "\"nsfCount\":-3", StringComparison.Ordinal)
            .Replace("\"requestedAmount\":1500.00", "\"requestedAmount\":true", StringComparison.Ordinal);

        var result = ApplicationJson.Parse(json);

        Assert.False(result.IsValid);
        Assert.Equal(
            ["requestedAmount", "obligations[0].type", "obligations[0].payments[1].amountDue", "cashFlow[0].nsfCount"],
            result.Problems.Select(p => p.Path));
        Assert.Equal("one of rent, utility, telecom, childcare, insurance, other, got 'mortgage'", result.Problems[1].Expected);
        Assert.Equal("a number, got the string 'lots'", result.Problems[2].Expected);
    }

    [Theory]
    [InlineData("{\"applicationId\":", "$")]
    [InlineData("[1,2]", "$")]
    [InlineData("{}", "applicationId")]
    public void Parse_MalformedOrEmpty_NamesWhere(string json, string firstPath)
    {
        var result = ApplicationJson.Parse(json);

        Assert.False(result.IsValid);
        Assert.Equal(firstPath, result.Problems[0].Path);
    }

    [Fact]
    public void Parse_InvalidUtf8_IsAProblemNotAnException()
    {
        var result = ApplicationJson.Parse(new byte[] { 0x7B, 0x22, 0xC3, 0x28, 0x22, 0x7D });

        Assert.False(result.IsValid);
        Assert.Equal("$", Assert.Single(result.Problems).Path);
    }

    [Fact]
    public void Parse_DeepNesting_IsRejectedWithAProblem()
    {
        var json = new string('[', 10_000) + new string(']', 10_000);

        var result = ApplicationJson.Parse(json);

        Assert.Equal("$", Assert.Single(result.Problems).Path);
    }

    [Fact]
    public void Parse_UnknownFieldAndTooManyDecimals_AreNamed()
    {
        var json = Valid.Replace("\"requestedAmount\":1500.00", "\"requestedAmount\":1500.001,\"race\":\"x\"", StringComparison.Ordinal);

        var result = ApplicationJson.Parse(json);

        Assert.Equal(["race", "requestedAmount"], result.Problems.Select(p => p.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Parse_InvalidUtf8InAPropertyName_IsAProblemAtTheRoot()
    {
        var json = Encoding.UTF8.GetBytes(Valid.Replace("\"applicantId\"", "\"applic#ntId\"", StringComparison.Ordinal));
        json[Array.IndexOf(json, (byte)'#')] = 0xC3; // a lead byte followed by 'n': not UTF-8

        var result = ApplicationJson.Parse(json);

        Assert.Equal([new ValidationProblem("$", "a UTF-8 encoded JSON document")], result.Problems);
    }

    [Theory]
    [InlineData("\"requestedAmount\":1500.00", "\"requestedAmount\":1500.00,\"requestedAmount\":1", "requestedAmount")]
    [InlineData("\"furnisher\":\"Maple Court\"", "\"furnisher\":\"Maple Court\",\"furnisher\":\"Other\"", "obligations[0].furnisher")]
    [InlineData("\"amountPaid\":0}", "\"amountPaid\":0,\"amountPaid\":0}", "obligations[0].payments[1].amountPaid")]
    [InlineData("\"nsfCount\":1", "\"nsfCount\":1,\"nsf\\u0043ount\":1", "cashFlow[0].nsfCount")] // the same name, escaped
    public void Parse_DuplicateProperty_IsRejectedAtItsPath(string field, string repeated, string path)
    {
        var result = ApplicationJson.Parse(Valid.Replace(field, repeated, StringComparison.Ordinal));

        Assert.Equal([new ValidationProblem(path, "each field once; this one appears more than once in the object")], result.Problems);
    }

    [Theory]
    [InlineData("1e-400", "an amount with at most 2 decimal places, got 1e-400")]                     // read as 0 by decimal
    [InlineData("100.0000000000000000000000000000001", "an amount with at most 2 decimal places, got 100.0000000000000000000000000000001")] // rounded by decimal
    [InlineData("1500.001", "an amount with at most 2 decimal places, got 1500.001")]
    [InlineData("5e-3", "an amount with at most 2 decimal places, got 5e-3")]
    [InlineData("-1e-400", "an amount of 0 or more, got -1e-400")]
    [InlineData("-5", "an amount of 0 or more, got -5")]
    [InlineData("1e400", "an amount of at most 10000000, got 1e400")]
    [InlineData("10000000.01", "an amount of at most 10000000, got 10000000.01")]
    [InlineData("1e8", "an amount of at most 10000000, got 1e8")]
    public void Parse_AmountThatIsNotCurrency_NamesWhatWasExpected(string amount, string expected)
    {
        var result = ApplicationJson.Parse(Valid.Replace("\"requestedAmount\":1500.00", $"\"requestedAmount\":{amount}", StringComparison.Ordinal));

        Assert.Equal([new ValidationProblem("requestedAmount", expected)], result.Problems);
    }

    [Theory]
    [InlineData("1e7", "10000000")]
    [InlineData("10000000.00", "10000000.00")]
    [InlineData("1.000", "1.000")]          // the scale as written is kept (and so the fingerprint)
    [InlineData("12.5e-1", "1.25")]
    [InlineData("0.015e2", "1.5")]
    public void Parse_AmountWithinTwoDecimalPlacesHoweverWritten_IsAccepted(string amount, string canonical)
    {
        var result = ApplicationJson.Parse(Valid.Replace("\"requestedAmount\":1500.00", $"\"requestedAmount\":{amount}", StringComparison.Ordinal));

        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        Assert.Contains($"\"requestedAmount\":{canonical},", Encoding.UTF8.GetString(ApplicationJson.ToCanonicalJson(result.Application!)), StringComparison.Ordinal);
    }

    /// <summary>Plain amounts are turned into decimals by hand: the same value and scale (the same bits) as the JSON reader gives.</summary>
    [Property(MaxTest = 1000)]
    public bool Parse_PlainAmount_SameDecimalAsTheJsonReader(NonNegativeInt whole, byte places, bool negative, byte zeros)
    {
        var fraction = (places % 4) switch
        {
            0 => "",
            1 => $".{places % 10}",
            2 => $".{places % 100:00}",
            _ => $".{places % 100:00}{new string('0', zeros % 12)}",
        };
        var text = $"{(negative ? "-" : "")}{whole.Get % 10_000_001}{fraction}";
        var result = ApplicationJson.Parse(Valid.Replace("\"lowestBalance\":-20", $"\"lowestBalance\":{text}", StringComparison.Ordinal));
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text));
        reader.Read();
        return reader.TryGetDecimal(out var expected)
            && decimal.GetBits(result.Application!.CashFlow[0].LowestBalance).SequenceEqual(decimal.GetBits(expected));
    }

    [Fact]
    public void Parse_ZeroWithHugeNegativeExponent_IsZero()
    {
        var result = ApplicationJson.Parse(Valid.Replace("\"lowestBalance\":-20", "\"lowestBalance\":0e-400", StringComparison.Ordinal));

        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        Assert.Equal(0m, result.Application!.CashFlow[0].LowestBalance);
    }

    [Fact]
    public void Parse_BalanceOutOfRange_SaysTheRangeBothWays()
    {
        var result = ApplicationJson.Parse(Valid.Replace("\"lowestBalance\":-20", "\"lowestBalance\":-2e7", StringComparison.Ordinal));

        Assert.Equal([new ValidationProblem("cashFlow[0].lowestBalance", "an amount from -10000000 to 10000000, got -2e7")], result.Problems);
    }

    [Fact]
    public void Parse_EscapedLoneSurrogate_IsAProblemNotAnException()
    {
        var json = Valid
            .Replace("\"applicationId\":\"A1\"", "\"applicationId\":\"A\\ud800\"", StringComparison.Ordinal)
            .Replace("\"type\":\"rent\"", "\"type\":\"\\udc00\"", StringComparison.Ordinal);

        var result = ApplicationJson.Parse(json);

        Assert.Equal(
            [
                new ValidationProblem("applicationId", "a string of valid Unicode text, got an escaped lone surrogate"),
                new ValidationProblem("obligations[0].type", "a string of valid Unicode text, got an escaped lone surrogate"),
            ],
            result.Problems);
    }

    [Fact]
    public void Parse_FieldsInAnyOrder_ProblemsInSchemaOrderWithUnknownFieldsFirst()
    {
        const string json = """
            {"obligations":[{"payments":[{"amountPaid":"x","dueDate":"2026-13-01","amountDue":1}],"monthlyAmount":-1,"type":"rent","accountId":"R1","furnisher":"F"}],
             "requestedAmount":"lots","ssn":"123","applicantId":7,"applicationId":"A1"}
            """;

        var result = ApplicationJson.Parse(json);

        Assert.Equal(
            [
                "ssn: no such field; expected only applicationId, applicantId, asOfDate, requestedAmount, obligations, cashFlow",
                "applicantId: a string, got 7",
                "asOfDate: a string (required)",
                "requestedAmount: a number, got the string 'lots'",
                "obligations[0].monthlyAmount: an amount of 0 or more, got -1",
                "obligations[0].payments[0].dueDate: a date as yyyy-MM-dd, got '2026-13-01'",
                "obligations[0].payments[0].amountPaid: a number, got the string 'x'",
            ],
            result.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Parse_TooManyItems_IsOneProblemForTheArray()
    {
        var months = string.Join(",", Enumerable.Range(0, ApplicationLimits.MaxCashFlowMonths + 1).Select(_ => "{\"month\":\"bad\"}"));
        var json = Valid[..Valid.IndexOf("\"cashFlow\"", StringComparison.Ordinal)] + $"\"cashFlow\":[{months}]}}";

        var result = ApplicationJson.Parse(json);

        Assert.Equal([new ValidationProblem("cashFlow", "at most 60 items, got 61")], result.Problems);
    }

    [Fact]
    public void Parse_TrailingContent_IsNotWellFormed()
    {
        var result = ApplicationJson.Parse(Valid + "{}");

        Assert.Equal([new ValidationProblem("$", "a well-formed JSON document at line 5, byte 99: '{' is invalid after a single JSON value")], result.Problems);
    }

    // JSON punctuation, digits, escapes, and bytes that are not UTF-8 on their own.
    private static readonly byte[] Mangles = [.. "\"{}[],:0-.e\\u az9"u8, 0xC3, 0xED, 0xA0, 0x80, 0xFF];

    /// <summary>A valid document cut short or not, with one to three of its bytes replaced by bytes that matter to JSON or UTF-8.</summary>
    private static Gen<(int Length, (int At, byte By)[] Changes)> MangledValid()
    {
        var n = Encoding.UTF8.GetByteCount(Valid);
        var change = Gen.Choose(0, n - 1).Zip(Gen.Elements(Mangles));
        return Gen.OneOf(Gen.Constant(n), Gen.Choose(0, n - 1))
            .SelectMany(length => Gen.Choose(1, 3).SelectMany(k => change.ArrayOf(k)), (length, changes) => (length, changes));
    }

    /// <summary>Whatever bytes arrive, reading gives an application or problems; it never throws.</summary>
    [Property(MaxTest = 500)]
    public Property Parse_MangledBytes_NeverThrows() =>
        Prop.ForAll(MangledValid().ToArbitrary(), m =>
        {
            var bytes = Encoding.UTF8.GetBytes(Valid);
            foreach (var (at, by) in m.Changes) bytes[at] = by;
            var result = ApplicationJson.Parse(bytes.AsSpan(0, m.Length));
            return result.IsValid || result.Problems.Count > 0;
        });

    [Fact]
    public void Parse_SampleApplication_IsValid()
    {
        var result = ApplicationJson.Parse(File.ReadAllBytes(RepoRoot.Path("data-samples", "application.json")));

        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        Assert.Equal("APP-0000277", result.Application!.ApplicationId);
    }

    [Fact]
    public void ToCanonicalJson_RoundTrip_GivesSameBytesAndFingerprint()
    {
        var a = ApplicationJson.Parse(Valid).Application!;
        var canonical = ApplicationJson.ToCanonicalJson(a);

        var again = ApplicationJson.Parse(canonical).Application!;

        Assert.Equal(canonical, ApplicationJson.ToCanonicalJson(again));
        Assert.Equal(ApplicationJson.Fingerprint(a), ApplicationJson.Fingerprint(again));
        Assert.Equal(64, ApplicationJson.Fingerprint(a).Length);
    }

    [Fact]
    public void ToCanonicalJson_Valid_IsTheDocumentedCompactForm()
    {
        var canonical = Encoding.UTF8.GetString(ApplicationJson.ToCanonicalJson(ApplicationJson.Parse(Valid).Application!));

        Assert.Equal(
            "{\"applicationId\":\"A1\",\"applicantId\":\"P1\",\"asOfDate\":\"2026-06-30\",\"requestedAmount\":1500.00,\"obligations\":[" +
            "{\"accountId\":\"R1\",\"type\":\"rent\",\"furnisher\":\"Maple Court\",\"monthlyAmount\":1000,\"payments\":[" +
            "{\"dueDate\":\"2026-05-01\",\"amountDue\":1000,\"paidDate\":\"2026-05-01\",\"amountPaid\":1000}," +
            "{\"dueDate\":\"2026-06-01\",\"amountDue\":1000,\"paidDate\":null,\"amountPaid\":0}]}]," +
            "\"cashFlow\":[{\"month\":\"2026-05\",\"inflow\":3000,\"outflow\":2500.5,\"lowestBalance\":-20,\"nsfCount\":1}]}",
            canonical);
    }

    [Fact]
    public void ToJson_Indented_HoldsTheSameValues()
    {
        var a = ApplicationJson.Parse(Valid).Application!;

        var indented = ApplicationJson.ToJson(a, indented: true);

        Assert.Contains("\n  \"requestedAmount\": 1500.00,\n", indented, StringComparison.Ordinal);
        Assert.Equal(ApplicationJson.ToCanonicalJson(a), ApplicationJson.ToCanonicalJson(ApplicationJson.Parse(indented).Application!));
    }
}
