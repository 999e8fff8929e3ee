using System.Text;
using System.Text.Json;

namespace CreditAlt.Core.Applications;

/// <summary>
/// One pass over the document. Problems are reported in the order of the schema's fields (unknown fields first) at
/// every level, whatever order the client sent the fields in, and paths are only built for problems.
/// </summary>
internal sealed partial class ApplicationJsonReader
{
    private static readonly byte[][] TypeNames = [.. ObligationTypes.All.Select(t => Encoding.UTF8.GetBytes(t.ToWire()))];

    private static readonly string[] RootFields = ["applicationId", "applicantId", "asOfDate", "requestedAmount", "obligations", "cashFlow"];
    private static readonly string[] AccountFields = ["accountId", "type", "furnisher", "monthlyAmount", "payments"];
    private static readonly string[] PaymentFields = ["dueDate", "amountDue", "paidDate", "amountPaid"];
    private static readonly string[] CashFlowFields = ["month", "inflow", "outflow", "lowestBalance", "nsfCount"];
    private static readonly byte[][] RootNames = Utf8Names(RootFields);
    private static readonly byte[][] AccountNames = Utf8Names(AccountFields);
    private static readonly byte[][] PaymentNames = Utf8Names(PaymentFields);
    private static readonly byte[][] CashFlowNames = Utf8Names(CashFlowFields);

    private readonly List<int> _ranks = [];   // per problem: 1 + the index of the field it belongs to in its object, 0 for unknown fields
    private readonly ItemReader<ObligationAccount> _readAccount;
    private readonly ItemReader<PaymentRecord> _readPayment;
    private readonly ItemReader<CashFlowMonth> _readCashFlow;

    // Where the walker is, for paths: -1 = not inside.
    private int _account = -1, _payment = -1, _month = -1;

    public ApplicationJsonReader()
    {
        _readAccount = ReadAccountAt;
        _readPayment = ReadPaymentAt;
        _readCashFlow = ReadCashFlowAt;
    }

    public List<ValidationProblem> Problems { get; } = [];

    private static byte[][] Utf8Names(string[] names) => [.. names.Select(Encoding.UTF8.GetBytes)];

    public Application? ReadDocument(ref Utf8JsonReader r)
    {
        r.Read();
        Application? application = null;
        if (r.TokenType != JsonTokenType.StartObject)
        {
            Problems.Add(new("$", "a JSON object with applicationId, applicantId, asOfDate, requestedAmount, obligations"));
            r.Skip();
        }
        else
        {
            application = ReadApplication(ref r);
        }

        // Anything after the one value is a syntax error, which the reader raises here.
        r.Read();
        return application;
    }

    private Application? ReadApplication(ref Utf8JsonReader r)
    {
        var start = Problems.Count;
        var seen = 0;
        string? applicationId = null, applicantId = null;
        DateOnly? asOf = null;
        decimal? requested = null;
        ObligationAccount[]? obligations = null;
        CashFlowMonth[]? cashFlow = [];
        while (NextField(ref r, RootFields, RootNames, ref seen, out var field))
        {
            var before = Problems.Count;
            switch (field)
            {
                case 0: applicationId = String(ref r, "applicationId"); break;
                case 1: applicantId = String(ref r, "applicantId"); break;
                case 2: asOf = Date(ref r, "asOfDate"); break;
                case 3: requested = Money(ref r, "requestedAmount", allowNegative: false); break;
                case 4: obligations = Array(ref r, "obligations", required: true, ApplicationLimits.MaxAccounts, _readAccount); break;
                default: cashFlow = Array(ref r, "cashFlow", required: false, ApplicationLimits.MaxCashFlowMonths, _readCashFlow); break;
            }

            RankFrom(before, field);
        }

        Require(seen, 0, "applicationId", "a string (required)");
        Require(seen, 1, "applicantId", "a string (required)");
        Require(seen, 2, "asOfDate", "a string (required)");
        Require(seen, 3, "requestedAmount", "a number (required)");
        Require(seen, 4, "obligations", "an array (required)");
        SortByRank(start);
        if (Problems.Count > 0) return null;
        return new Application(applicationId!, applicantId!, asOf!.Value, requested!.Value, obligations!, cashFlow!);
    }

    private ObligationAccount? ReadAccountAt(ref Utf8JsonReader r, int index)
    {
        _account = index;
        var account = ReadAccount(ref r);
        _account = -1;
        return account;
    }

    private ObligationAccount? ReadAccount(ref Utf8JsonReader r)
    {
        var start = Problems.Count;
        var seen = 0;
        string? id = null, furnisher = null;
        ObligationType? type = null;
        decimal? monthly = null;
        PaymentRecord[]? payments = null;
        while (NextField(ref r, AccountFields, AccountNames, ref seen, out var field))
        {
            var before = Problems.Count;
            switch (field)
            {
                case 0: id = String(ref r, "accountId"); break;
                case 1: type = Type(ref r); break;
                case 2: furnisher = String(ref r, "furnisher"); break;
                case 3: monthly = Money(ref r, "monthlyAmount", allowNegative: false); break;
                default: payments = Array(ref r, "payments", required: true, ApplicationLimits.MaxPaymentsPerAccount, _readPayment); break;
            }

            RankFrom(before, field);
        }

        Require(seen, 0, "accountId", "a string (required)");
        Require(seen, 1, "type", "a string (required)");
        Require(seen, 2, "furnisher", "a string (required)");
        Require(seen, 3, "monthlyAmount", "a number (required)");
        Require(seen, 4, "payments", "an array (required)");
        SortByRank(start);
        if (Problems.Count > start || id is null || type is null || furnisher is null || monthly is null || payments is null) return null;
        return new ObligationAccount(id, type.Value, furnisher, monthly.Value, payments);
    }

