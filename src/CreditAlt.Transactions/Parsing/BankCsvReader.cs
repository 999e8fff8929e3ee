using System.Globalization;
using System.Text.Unicode;
using CreditAlt.Core.Csv;

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
        using var csv = new CsvTokenizer(stream, input, p => new TransactionFormatException(input, Where(p.Line, p.Column), p.Detail), leaveOpen: true)
        {
            ColumnNames = Columns,
        };
        var fields = new List<string>(5);
        var transactions = new List<BankTransaction>();
        var accounts = new List<BankAccount>();
        var accountIds = new HashSet<string>(StringComparer.Ordinal);
        var sawHeader = false;
        while (csv.Read())
        {
            var start = csv.Line;
            fields.Clear();
            for (var i = 0; i < csv.FieldCount; i++)
            {
                if (!Utf8.IsValid(csv.Field(i)))
                    throw Error(input, start, Math.Min(i + 1, Columns.Length), "UTF-8 text (an invalid byte sequence was found)");
                fields.Add(csv.FieldString(i));
            }

            if (!sawHeader)
            {
                var header = string.Join(',', fields);
                if (header != Header) throw new TransactionFormatException(input, $"line {start}", $"the header row {Header}, got '{Cut(header)}'{csv.DelimiterNote()}");
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
        new(input, Where(line, column), expected);

    private static string Where(long line, int column) =>
        column > 0 ? $"line {line}, column {column} ({(column <= Columns.Length ? Columns[column - 1] : $"extra column {column}")})" : $"line {line}";

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
}
