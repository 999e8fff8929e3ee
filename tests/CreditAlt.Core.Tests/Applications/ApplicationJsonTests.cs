using System.Buffers;
using System.Text;
using System.Text.Json;
using CreditAlt.Core.Applications;
using FsCheck;
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

    /// <summary>Whatever bytes arrive, reading gives an application or problems; it never throws.</summary>
    [Property(MaxTest = 500)]
    public bool Parse_MangledBytes_NeverThrows(int seed)
    {
        var random = new Random(seed);
        var bytes = Encoding.UTF8.GetBytes(Valid);
        var length = random.Next(2) == 0 ? bytes.Length : random.Next(bytes.Length);
        for (var k = random.Next(1, 4); k > 0; k--)
            bytes[random.Next(length)] = Mangles[random.Next(Mangles.Length)];
        var result = ApplicationJson.Parse(bytes.AsSpan(0, length));
        return result.IsValid || result.Problems.Count > 0;
    }

    // Values and members to put in place of others: the plain forms the fast reader takes, and what it must leave to the walker.
    private static readonly string[] NumberForms =
        ["0", "-0", "0.0", "1.5", "1.50", "1.505", "1400.0", "1e2", "1E-2", "01", "1.", "-1", "-20.25", "10000000", "10000001", "1000000.00",
         "99999999999999999999", "00", "1.0e0", "7", "1000", "1001", "-", "+1", "0x10"];

    private static readonly string[] ValueForms =
        ["\"\"", "\"x\"", "\"2026-02-30\"", "\"2026-5-01\"", "\"2026-05\"", "\"2026-05-01\"", "\"2026-05-01T00:00\"", "\"2026-04\"",
         "\"\\u0041\"", "\"a\\nb\"", "\"rent\"", "\"RENT\"", "\"other\"", "null", "true", "1", "[]", "{}", "\"Crèche Zoë 😀\"", "\"a,b\""];

    private static readonly string[] Inserts = [" ", "\n\t ", "\r\n", "/* c */", ",", "\"extra\":1,", "\"amountPaid\":5,", "\"nsfCount\":2,", "\"cashFlow\":null,"];

    /// <summary>
    /// The fast reader and the walker agree: a document changed at random (other number forms, other values, fields added,
    /// repeated or dropped, whitespace, truncation) gives the same answer as the same document with one property name
    /// escaped, which only the walker reads. Syntax errors are compared as such (the escape moves their byte position).
    /// </summary>
    [Property(MaxTest = 3000)]
    public bool Parse_FastReaderAndWalker_GiveTheSameAnswer(int seed)
    {
        var random = new Random(seed);
        var json = random.Next(3) == 0 ? SampleApplication.Value : Valid;
        for (var k = random.Next(1, 4); k > 0; k--)
            json = Mutate(json, random);
        var escaped = EscapeFirstName(json);
        return escaped is null || Answer(ApplicationJson.Parse(json)) == Answer(ApplicationJson.Parse(escaped));
    }

    [Fact]
    public void Parse_SampleApplication_SameAnswerFromFastReaderAndWalker()
    {
        var fast = ApplicationJson.Parse(SampleApplication.Value);

        Assert.True(fast.IsValid, string.Join("; ", fast.Problems));
        Assert.Equal(Answer(fast), Answer(ApplicationJson.Parse(EscapeFirstName(SampleApplication.Value)!)));
    }

    private static readonly Lazy<string> SampleApplication = new(() => File.ReadAllText(Path.Combine(RepoRoot.Find(), "data-samples", "application.json")));

    private static string Mutate(string json, Random random)
    {
        switch (random.Next(7))
        {
            case 0: return ReplaceOne(json, @"(?<=:\s*)-?\d[\d.eE+-]*", NumberForms[random.Next(NumberForms.Length)], random);
            case 1: return ReplaceOne(json, @"(?<=:\s*)""[^""]*""", ValueForms[random.Next(ValueForms.Length)], random);
            case 2: return ReplaceOne(json, @"(?<=:\s*)(-?\d[\d.eE+-]*|""[^""]*""|null)", ValueForms[random.Next(ValueForms.Length)], random);
            case 3: return ReplaceOne(json, @"""\w+""\s*:\s*(-?\d[\d.eE+-]*|""[^""]*""|null)\s*,?", "", random);   // drop a member
            case 4:
            {
                var member = System.Text.RegularExpressions.Regex.Matches(json, @"""\w+""\s*:\s*(-?\d[\d.eE+-]*|""[^""]*""|null)");
                if (member.Count == 0) return json;
                var m = member[random.Next(member.Count)];
                return json.Insert(m.Index, m.Value + ",");                                                               // repeat a member
            }
            case 5:
            {
                var at = System.Text.RegularExpressions.Regex.Matches(json, @"[{\[,:]");
                var m = at[random.Next(at.Count)];
                return json.Insert(m.Index + 1, Inserts[random.Next(Inserts.Length)]);
            }
            default: return random.Next(2) == 0 ? json[..random.Next(json.Length)] : json + (random.Next(2) == 0 ? " \n" : "x");
        }
    }

    private static string ReplaceOne(string json, string pattern, string by, Random random)
    {
        var matches = System.Text.RegularExpressions.Regex.Matches(json, pattern);
        if (matches.Count == 0) return json;
        var m = matches[random.Next(matches.Count)];
        return string.Concat(json.AsSpan(0, m.Index), by, json.AsSpan(m.Index + m.Length));
    }

    /// <summary>The document with the first letter of its first property name written as a \u escape (same name, walker only), or null.</summary>
    private static string? EscapeFirstName(string json)
    {
        var m = System.Text.RegularExpressions.Regex.Match(json, @"""([a-zA-Z])\w*""\s*:");
        return m.Success ? string.Concat(json.AsSpan(0, m.Index + 1), $"\\u{(int)m.Groups[1].Value[0]:x4}", json.AsSpan(m.Index + 2)) : null;
    }

    private static string Answer(ApplicationParseResult result) =>
        result.IsValid
            ? "valid " + Encoding.UTF8.GetString(ApplicationJson.ToCanonicalJson(result.Application!))
            : string.Join("\n", result.Problems.Select(p =>
                p.Path == "$" && p.Expected.StartsWith("a well-formed JSON document", StringComparison.Ordinal) ? "$: not well-formed" : p.ToString()));

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

    [Theory]
    [InlineData("Maple <Court> & Sons")]
    [InlineData("O'Brien \"Lettings\" + Co `\\`")]
    [InlineData("Crèche Zoë, 中文, 😀")]
    [InlineData("tab\tline\nbreak\u0001\u007f\u2028")]
    public void ToCanonicalJson_StringsNeedingEscapes_SameBytesAsUtf8JsonWriter(string text)
    {
        var a = ApplicationJson.Parse(Valid).Application!;
        a = a with { ApplicantId = text, Obligations = [a.Obligations[0] with { Furnisher = text }] };

        Assert.Equal(Encoding.UTF8.GetString(ReferenceCanonicalJson(a)), Encoding.UTF8.GetString(ApplicationJson.ToCanonicalJson(a)));
    }

    [Theory]
    [InlineData("1400")]
    [InlineData("1.50")]
    [InlineData("0.05")]
    [InlineData("-0.05")]
    [InlineData("1.000")]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("0.00")]
    [InlineData("-1234567.89")]
    [InlineData("12345678901234567890.12")]  // beyond a long: left to the formatter
    [InlineData("0.0000000000000000000000000001")]
    public void ToCanonicalJson_Amounts_SameBytesAsUtf8JsonWriter(string amount)
    {
        var value = decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture);
        var a = ApplicationJson.Parse(Valid).Application!;
        a = a with { RequestedAmount = value, CashFlow = [a.CashFlow[0] with { LowestBalance = -value }] };

        Assert.Equal(Encoding.UTF8.GetString(ReferenceCanonicalJson(a)), Encoding.UTF8.GetString(ApplicationJson.ToCanonicalJson(a)));
    }

    /// <summary>Any decimal (any scale, sign, up to 96-bit mantissa) in a payment, an account and the root: same bytes as Utf8JsonWriter.</summary>
    [Property(MaxTest = 2000)]
    public bool ToCanonicalJson_RandomDecimals_SameBytesAsUtf8JsonWriter(int lo, int mid, bool wide, bool negative, byte scale)
    {
        var value = new decimal(lo, mid, wide ? lo ^ mid : 0, negative, (byte)(scale % 29));
        var a = ApplicationJson.Parse(Valid).Application!;
        var rent = a.Obligations[0];
        a = a with
        {
            RequestedAmount = value,
            Obligations = [rent with { MonthlyAmount = -value, Payments = [rent.Payments[0] with { AmountDue = value, AmountPaid = -value }, rent.Payments[1]] }],
        };

        return ReferenceCanonicalJson(a).AsSpan().SequenceEqual(ApplicationJson.ToCanonicalJson(a));
    }

    [Fact]
    public void ToJson_Indented_HoldsTheSameValues()
    {
        var a = ApplicationJson.Parse(Valid).Application!;

        var indented = ApplicationJson.ToJson(a, indented: true);

        Assert.Contains("\n  \"requestedAmount\": 1500.00,\n", indented, StringComparison.Ordinal);
        Assert.Equal(ApplicationJson.ToCanonicalJson(a), ApplicationJson.ToCanonicalJson(ApplicationJson.Parse(indented).Application!));
    }

    /// <summary>The canonical form as Utf8JsonWriter with default options writes it (the writer it replaced): the oracle for the bytes.</summary>
    private static byte[] ReferenceCanonicalJson(Application a)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("applicationId", a.ApplicationId);
            w.WriteString("applicantId", a.ApplicantId);
            w.WriteString("asOfDate", a.AsOfDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteNumber("requestedAmount", a.RequestedAmount);
            w.WriteStartArray("obligations");
            foreach (var account in a.Obligations)
            {
                w.WriteStartObject();
                w.WriteString("accountId", account.AccountId);
                w.WriteString("type", account.Type.ToWire());
                w.WriteString("furnisher", account.Furnisher);
                w.WriteNumber("monthlyAmount", account.MonthlyAmount);
                w.WriteStartArray("payments");
                foreach (var p in account.Payments)
                {
                    w.WriteStartObject();
                    w.WriteString("dueDate", p.DueDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
                    w.WriteNumber("amountDue", p.AmountDue);
                    if (p.PaidDate is { } paid) w.WriteString("paidDate", paid.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
                    else w.WriteNull("paidDate");
                    w.WriteNumber("amountPaid", p.AmountPaid);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("cashFlow");
            foreach (var m in a.CashFlow)
            {
                w.WriteStartObject();
                w.WriteString("month", m.Month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture));
                w.WriteNumber("inflow", m.Inflow);
                w.WriteNumber("outflow", m.Outflow);
                w.WriteNumber("lowestBalance", m.LowestBalance);
                w.WriteNumber("nsfCount", m.NsfCount);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
