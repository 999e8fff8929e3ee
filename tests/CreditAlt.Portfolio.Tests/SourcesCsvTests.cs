using System.Text;
using CreditAlt.Core.Applications;
using CreditAlt.Portfolio.Csv;

namespace CreditAlt.Portfolio.Tests;

/// <summary>The optional sources.csv (provenance of accounts and cash flow): read, written back byte for byte, and every error named.</summary>
public sealed class SourcesCsvTests
{
    private static readonly PortfolioFixture Valid = PortfolioFixture.Valid;

    private const string Sources = """
        application_id,account_id,name,address,phone,is_consumer_reporting_agency
        A1,R1,"Rent Reporting Bureau, Inc.","PO Box 1000, Atlanta, GA 30301",1-800-555-0199,true
        A1,,Open Banking Aggregator,,,false
        A2,U1,City Water Utility,,,false

        """;

    private static List<Application> Read(string sources)
    {
        using var reader = new PortfolioReader(S(Valid.Applications), S(Valid.Obligations), S(Valid.Payments), S(Valid.CashFlow), sources: S(sources));
        return [.. reader.ReadAll()];
    }

    private static MemoryStream S(string text) => new(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void ReadAll_SourcesCsv_AttachesEachSourceToItsAccountOrTheCashFlow()
    {
        var apps = Read(Sources);

        Assert.Equal(new DataSource("Rent Reporting Bureau, Inc.", "PO Box 1000, Atlanta, GA 30301", "1-800-555-0199", true), apps[0].Obligations[0].Source);
        Assert.Null(apps[0].Obligations[1].Source);
        Assert.Equal(new DataSource("Open Banking Aggregator", null, null, false), apps[0].CashFlowSource);
        Assert.Equal(new DataSource("City Water Utility", null, null, false), apps[1].Obligations[0].Source);
        Assert.Null(apps[1].CashFlowSource);
        // Without sources.csv nothing changes.
        Assert.All(Valid.ReadAll().SelectMany(a => a.Obligations), o => Assert.Null(o.Source));
    }

    [Fact]
    public void Write_ApplicationsWithSources_WritesTheSameSourcesCsv_AndNoneWithout()
    {
        var apps = Read(Sources);
        using var sources = new MemoryStream();
        using (var writer = PortfolioWriter.Create(new MemoryStream(), new MemoryStream(), new MemoryStream(), new MemoryStream(), sources: sources))
            foreach (var a in apps)
                writer.Write(a);
        // Rows per application: accounts in order, then the cash flow's.
        Assert.Equal(
            "application_id,account_id,name,address,phone,is_consumer_reporting_agency\n" +
            "A1,R1,\"Rent Reporting Bureau, Inc.\",\"PO Box 1000, Atlanta, GA 30301\",1-800-555-0199,true\n" +
            "A1,,Open Banking Aggregator,,,false\n" +
            "A2,U1,City Water Utility,,,false\n",
            Encoding.UTF8.GetString(sources.ToArray()));

        using var none = new MemoryStream();
        using (var writer = PortfolioWriter.Create(new MemoryStream(), new MemoryStream(), new MemoryStream(), new MemoryStream(), sources: none))
            foreach (var a in Valid.ReadAll())
                writer.Write(a);
        Assert.Equal(0, none.Length);
    }

    [Fact]
    public void Create_Directory_SourcesCsvOnlyWhenASourceIsNamed_AndReadBackEqual()
    {
        var dir = Directory.CreateTempSubdirectory("creditalt-sources-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, PortfolioFiles.Sources), "stale");
            using (var writer = PortfolioWriter.Create(dir, audit: false))
                foreach (var a in Valid.ReadAll())
                    writer.Write(a);
            Assert.False(File.Exists(Path.Combine(dir, PortfolioFiles.Sources)));

            var apps = Read(Sources);
            using (var writer = PortfolioWriter.Create(dir, audit: false))
                foreach (var a in apps)
                    writer.Write(a);
            using var reader = PortfolioReader.Open(dir);
            var back = reader.ReadAll().ToList();
            Assert.Equal(apps.Select(a => Encoding.UTF8.GetString(ApplicationJson.ToCanonicalJson(a))), back.Select(a => Encoding.UTF8.GetString(ApplicationJson.ToCanonicalJson(a))));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("A1,X9,Bureau,,,false", 2, 2, "account_id", "expected an account listed in obligations.csv for application 'A1', or an empty field for the cash flow; 'X9' is not")]
    [InlineData("A1,R1,Bureau,,,yes", 2, 6, "is_consumer_reporting_agency", "expected true or false, got 'yes'")]
    [InlineData("A1,R1,Bureau,,1-800-555-0199,true", 2, 4, "address", "expected the address of the consumer reporting agency (FCRA §615(a) prints it)")]
    [InlineData("A1,R1,,,,false", 2, 3, "name", null)]
    [InlineData("A1,,Bank,,,false\nA1,,Other bank,,,false", 3, 2, "account_id", "expected one source for the cash flow (empty account_id) per application; there are two rows")]
    [InlineData("A0,R1,Bureau,,,false", 2, 1, "application_id", null)]
    public void ReadAll_BadSourceRow_NamesFileLineAndColumn(string row, long line, int column, string columnName, string? expected)
    {
        var ex = Assert.Throws<PortfolioFormatException>(() => Read("application_id,account_id,name,address,phone,is_consumer_reporting_agency\n" + row + "\n"));

        Assert.Equal(("sources.csv", line, column, columnName), (ex.File, ex.Line, ex.Column, ex.ColumnName));
        if (expected is not null)
            Assert.EndsWith(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadAll_WrongSourcesHeader_NamesTheExpectedHeader()
    {
        var ex = Assert.Throws<PortfolioFormatException>(() => Read("application_id,account_id,name\nA1,R1,Bureau\n"));

        Assert.Equal(("sources.csv", 1L), (ex.File, ex.Line));
        Assert.Contains("application_id,account_id,name,address,phone,is_consumer_reporting_agency", ex.Message, StringComparison.Ordinal);
    }
}
