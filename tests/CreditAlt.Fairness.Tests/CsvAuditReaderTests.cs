using System.Text;
using CreditAlt.Fairness.Audit;
using CreditAlt.Fairness.Input;

namespace CreditAlt.Fairness.Tests;

public sealed class CsvAuditReaderTests
{
    private static AuditInput Read(string csv, CsvAuditSpec spec) =>
        CsvAuditReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "d.csv", spec);

    [Fact]
    public void Read_QuotedFieldsWithCommasQuotesAndNewlines_ParsesEachField()
    {
        var csv = "id,decision,\"group, self-reported\",note\r\n1,approve,\"Black, African American\",\"said \"\"hi\"\"\"\r\n2,decline,White,\"two\nlines\"\r\n\r\n3,approve,,x";
        var input = Read(csv, new CsvAuditSpec("decision", "approve", ["group, self-reported"]));
        Assert.Equal([true, false, true], input.Favorable);
        var g = Assert.IsType<CategoricalAttribute>(input.Attributes[0]);
        Assert.Equal(["Black, African American", "White"], g.Groups);
        Assert.Equal([0, 1, -1], g.Codes);
    }

    [Fact]
    public void Read_ProxyColumns_ReadAsProbabilities()
    {
        var csv = "decision,race_p_white,race_p_black\napprove,0.75,0.25\ndecline,,\n";
        var input = Read(csv, new CsvAuditSpec("decision", "approve", ["race"]));
        var proxy = Assert.IsType<ProxyAttribute>(input.Attributes[0]);
        Assert.Equal(["white", "black"], proxy.Groups);
        Assert.Equal([0.75f, 0.25f], proxy.Probabilities.Take(2));
        Assert.True(float.IsNaN(proxy.Probabilities[2]));
    }

    [Fact]
    public void Read_ScoreOutcomeControlsSegment_TypedColumns()
    {
        var csv = "d,g,s,o,n,t,k\nY,a,1.5,bad,3,x,s1\nN,b,,good,,y,s2\n";
        var input = Read(csv, new CsvAuditSpec("d", "Y", ["g"], "s", "o", "bad", ["n", "t"], "k"));
        Assert.Equal(1.5, input.Scores![0]);
        Assert.True(double.IsNaN(input.Scores[1]));
        Assert.Equal([(sbyte)1, (sbyte)0], input.Outcomes!);
        Assert.IsType<NumericControl>(input.Controls[0]);
        var text = Assert.IsType<TextControl>(input.Controls[1]);
        Assert.Equal(["x", "y"], text.Levels);
        Assert.Equal(["s1", "s2"], input.Segment!.Levels);
    }

    [Fact]
    public void Read_MalformedScore_NamesFileLineAndColumn()
    {
        var csv = "d,g,s\nY,a,1\n\"N\",\"b\nc\",2\nY,a,abc\n";
        var ex = Assert.Throws<FairnessInputException>(() => Read(csv, new CsvAuditSpec("d", "Y", ["g"], "s")));
        Assert.Equal("d.csv:5: column 's': expected a number from -1000000 to 1000000, got 'abc'", ex.Message);
    }

    [Theory]
    [InlineData("1e308")]
    [InlineData("-1000000.5")]
    [InlineData("Infinity")]
    [InlineData("NaN")]
    [InlineData("1e400")]
    public void Read_NonFiniteOrOutOfRangeScore_NamesFileLineAndTheAcceptedRange(string score)
    {
        var csv = $"d,g,s\nY,a,1\nN,b,{score}\n";
        var ex = Assert.Throws<FairnessInputException>(() => Read(csv, new CsvAuditSpec("d", "Y", ["g"], "s")));
        Assert.Equal($"d.csv:3: column 's': expected a number from -1000000 to 1000000, got '{score}'", ex.Message);
    }

    [Fact]
    public void Read_ScoresAtTheEndsOfTheRange_Accepted()
    {
        var input = Read("d,g,s\nY,a,-1000000\nN,b,1e6\n", new CsvAuditSpec("d", "Y", ["g"], "s"));
        Assert.Equal([-1_000_000.0, 1_000_000.0], input.Scores!);
    }

    [Fact]
    public void Read_MissingColumn_ListsColumns()
    {
        var ex = Assert.Throws<FairnessInputException>(() => Read("d,g\nY,a\n", new CsvAuditSpec("decision", "Y", ["g"])));
        Assert.Equal("d.csv: no column 'decision' for the decision (columns: d, g)", ex.Message);
    }

    [Fact]
    public void Read_WrongFieldCount_NamesLine()
    {
        var ex = Assert.Throws<FairnessInputException>(() => Read("d,g\nY,a\nN\n", new CsvAuditSpec("d", "Y", ["g"])));
        Assert.Equal("d.csv:3: the row has 1 fields, the header has 2", ex.Message);
    }

    [Fact]
    public void Read_ProbabilitiesNotSummingToOne_NamesLine()
    {
        var ex = Assert.Throws<FairnessInputException>(() => Read("d,r_p_a,r_p_b\nY,0.5,0.6\n", new CsvAuditSpec("d", "Y", ["r"])));
        Assert.Equal("d.csv:2: the probabilities in columns 'r_p_*' sum to 1.1, expected 1", ex.Message);
    }

    [Fact]
    public void Read_UnclosedQuote_NamesLine()
    {
        var ex = Assert.Throws<FairnessInputException>(() => Read("d,g\nY,\"a\n", new CsvAuditSpec("d", "Y", ["g"])));
        Assert.Equal("d.csv:2: a quoted field is not closed before the end of the file", ex.Message);
    }

    [Fact]
    public void Read_QuoteInsideUnquotedField_NamesLineColumnAndField()
    {
        var ex = Assert.Throws<FairnessInputException>(() => Read("d,g\nY,a\n\"N\",b\"c\n", new CsvAuditSpec("d", "Y", ["g"])));
        Assert.Equal("d.csv:3: column 2 ('g'): expected no quote inside an unquoted field (quote the whole field and double any quote inside it), got 'b\"c'", ex.Message);
    }

    [Fact]
    public void Read_SemicolonSeparatedFile_SaysWhichDelimiterItFound()
    {
        var ex = Assert.Throws<FairnessInputException>(() => Read("d;g\nY;a\n", new CsvAuditSpec("d", "Y", ["g"])));
        Assert.Equal("d.csv: no column 'd' for the decision (columns: d;g); the file is separated by semicolons (';'), the format by commas (',')", ex.Message);
    }

    [Fact]
    public void Read_RecordsLongerThanBuffer_ParsedAcrossRefills()
    {
        // 200,000 rows (~3 MB) cross the 1 MB buffer several times.
        var sb = new StringBuilder("decision,group\n");
        for (int i = 0; i < 200_000; i++)
        {
            sb.Append(i % 3 == 0 ? "yes" : "no").Append(",\"g").Append(i % 7).Append("\"\n");
        }

        var input = Read(sb.ToString(), new CsvAuditSpec("decision", "yes", ["group"]));
        Assert.Equal(200_000, input.RowCount);
        Assert.Equal(66_667, input.Favorable.Count(f => f));
        var g = (CategoricalAttribute)input.Attributes[0];
        Assert.Equal(28_572, g.Codes.Count(c => c == 0));
    }
}
