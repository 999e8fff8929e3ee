using System.Text;
using CreditAlt.Portfolio.Csv;

namespace CreditAlt.Portfolio.Tests;

public sealed class CsvRecordReaderTests
{
    private static readonly string[] Header = ["a", "b", "c"];

    private static CsvRecordReader Reader(string text) =>
        new(new MemoryStream(Encoding.UTF8.GetBytes(text)), "t.csv", Header);

    private static List<(long Line, string[] Fields)> ReadAll(string text)
    {
        using var r = Reader(text);
        r.ReadHeader();
        var rows = new List<(long, string[])>();
        while (r.Read())
            rows.Add((r.Line, Enumerable.Range(0, r.FieldCount).Select(r.FieldString).ToArray()));
        return rows;
    }

    [Fact]
    public void Read_QuotedFieldsWithCommaQuoteAndLineBreak_UnquotesAndCountsLines()
    {
        var rows = ReadAll("a,b,c\n1,\"x, y\",\"say \"\"hi\"\"\"\n2,\"two\nlines\",\n3,,\"\"\n");

        Assert.Equal(3, rows.Count);
        Assert.Equal(2L, rows[0].Line);
        Assert.Equal(new[] { "1", "x, y", "say \"hi\"" }, rows[0].Fields);
        Assert.Equal(3L, rows[1].Line);
        Assert.Equal(new[] { "2", "two\nlines", "" }, rows[1].Fields);
        Assert.Equal(5L, rows[2].Line);
        Assert.Equal(new[] { "3", "", "" }, rows[2].Fields);
    }

    [Fact]
    public void Read_CrlfBomBlankLinesAndNoFinalNewline_ReadsEveryRow()
    {
        var rows = ReadAll("\uFEFFa,b,c\r\n1,2,3\r\n\r\n4,5,6");

        Assert.Equal(2, rows.Count);
        Assert.Equal(2L, rows[0].Line);
        Assert.Equal(new[] { "1", "2", "3" }, rows[0].Fields);
        Assert.Equal(4L, rows[1].Line);
        Assert.Equal(new[] { "4", "5", "6" }, rows[1].Fields);
    }

    [Fact]
    public void Read_RowLongerThanTheBuffer_GrowsAndReadsIt()
    {
        var longText = new string('x', 200_000);
        var rows = ReadAll($"a,b,c\n1,\"{longText}\",3\n4,5,6\n");

        Assert.Equal(200_000, rows[0].Fields[1].Length);
        Assert.Equal(new[] { "4", "5", "6" }, rows[1].Fields);
    }

    [Fact]
    public void Read_QuoteInsideUnquotedField_NamesLineAndColumn()
    {
        var ex = Assert.Throws<PortfolioFormatException>(() => ReadAll("a,b,c\n1,2,3\n4,5\"x,6\n"));

        Assert.Equal(("t.csv", 3L, 2, "b"), (ex.File, ex.Line, ex.Column, ex.ColumnName));
        Assert.StartsWith("t.csv, line 3, column 2 (b): expected no quote inside an unquoted field", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnclosedQuote_NamesTheLineWhereTheFieldStarts()
    {
        var ex = Assert.Throws<PortfolioFormatException>(() => ReadAll("a,b,c\n1,2,3\n4,5,\"open\nstill open\n"));

        Assert.Equal((3L, 3), (ex.Line, ex.Column));
        Assert.Equal("expected a closing quote before the end of the file", ex.Reason);
    }

    [Fact]
    public void Read_TextAfterClosingQuote_NamesTheColumn()
    {
        var ex = Assert.Throws<PortfolioFormatException>(() => ReadAll("a,b,c\n\"1\"x,2,3\n"));

        Assert.Equal((2L, 1, "a"), (ex.Line, ex.Column, ex.ColumnName));
    }

    [Fact]
    public void Read_TooFewFields_NamesTheFirstMissingColumn()
    {
        var ex = Assert.Throws<PortfolioFormatException>(() => ReadAll("a,b,c\n1,2,3\n4,5\n"));

        Assert.Equal((3L, 3, "c"), (ex.Line, ex.Column, ex.ColumnName));
        Assert.Equal("t.csv, line 3, column 3 (c): 3 fields (a,b,c), got 2", ex.Message);
    }

    [Fact]
    public void ReadHeader_WrongHeader_SaysWhichHeaderWasExpected()
    {
        var ex = Assert.Throws<PortfolioFormatException>(() => ReadAll("a,c,b\n1,2,3\n"));

        Assert.Equal("t.csv, line 1: expected the header row a,b,c, got 'a,c,b'", ex.Message);
    }

    [Fact]
    public void ReadHeader_EmptyFile_SaysTheFileIsEmpty()
    {
        var ex = Assert.Throws<PortfolioFormatException>(() => ReadAll(""));

        Assert.Equal("t.csv, line 1: expected the header row a,b,c; the file is empty", ex.Message);
    }
}
