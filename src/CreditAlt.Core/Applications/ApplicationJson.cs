using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CreditAlt.Core.Applications;

/// <summary>The outcome of reading an application: the application, or every problem found.</summary>
public sealed record ApplicationParseResult(Application? Application, IReadOnlyList<ValidationProblem> Problems)
{
    public bool IsValid => Application is not null && Problems.Count == 0;
}

/// <summary>
/// The JSON form of one application (docs/data-formats.md). Reading walks the document by hand
/// rather than deserialising, so that a wrong type, a missing field and an out-of-range value
/// anywhere are all reported together, each with its path, instead of stopping at the first.
/// Writing produces the canonical form whose SHA-256 is the application's fingerprint.
/// </summary>
public static class ApplicationJson
{
    /// <value>64 levels; deeper documents are rejected before any walking.</value>
    public const int MaxDepth = 64;

    public static ApplicationParseResult Parse(ReadOnlySpan<byte> utf8)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8.ToArray(), new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" at line {line + 1}, byte {ex.BytePositionInLine + 1}" : "";
            return Fail("$", $"a well-formed JSON document{where}: {FirstSentence(ex.Message)}");
        }
        catch (ArgumentException)
        {
            return Fail("$", "a UTF-8 encoded JSON document");
        }
        using (document)
        {
            return Read(document.RootElement);
        }
    }

    public static ApplicationParseResult Parse(string json) => Parse(Encoding.UTF8.GetBytes(json));

    /// <summary>Reads an already parsed element (the API hands over its request body).</summary>
    public static ApplicationParseResult Read(JsonElement root)
    {
        var reader = new Walker();
        var application = reader.ReadApplication(root);
        if (reader.Problems.Count > 0 || application is null)
            return new(null, reader.Problems);
        var problems = ApplicationValidator.Validate(application);
        return new(problems.Count == 0 ? application : null, problems);
    }

    private static ApplicationParseResult Fail(string path, string expected) => new(null, [new(path, expected)]);

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message.TrimEnd('.');
    }

    /// <summary>Canonical JSON: fixed property order, no whitespace, amounts as written by decimal's invariant form.</summary>
    public static byte[] ToCanonicalJson(Application application)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer))
            Write(w, application);
        return buffer.WrittenSpan.ToArray();
    }

    public static string ToJson(Application application, bool indented = false)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
            Write(w, application);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Lower-case hex SHA-256 of the canonical JSON.</summary>
    public static string Fingerprint(Application application) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(ToCanonicalJson(application)));

    public static void Write(Utf8JsonWriter w, Application a)
    {
        w.WriteStartObject();
        w.WriteString("applicationId", a.ApplicationId);
        w.WriteString("applicantId", a.ApplicantId);
        w.WriteString("asOfDate", Iso(a.AsOfDate));
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
                w.WriteString("dueDate", Iso(p.DueDate));
                w.WriteNumber("amountDue", p.AmountDue);
                if (p.PaidDate is { } paid) w.WriteString("paidDate", Iso(paid));
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
            w.WriteString("month", m.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture));
            w.WriteNumber("inflow", m.Inflow);
            w.WriteNumber("outflow", m.Outflow);
            w.WriteNumber("lowestBalance", m.LowestBalance);
            w.WriteNumber("nsfCount", m.NsfCount);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed class Walker
    {
        public List<ValidationProblem> Problems { get; } = [];

        public Application? ReadApplication(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                Problems.Add(new("$", "a JSON object with applicationId, applicantId, asOfDate, requestedAmount, obligations"));
                return null;
            }
            CheckUnknown(root, "", "applicationId", "applicantId", "asOfDate", "requestedAmount", "obligations", "cashFlow");
            var applicationId = String(root, "", "applicationId");
            var applicantId = String(root, "", "applicantId");
            var asOf = Date(root, "", "asOfDate");
            var requested = Money(root, "", "requestedAmount");
            var obligations = Array(root, "", "obligations", required: true, ApplicationLimits.MaxAccounts, ReadAccount);
            var cashFlow = Array(root, "", "cashFlow", required: false, ApplicationLimits.MaxCashFlowMonths, ReadCashFlow);
            if (Problems.Count > 0) return null;
            return new Application(applicationId!, applicantId!, asOf!.Value, requested!.Value, obligations!, cashFlow!);
        }

        private ObligationAccount? ReadAccount(JsonElement e, string path)
        {
            CheckUnknown(e, path, "accountId", "type", "furnisher", "monthlyAmount", "payments");
            var id = String(e, path, "accountId");
            ObligationType type = default;
            var typeText = String(e, path, "type");
            if (typeText is not null && !ObligationTypes.TryParse(typeText, out type))
                Problems.Add(new(Join(path, "type"), $"{ObligationTypes.WireNames}, got '{Truncate(typeText)}'"));
            var furnisher = String(e, path, "furnisher");
            var monthly = Money(e, path, "monthlyAmount");
            var payments = Array(e, path, "payments", required: true, ApplicationLimits.MaxPaymentsPerAccount, ReadPayment);
            if (id is null || typeText is null || furnisher is null || monthly is null || payments is null) return null;
            return new ObligationAccount(id, type, furnisher, monthly.Value, payments);
        }

        private PaymentRecord? ReadPayment(JsonElement e, string path)
        {
            CheckUnknown(e, path, "dueDate", "amountDue", "paidDate", "amountPaid");
            var due = Date(e, path, "dueDate");
            var amountDue = Money(e, path, "amountDue");
            DateOnly? paid = null;
            var paidOk = true;
            if (e.TryGetProperty("paidDate", out var paidElement) && paidElement.ValueKind != JsonValueKind.Null)
            {
                paid = Date(e, path, "paidDate");
                paidOk = paid is not null;
            }
            decimal? amountPaid = e.TryGetProperty("amountPaid", out _) ? Money(e, path, "amountPaid") : 0m;
            if (due is null || amountDue is null || !paidOk || amountPaid is null) return null;
            return new PaymentRecord(due.Value, amountDue.Value, paid, amountPaid.Value);
        }

        private CashFlowMonth? ReadCashFlow(JsonElement e, string path)
        {
            CheckUnknown(e, path, "month", "inflow", "outflow", "lowestBalance", "nsfCount");
            var month = Month(e, path, "month");
            var inflow = Money(e, path, "inflow");
            var outflow = Money(e, path, "outflow");
            var lowest = Money(e, path, "lowestBalance", allowNegative: true);
            var nsf = Count(e, path, "nsfCount");
            if (month is null || inflow is null || outflow is null || lowest is null || nsf is null) return null;
            return new CashFlowMonth(month.Value, inflow.Value, outflow.Value, lowest.Value, nsf.Value);
        }

        private T[]? Array<T>(JsonElement parent, string path, string name, bool required, int max, Func<JsonElement, string, T?> read)
            where T : class
        {
            var p = Join(path, name);
            if (!parent.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null)
            {
                if (required) Problems.Add(new(p, "an array (required)"));
                return required ? null : [];
            }
            if (e.ValueKind != JsonValueKind.Array)
            {
                Problems.Add(new(p, $"an array, got {Describe(e)}"));
                return null;
            }
            var count = e.GetArrayLength();
            if (count > max)
            {
                Problems.Add(new(p, $"at most {max} items, got {count}"));
                return null;
            }
            var items = new T[count];
            var ok = true;
            var i = 0;
            foreach (var item in e.EnumerateArray())
            {
                var itemPath = $"{p}[{i}]";
                if (item.ValueKind != JsonValueKind.Object)
                {
                    Problems.Add(new(itemPath, $"an object, got {Describe(item)}"));
                    ok = false;
                }
                else if (read(item, itemPath) is { } value)
                {
                    items[i] = value;
                }
                else
                {
                    ok = false;
                }
                i++;
            }
            return ok ? items : null;
        }

        private void CheckUnknown(JsonElement e, string path, params string[] known)
        {
            foreach (var property in e.EnumerateObject())
                if (System.Array.IndexOf(known, property.Name) < 0)
                    Problems.Add(new(Join(path, property.Name), $"no such field; expected only {string.Join(", ", known)}"));
        }

        private string? String(JsonElement parent, string path, string name)
        {
            var p = Join(path, name);
            if (!parent.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null)
            {
                Problems.Add(new(p, "a string (required)"));
                return null;
            }
            if (e.ValueKind != JsonValueKind.String)
            {
                Problems.Add(new(p, $"a string, got {Describe(e)}"));
                return null;
            }
            return e.GetString();
        }

        private DateOnly? Date(JsonElement parent, string path, string name)
        {
            var text = String(parent, path, name);
            if (text is null) return null;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
            Problems.Add(new(Join(path, name), $"a date as yyyy-MM-dd, got '{Truncate(text)}'"));
            return null;
        }

        private DateOnly? Month(JsonElement parent, string path, string name)
        {
            var text = String(parent, path, name);
            if (text is null) return null;
            if (DateOnly.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out d) && d.Day == 1) return d;
            Problems.Add(new(Join(path, name), $"a month as yyyy-MM, got '{Truncate(text)}'"));
            return null;
        }

        private decimal? Money(JsonElement parent, string path, string name, bool allowNegative = false)
        {
            var p = Join(path, name);
            if (!parent.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null)
            {
                Problems.Add(new(p, "a number (required)"));
                return null;
            }
            if (e.ValueKind != JsonValueKind.Number)
            {
                Problems.Add(new(p, $"a number, got {Describe(e)}"));
                return null;
            }
            if (!e.TryGetDecimal(out var value) || Math.Abs(value) > ApplicationLimits.MaxLargeAmount)
            {
                Problems.Add(new(p, $"an amount of at most {ApplicationLimits.MaxLargeAmount:0}, got {Truncate(e.GetRawText())}"));
                return null;
            }
            if (!allowNegative && value < 0)
            {
                Problems.Add(new(p, $"an amount of 0 or more, got {value.ToString(CultureInfo.InvariantCulture)}"));
                return null;
            }
            if (decimal.Round(value, 2) != value)
            {
                Problems.Add(new(p, $"an amount with at most 2 decimal places, got {value.ToString(CultureInfo.InvariantCulture)}"));
                return null;
            }
            return value;
        }

        private int? Count(JsonElement parent, string path, string name)
        {
            var p = Join(path, name);
            if (!parent.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null)
            {
                Problems.Add(new(p, "a whole number (required)"));
                return null;
            }
            if (e.ValueKind != JsonValueKind.Number || !e.TryGetInt32(out var value) || value < 0 || value > ApplicationLimits.MaxNsfPerMonth)
            {
                Problems.Add(new(p, $"a whole number from 0 to {ApplicationLimits.MaxNsfPerMonth}, got {Describe(e)}"));
                return null;
            }
            return value;
        }

        private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

        private static string Describe(JsonElement e) => e.ValueKind switch
        {
            JsonValueKind.String => $"the string '{Truncate(e.GetString() ?? "")}'",
            JsonValueKind.Number => Truncate(e.GetRawText()),
            JsonValueKind.True or JsonValueKind.False => e.GetRawText(),
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            _ => "null",
        };

        private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";
    }
}
