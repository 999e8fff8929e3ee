using CreditAlt.Core.Applications;

namespace CreditAlt.Portfolio.Csv;

/// <summary>
/// A bulk file that cannot be read as documented (docs/data-formats.md): a malformed row, a file
/// out of order, a child row without its application, or an application that fails validation.
/// Names the file, the 1-based line and column (0 when the whole row or application is meant)
/// and what was expected, so the user can fix the input without reading code.
/// </summary>
public sealed class PortfolioFormatException : Exception
{
    public PortfolioFormatException(string file, long line, int column, string? columnName, string reason, IReadOnlyList<ValidationProblem>? problems = null)
        : base(Describe(file, line, column, columnName, reason, problems))
    {
        File = file;
        Line = line;
        Column = column;
        ColumnName = columnName;
        Reason = reason;
        Problems = problems ?? [];
    }

    /// <summary>The file name as given to the reader (e.g. <c>payments.csv</c>).</summary>
    public string File { get; }

    /// <summary>1-based line where the offending row starts.</summary>
    public long Line { get; }

    /// <summary>1-based column (field number), or 0 when the row as a whole is meant.</summary>
    public int Column { get; }

    /// <summary>The header name of <see cref="Column"/>, when there is one.</summary>
    public string? ColumnName { get; }

    public string Reason { get; }

    /// <summary>For an application that fails <see cref="ApplicationValidator"/>: every problem with its JSON path.</summary>
    public IReadOnlyList<ValidationProblem> Problems { get; }

    private static string Describe(string file, long line, int column, string? columnName, string reason, IReadOnlyList<ValidationProblem>? problems)
    {
        // Line 0 is the file as a whole (it is missing): naming a line there would send the reader looking for one.
        var where = line <= 0 ? file
            : column > 0 ? $"{file}, line {line}, column {column}{(columnName is null ? "" : $" ({columnName})")}"
            : $"{file}, line {line}";
        var text = $"{where}: {reason}";
        if (problems is { Count: > 0 })
            text += Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => $"  {p.Path}: {p.Expected}"));
        return text;
    }
}
