using System.Text;
using CreditAlt.Core.Csv;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CreditAlt.Core.Tests.Csv;

public sealed class CsvTokenizerTests
{
    private static CsvTokenizer Tokenizer(byte[] bytes, int chunk = int.MaxValue) =>
        new(new ChunkedStream(bytes, chunk), "t.csv") { ColumnNames = ["a", "b", "c"] };

    private static List<(long Line, string[] Fields)> ReadAll(string text, int chunk = int.MaxValue) =>
        ReadAll(Encoding.UTF8.GetBytes(text), chunk);

    private static List<(long Line, string[] Fields)> ReadAll(byte[] bytes, int chunk = int.MaxValue)
    {
        using var csv = Tokenizer(bytes, chunk);
        var rows = new List<(long, string[])>();
        while (csv.Read())
            rows.Add((csv.Line, Enumerable.Range(0, csv.FieldCount).Select(csv.FieldString).ToArray()));
        return rows;
    }

    private static List<string> Show(List<(long Line, string[] Fields)> rows) =>
        [.. rows.Select(r => $"{r.Line}: {string.Join("|", r.Fields)}")];

    private static CsvProblem Problem(string text) =>
        Assert.Throws<CsvFormatException>(() => ReadAll(text)).Problem;

    [Fact]
    public void Read_QuotedFieldsWithEmbeddedNewlineQuoteAndComma_UnquotesAndCountsLines()
    {
        var rows = ReadAll("a,b,c\n1,\"x, y\",\"say \"\"hi\"\"\"\n2,\"two\nlines\",\n3,,\"\"\n");

        Assert.Equal(["1: a|b|c", "2: 1|x, y|say \"hi\"", "3: 2|two\nlines|", "5: 3||"], Show(rows));
    }

    [Fact]
    public void Read_Crlf_EndsRowsAndStaysInsideQuotes()
    {
        var rows = ReadAll("a,b\r\n1,\"x\r\ny\"\r\n2,3\r\n");

        Assert.Equal(["1: a|b", "2: 1|x\r\ny", "4: 2|3"], Show(rows));
    }

    [Fact]
    public void Read_Utf8ByteOrderMark_IsSkippedAndCountedAsRead()
    {
        var bytes = Encoding.UTF8.GetBytes("\uFEFFa,b\n1,2\n");
        using var csv = Tokenizer(bytes);

        Assert.True(csv.Read());
        Assert.Equal("a", csv.FieldString(0));
        Assert.True(csv.Read());
        Assert.False(csv.Read());
        Assert.Equal(bytes.Length, csv.BytesRead);
    }

    [Theory]
    [InlineData("a,b\n1,2", new[] { "1", "2" })]
    [InlineData("a,b\n1,", new[] { "1", "" })]
    [InlineData("a,b\n1,\"2\"", new[] { "1", "2" })]
    [InlineData("a,b\r\n1,2\r\n\r\n", new[] { "1", "2" })]
    public void Read_MissingFinalNewlineOrTrailingBlankLine_ReadsTheLastRow(string text, string[] last)
    {
        var rows = ReadAll(text);

        Assert.Equal(2, rows.Count);
        Assert.Equal(last, rows[1].Fields);
    }

    [Fact]
    public void Read_BlankLinesSkipped_QuotedEmptyRowKept()
    {
        var rows = ReadAll("a\n\n\"\"\n\r\nb\n");

        Assert.Equal(["1: a", "3: ", "5: b"], Show(rows));
    }

    [Fact]
    public void Read_QuoteInsideUnquotedField_NamesLineColumnAndTheField()
    {
        var p = Problem("a,b,c\n1,2,3\n4,5\"x,6\n");

        Assert.Equal((CsvProblemKind.QuoteInUnquotedField, 3L, 2, "b"), (p.Kind, p.Line, p.Column, p.ColumnName));
        Assert.Equal("t.csv, line 3, column 2 (b): expected no quote inside an unquoted field (quote the whole field and double any quote inside it), got '5\"x'", p.Message);
    }

    [Fact]
    public void Read_TextAfterClosingQuote_NamesTheColumnAndTheField()
    {
        var p = Problem("a,b,c\n1,\"x,y\"z,3\n");

        Assert.Equal((CsvProblemKind.TextAfterClosingQuote, 2L, 2, "b"), (p.Kind, p.Line, p.Column, p.ColumnName));
        Assert.Equal("t.csv, line 2, column 2 (b): expected a comma or the end of the row after a closing quote, got '\"x,y\"z'", p.Message);
    }

    [Fact]
    public void Read_UnclosedQuote_NamesTheLineWhereTheFieldStarts()
    {
        var p = Problem("a,b,c\n1,\"two\nlines\",3\n4,5,\"open\nstill open\n");

        Assert.Equal((CsvProblemKind.UnclosedQuote, 4L, 3, "c"), (p.Kind, p.Line, p.Column, p.ColumnName));
        Assert.Equal("t.csv, line 4, column 3 (c): expected a closing quote before the end of the file", p.Message);
    }

