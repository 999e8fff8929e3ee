using CreditAlt.Core.Csv;

namespace CreditAlt.Fairness.Input;

/// <summary>
/// Opens a CSV file of any shape (header row, RFC 4180) on the shared <see cref="CsvTokenizer"/>, with its problems
/// reported as <see cref="FairnessInputException"/> in the audit's wording (<c>file:line: …</c>).
/// </summary>
public static class FairnessCsv
{
    /// <summary>Reads <paramref name="stream"/>; <paramref name="name"/> names it in error messages.</summary>
    public static CsvTokenizer Open(Stream stream, string name, bool leaveOpen = false) =>
        new(stream, name, Describe, leaveOpen);

    /// <summary>Opens the file at <paramref name="path"/>, which also names it in error messages.</summary>
    public static CsvTokenizer Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new FairnessInputException($"{path}: file not found");
        }

        return Open(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan), path);
    }

    /// <summary>The header row, trimmed; also set as the tokenizer's column names so that problems name the column.</summary>
    public static List<string> ReadHeader(CsvTokenizer csv, string name)
    {
        if (!csv.Read())
        {
            throw new FairnessInputException($"{name}: the file is empty (a header row is needed)");
        }

        var header = new List<string>(csv.FieldCount);
        for (int i = 0; i < csv.FieldCount; i++)
        {
            header.Add(csv.Text(i).Trim().ToString());
        }

        csv.ColumnNames = header;
        return header;
    }

    /// <summary>The message for a missing column, with the delimiter hint when the header was read as one field.</summary>
    public static string Columns(CsvTokenizer csv, IReadOnlyList<string> header) =>
        $"(columns: {string.Join(", ", header)}){csv.DelimiterNote()}";

    private static FairnessInputException Describe(CsvProblem p) => p.Kind == CsvProblemKind.UnclosedQuote
        ? new FairnessInputException($"{p.File}:{p.Line}: a quoted field is not closed before the end of the file")
        : new FairnessInputException(p.Column > 0
            ? $"{p.File}:{p.Line}: column {p.Column}{(p.ColumnName is null ? "" : $" ('{p.ColumnName}')")}: {p.Reason}"
            : $"{p.File}:{p.Line}: {p.Reason}");
}
