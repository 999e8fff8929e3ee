using System.Globalization;
using System.Text;

namespace CreditAlt.Transactions.Parsing;

/// <summary>
/// Reads a bank's CSV export, <c>date,account_id,description,amount,balance</c>, with the rules of every CreditAlt CSV
/// file (RFC 4180, exact header, file/line/column in every error). Amounts are signed (negative = money out); the
/// balance after the transaction is optional. Each row's id is its line number (<c>line-7</c>): a CSV export has no ids,
/// so no row is dropped as a duplicate.
/// </summary>
public static class BankCsvReader
{
    public const string Header = "date,account_id,description,amount,balance";
    private static readonly string[] Columns = Header.Split(',');

    public static TransactionSet Read(Stream stream, string input)
    {
        try
        {
            return ReadRows(stream, input);
        }
        catch (DecoderFallbackException)
        {
            throw new TransactionFormatException(input, "the file", "UTF-8 text (an invalid byte sequence was found)");
        }
    }

    private static TransactionSet ReadRows(Stream stream, string input)
    {
        using var reader = new StreamReader(stream, new UTF8Encoding(false, true), detectEncodingFromByteOrderMarks: true, 1 << 16, leaveOpen: true);
        var fields = new List<string>(5);
        var transactions = new List<BankTransaction>();
        var accounts = new List<BankAccount>();
        var accountIds = new HashSet<string>(StringComparer.Ordinal);
        long line = 1;
        var sawHeader = false;
        var field = new StringBuilder();
        while (true)
        {
            var start = line;
            if (!ReadRow(reader, fields, field, ref line, input)) break;
            if (fields.Count == 1 && fields[0].Length == 0) continue; // blank line
            if (!sawHeader)
            {
                var header = string.Join(',', fields);
                if (header != Header) throw new TransactionFormatException(input, $"line {start}", $"the header row {Header}, got '{Cut(header)}'");
                sawHeader = true;
                continue;
            }

            if (fields.Count != Columns.Length)
                throw Error(input, start, Math.Min(fields.Count, Columns.Length), $"{Columns.Length} fields ({Header}), got {fields.Count}");
            if (!DateOnly.TryParseExact(fields[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                throw Error(input, start, 1, $"a date such as 2026-05-01, got '{Cut(fields[0])}'");
            if (fields[1].Length == 0) throw Error(input, start, 2, "an account id, got an empty field");
            if (fields[2].Length == 0) throw Error(input, start, 3, "a description, got an empty field");
            if (!TryAmount(fields[3], out var amount))
                throw Error(input, start, 4, $"a signed amount such as -1234.56 (negative = money out; digits, optionally '.' and 1 or 2 decimals), got '{Cut(fields[3])}'");
            decimal? balance = null;
            if (fields[4].Length > 0)
            {
                if (!TryAmount(fields[4], out var b))
                    throw Error(input, start, 5, $"an empty field or a balance such as -12.50, got '{Cut(fields[4])}'");
                balance = b;
            }

            if (accountIds.Add(fields[1])) accounts.Add(new BankAccount(fields[1], "UNKNOWN", null));
            transactions.Add(new BankTransaction(fields[1], "line-" + start.ToString(CultureInfo.InvariantCulture), date, amount,
                fields[2], null, null, null, false, null, balance, $"line {start}"));
        }

        if (!sawHeader) throw new TransactionFormatException(input, "line 1", $"the header row {Header}, got an empty file");
        return new TransactionSet(TransactionFormat.Csv, accounts, transactions, []);
    }

    private static TransactionFormatException Error(string input, long line, int column, string expected) =>
        new(input, $"line {line}, column {column} ({Columns[Math.Max(column, 1) - 1]})", expected);

    private static string Cut(string s) => s.Length <= 60 ? s : s[..60] + "…";

    internal static bool TryAmount(string s, out decimal value)
    {
        value = 0;
        var span = s.AsSpan();
        var i = span.Length > 0 && span[0] == '-' ? 1 : 0;
        var digits = 0;
        while (i < span.Length && char.IsAsciiDigit(span[i])) { i++; digits++; }
        if (digits == 0) return false;
        if (i < span.Length)
        {
            if (span[i] != '.') return false;
            var decimals = span.Length - i - 1;
            if (decimals is < 1 or > 2) return false;
            for (var k = i + 1; k < span.Length; k++) if (!char.IsAsciiDigit(span[k])) return false;
        }

        return decimal.TryParse(span, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    // RFC 4180 row: quoted fields may hold commas, doubled quotes and line breaks. False at the end of the input.
    private static bool ReadRow(StreamReader r, List<string> fields, StringBuilder field, ref long line, string input)
    {
        fields.Clear();
        field.Clear();
        if (r.Peek() < 0) return false;
        var start = line;
        var quoted = false;
        var afterQuote = false;
        while (true)
        {
            var c = r.Read();
            if (quoted)
            {
                if (c < 0) throw Error(input, start, fields.Count + 1, "a closing quote before the end of the file");
                if (c == '"')
                {
                    if (r.Peek() == '"') { r.Read(); field.Append('"'); }
                    else { quoted = false; afterQuote = true; }
                }
                else
                {
                    if (c == '\n') line++;
                    field.Append((char)c);
                }

                continue;
            }

            if (c < 0 || c == '\n' || c == '\r')
            {
                if (c == '\r' && r.Peek() == '\n') r.Read();
                fields.Add(field.ToString());
                line++;
                return true;
            }

            if (c == ',') { fields.Add(field.ToString()); field.Clear(); afterQuote = false; continue; }
            if (afterQuote) throw Error(input, start, fields.Count + 1, "a comma or the end of the row after a closing quote");
            if (c == '"')
            {
                if (field.Length > 0) throw Error(input, start, fields.Count + 1, "no quote inside an unquoted field (enclose the field in quotes and double the quote)");
                quoted = true;
                continue;
            }

            field.Append((char)c);
        }
    }
}