    [Fact]
    public void Read_LoneCarriageReturn_NamesLineAndColumn()
    {
        var p = Problem("a,b,c\n1,2\r3\n");

        Assert.Equal((CsvProblemKind.LoneCarriageReturn, 2L, 2), (p.Kind, p.Line, p.Column));
        Assert.Equal("t.csv, line 2, column 2 (b): expected a line feed after a carriage return (rows end with LF or CRLF)", p.Message);
    }

    [Fact]
    public void Read_ExtraColumn_IsNamedByNumber()
    {
        var p = Problem("a,b,c\n1,2,3,4\"\n");

        Assert.Equal("t.csv, line 2, column 4 (extra column 4): expected no quote inside an unquoted field (quote the whole field and double any quote inside it), got '4\"'", p.Message);
    }

    [Fact]
    public void Read_Utf16File_SaysItIsNotUtf8()
    {
        var p = Assert.Throws<CsvFormatException>(() => ReadAll(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("a,b\n")).ToArray())).Problem;

        Assert.Equal(CsvProblemKind.NotUtf8, p.Kind);
        Assert.Equal("t.csv, line 1: expected UTF-8 text; the file is UTF-16 or UTF-32 (its first bytes are a byte-order mark): save it as UTF-8", p.Message);
    }

    [Fact]
    public void Read_ReaderSuppliedError_IsThrown()
    {
        using var csv = new CsvTokenizer(new MemoryStream("\"x"u8.ToArray()), "f.csv", p => new InvalidOperationException($"{p.Kind} at {p.Line}:{p.Column}"));

        var ex = Assert.Throws<InvalidOperationException>(() => csv.Read());
        Assert.Equal("UnclosedQuote at 1:1", ex.Message);
    }

    [Fact]
    public void Text_SeveralFieldsOfARow_StayValidTogether()
    {
        using var csv = Tokenizer(Encoding.UTF8.GetBytes("\"Zo\"\"ë\",Łódź,plain\n"));
        Assert.True(csv.Read());

        var first = csv.Text(0);
        var second = csv.Text(1);
        var third = csv.Text(2);
        var again = csv.Field(0);

        Assert.Equal("Zo\"ë", first.ToString());
        Assert.Equal("Łódź", second.ToString());
        Assert.Equal("plain", third.ToString());
        Assert.Equal("Zo\"ë"u8.ToArray(), again.ToArray());
    }

    [Theory]
    [InlineData("a;b;c\n", "; the file is separated by semicolons (';'), the format by commas (',')")]
    [InlineData("a\tb\tc\n", "; the file is separated by tabs, the format by commas (',')")]
    [InlineData("a,b;c\n", "")]
    [InlineData("abc\n", "")]
    public void DelimiterNote_HeaderReadAsOneField_NamesTheDelimiterFound(string text, string note)
    {
        using var csv = Tokenizer(Encoding.UTF8.GetBytes(text));
        Assert.True(csv.Read());

        Assert.Equal(note, csv.DelimiterNote());
    }

    [Fact]
    public void Read_RowLongerThanTheBuffer_GrowsAndReadsIt()
    {
        var rows = ReadAll($"a,\"{new string('x', 200_000)}\"\n1,2\n", chunk: 4096);

        Assert.Equal(200_000, rows[0].Fields[1].Length);
        Assert.Equal(["1", "2"], rows[1].Fields);
    }

    /// <summary>Rows of fields drawn from characters that need quoting (comma, quote, CR, LF), ASCII and not.</summary>
    private static Gen<string[][]> Tables() =>
        Gen.Elements("a", "b", ",", "\"", "\n", "\r\n", " ", "é", "€", "")
            .ArrayOf().Select(parts => string.Concat(parts))
            .ArrayOf().Where(row => row.Length > 0 && !(row.Length == 1 && row[0].Length == 0))
            .ArrayOf();

    /// <summary>
    /// Any table written with RFC 4180 quoting (a field quoted when it holds a comma, quote or line break) reads back
    /// field for field, however the stream cuts its reads (every chunk size from 1 byte), with CRLF or LF row ends.
    /// </summary>
    [Property(MaxTest = 300)]
    public Property Read_AnyQuotedTable_ReadsBackFieldForField() =>
        Prop.ForAll(Tables().ToArbitrary(), Gen.Choose(1, 70).ToArbitrary(), Gen.Elements("\n", "\r\n").ToArbitrary(), (table, chunk, newline) =>
        {
            var text = string.Concat(table.Select(row => string.Join(",", row.Select(Quote)) + newline));
            var rows = ReadAll(text, chunk);
            return rows.Count == table.Length && rows.Zip(table).All(p => p.First.Fields.SequenceEqual(p.Second));
        });

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;

    /// <summary>A stream that hands out at most <c>chunk</c> bytes per read, to cut rows at every position.</summary>
    private sealed class ChunkedStream(byte[] bytes, int chunk) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));
    }
}
