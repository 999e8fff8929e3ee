using System.Globalization;
using CreditAlt.Transactions.Categorising;

namespace CreditAlt.Transactions.Deriving;

/// <summary>
/// <c>transactions-categorised.csv</c>: every transaction of every application with its category, the rule or model
/// that decided it, the obligation account (stream) it was counted in, and why it was not counted, if it was not.
/// </summary>
public static class CategorisedCsv
{
    public const string FileName = "transactions-categorised.csv";
    public const string Header = "application_id,transaction_id,account_id,date,amount,description,category,decided_by,stream,note";

    public static void WriteHeader(TextWriter w) => w.Write(Header + "\n");

    public static void Write(TextWriter w, string applicationId, Derivation derivation)
    {
        // Dates and amounts are formatted into a stack buffer: two strings fewer per transaction.
        Span<char> buffer = stackalloc char[40];
        foreach (var c in derivation.Transactions)
        {
            var t = c.Transaction;
            Field(w, applicationId); w.Write(',');
            Field(w, t.TransactionId); w.Write(',');
            Field(w, t.AccountId); w.Write(',');
            t.Date.TryFormat(buffer, out var n, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            w.Write(buffer[..n]); w.Write(',');
            t.Amount.TryFormat(buffer, out n, "0.00", CultureInfo.InvariantCulture);
            w.Write(buffer[..n]); w.Write(',');
            Field(w, t.Description); w.Write(',');
            w.Write(c.Category.ToWire()); w.Write(',');
            Field(w, c.DecidedBy); w.Write(',');
            Field(w, c.StreamAccountId ?? ""); w.Write(',');
            Field(w, c.Note ?? ""); w.Write('\n');
        }
    }

    private static readonly System.Buffers.SearchValues<char> NeedsQuotes = System.Buffers.SearchValues.Create(",\"\r\n");

    // RFC 4180: quote a field holding a comma, a quote or a line break, doubling the quotes.
    private static void Field(TextWriter w, string s)
    {
        if (s.AsSpan().IndexOfAny(NeedsQuotes) < 0) { w.Write(s); return; }
        w.Write('"');
        w.Write(s.Replace("\"", "\"\"", StringComparison.Ordinal));
        w.Write('"');
    }
}
