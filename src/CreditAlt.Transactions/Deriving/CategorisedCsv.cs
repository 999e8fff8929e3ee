using System.Globalization;
using System.Text;
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
        var rows = new StringBuilder();
        Append(rows, applicationId, derivation);
        w.Write(rows);
    }

    /// <summary>
    /// The rows of one application, appended to <paramref name="rows"/>: what <see cref="Write"/> writes. A builder grows in
    /// small chunks and is written without being made one string (a whole application's rows as one string is a large
    /// object, costly to collect), which is how ingest hands each application's rows from its worker to the writer.
    /// </summary>
    public static void Append(StringBuilder rows, string applicationId, Derivation derivation)
    {
        // Dates and amounts are formatted into a stack buffer: two strings fewer per transaction.
        Span<char> buffer = stackalloc char[40];
        foreach (var c in derivation.Transactions)
        {
            var t = c.Transaction;
            Field(rows, applicationId).Append(',');
            Field(rows, t.TransactionId).Append(',');
            Field(rows, t.AccountId).Append(',');
            t.Date.TryFormat(buffer, out var n, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            rows.Append(buffer[..n]).Append(',');
            t.Amount.TryFormat(buffer, out n, "0.00", CultureInfo.InvariantCulture);
            rows.Append(buffer[..n]).Append(',');
            Field(rows, t.Description).Append(',');
            rows.Append(c.Category.ToWire()).Append(',');
            Field(rows, c.DecidedBy).Append(',');
            Field(rows, c.StreamAccountId ?? "").Append(',');
            Field(rows, c.Note ?? "").Append('\n');
        }
    }

    private static readonly System.Buffers.SearchValues<char> NeedsQuotes = System.Buffers.SearchValues.Create(",\"\r\n");

    // RFC 4180: quote a field holding a comma, a quote or a line break, doubling the quotes.
    private static StringBuilder Field(StringBuilder rows, string s) =>
        s.AsSpan().IndexOfAny(NeedsQuotes) < 0 ? rows.Append(s) : rows.Append('"').Append(s.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
}
