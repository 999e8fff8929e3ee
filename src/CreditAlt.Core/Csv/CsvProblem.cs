namespace CreditAlt.Core.Csv;

/// <summary>What kind of RFC 4180 rule a row broke (a reader may word some kinds its own way).</summary>
public enum CsvProblemKind
{
    /// <summary>A quoted field still open at the end of the input.</summary>
    UnclosedQuote,

    /// <summary>Something other than a comma or the end of the row after a closing quote.</summary>
    TextAfterClosingQuote,

    /// <summary>A quote inside a field that does not start with one.</summary>
    QuoteInUnquotedField,

    /// <summary>A carriage return not followed by a line feed.</summary>
    LoneCarriageReturn,

    /// <summary>A row longer than <see cref="CsvTokenizer.MaxRowBytes"/>.</summary>
    RowTooLong,

    /// <summary>Input that is not UTF-8 (it starts with a UTF-16 or UTF-32 byte-order mark).</summary>
    NotUtf8,
}

/// <summary>
/// One broken rule of the CSV syntax, with where it is: the file name as given to the tokenizer, the 1-based line,
/// the 1-based column (field number; 0 when the row as a whole is meant) and its header name when known, what was
/// expected and, where it helps, what was found instead.
/// </summary>
public sealed record CsvProblem(CsvProblemKind Kind, string File, long Line, int Column, string? ColumnName, string Expected, string? Got)
{
    /// <summary>What was expected, followed by <c>, got '…'</c> when something was found.</summary>
    public string Detail => Got is null ? Expected : $"{Expected}, got {Got}";

    /// <summary><c>expected </c> and <see cref="Detail"/>.</summary>
    public string Reason => $"expected {Detail}";

    /// <summary><c>file, line 3, column 2 (name): expected …</c>: the wording of every CreditAlt file error.</summary>
    public string Message
    {
        get
        {
            var where = Column > 0
                ? $"{File}, line {Line}, column {Column}{(ColumnName is null ? "" : $" ({ColumnName})")}"
                : $"{File}, line {Line}";
            return $"{where}: {Reason}";
        }
    }
}

/// <summary>The exception a <see cref="CsvTokenizer"/> throws when its reader supplies no other.</summary>
public sealed class CsvFormatException(CsvProblem problem) : Exception(problem.Message)
{
    public CsvProblem Problem { get; } = problem;
}