    private PaymentRecord? ReadPaymentAt(ref Utf8JsonReader r, int index)
    {
        _payment = index;
        var start = Problems.Count;
        var seen = 0;
        DateOnly? due = null, paid = null;
        decimal? amountDue = null, amountPaid = 0m;
        while (NextField(ref r, PaymentFields, PaymentNames, ref seen, out var field))
        {
            var before = Problems.Count;
            switch (field)
            {
                case 0: due = Date(ref r, "dueDate"); break;
                case 1: amountDue = Money(ref r, "amountDue", allowNegative: false); break;
                case 2:
                    if (r.TokenType != JsonTokenType.Null) paid = Date(ref r, "paidDate");
                    break;
                default: amountPaid = Money(ref r, "amountPaid", allowNegative: false); break;
            }

            RankFrom(before, field);
        }

        Require(seen, 0, "dueDate", "a string (required)");
        Require(seen, 1, "amountDue", "a number (required)");
        SortByRank(start);
        _payment = -1;
        if (Problems.Count > start) return null;
        return new PaymentRecord(due!.Value, amountDue!.Value, paid, amountPaid!.Value);
    }

    private CashFlowMonth? ReadCashFlowAt(ref Utf8JsonReader r, int index)
    {
        _month = index;
        var start = Problems.Count;
        var seen = 0;
        DateOnly? month = null;
        decimal? inflow = null, outflow = null, lowest = null;
        int? nsf = null;
        while (NextField(ref r, CashFlowFields, CashFlowNames, ref seen, out var field))
        {
            var before = Problems.Count;
            switch (field)
            {
                case 0: month = Month(ref r, "month"); break;
                case 1: inflow = Money(ref r, "inflow", allowNegative: false); break;
                case 2: outflow = Money(ref r, "outflow", allowNegative: false); break;
                case 3: lowest = Money(ref r, "lowestBalance", allowNegative: true); break;
                default: nsf = Count(ref r, "nsfCount"); break;
            }

            RankFrom(before, field);
        }

        Require(seen, 0, "month", "a string (required)");
        Require(seen, 1, "inflow", "a number (required)");
        Require(seen, 2, "outflow", "a number (required)");
        Require(seen, 3, "lowestBalance", "a number (required)");
        Require(seen, 4, "nsfCount", "a whole number (required)");
        SortByRank(start);
        _month = -1;
        if (Problems.Count > start) return null;
        return new CashFlowMonth(month!.Value, inflow!.Value, outflow!.Value, lowest!.Value, nsf!.Value);
    }

    private delegate T? ItemReader<T>(ref Utf8JsonReader r, int index);

    /// <summary>An array of objects (null counts as absent: required for obligations, empty for cash flow).</summary>
    private T[]? Array<T>(ref Utf8JsonReader r, string name, bool required, int max, ItemReader<T> read)
        where T : class
    {
        if (r.TokenType == JsonTokenType.Null)
        {
            if (required) Add(name, "an array (required)");
            return required ? null : [];
        }

        if (r.TokenType != JsonTokenType.StartArray)
        {
            Add(name, $"an array, got {Describe(ref r)}");
            return null;
        }

        var start = Problems.Count;
        var items = new T[Math.Min(max, 16)];
        var count = 0;
        var ok = true;
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            if (count >= max)
            {
                r.Skip();
            }
            else if (r.TokenType != JsonTokenType.StartObject)
            {
                AddItem(name, count, $"an object, got {Describe(ref r)}");
                ok = false;
            }
            else if (read(ref r, count) is { } item)
            {
                if (count >= items.Length) System.Array.Resize(ref items, Math.Min(max, Math.Max(count + 1, items.Length * 2)));
                items[count] = item;
            }
            else
            {
                ok = false;
            }

            count++;
        }

        if (count > max)
        {
            // As before the items are read: too many is the one problem, not what is wrong inside each.
            Truncate(start);
            Add(name, $"at most {max} items, got {count}");
            return null;
        }

        if (!ok) return null;
        if (count != items.Length) System.Array.Resize(ref items, count);
        return items;
    }

    /// <summary>Moves to the next property's value; false at the end of the object. Unknown and repeated fields are problems and skipped.</summary>
    private bool NextField(ref Utf8JsonReader r, string[] fields, byte[][] names, ref int seen, out int field)
    {
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            field = -1;
            for (var f = 0; f < names.Length; f++)
            {
                if (TextEquals(ref r, names[f]))
                {
                    field = f;
                    break;
                }
            }

            if (field < 0)
            {
                var name = PropertyName(ref r);
                r.Read();
                r.Skip();
                Add(name, $"no such field; expected only {string.Join(", ", fields)}");
                RankFrom(Problems.Count - 1, -1); // unknown fields come first, as their names are the likeliest mistake
                continue;
            }

            r.Read();
            if ((seen & (1 << field)) != 0)
            {
                r.Skip();
                Add(fields[field], "each field once; this one appears more than once in the object");
                RankFrom(Problems.Count - 1, field);
                continue;
            }

            seen |= 1 << field;
            return true;
        }

        field = -1;
        return false;
    }

    /// <summary>Whether the current name or string is <paramref name="utf8"/>; false (not an exception) for an escaped lone surrogate.</summary>
    private static bool TextEquals(ref Utf8JsonReader r, byte[] utf8)
    {
        if (!r.ValueIsEscaped) return r.ValueSpan.SequenceEqual(utf8);
        try
        {
            return r.ValueTextEquals(utf8);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static string PropertyName(ref Utf8JsonReader r)
    {
        try
        {
            return r.GetString()!;
        }
        catch (InvalidOperationException)
        {
            return "(a name that is not valid Unicode)";
        }
    }
}
