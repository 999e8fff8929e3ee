using System.Text;
using CreditAlt.Demographics;
using CreditAlt.Portfolio.Audit;
using CreditAlt.Portfolio.Csv;

namespace CreditAlt.Portfolio.Tests;

public sealed class AuditFileReaderTests
{
    private static MemoryStream S(string text) => new(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void ReadDemographics_CodesAndEmptyFields_ParseToGroupsOrNotReported()
    {
        var rows = AuditFileReader.ReadDemographics(S("application_id,race_ethnicity,sex,age_band\nA1,hispanic,female,25-34\nA2,,male,65+\nA3,asian,,\n"), "demographics.csv").ToList();

        Assert.Equal(
            [
                new DemographicRecord("A1", RaceEthnicity.Hispanic, Sex.Female, AgeBand.Age25To34),
                new DemographicRecord("A2", null, Sex.Male, AgeBand.Age65Plus),
                new DemographicRecord("A3", RaceEthnicity.Asian, null, null),
            ],
            rows);
    }

    [Fact]
    public void ReadDemographics_UnknownCode_ListsTheCodes()
    {
        var ex = Assert.Throws<PortfolioFormatException>(() =>
            AuditFileReader.ReadDemographics(S("application_id,race_ethnicity,sex,age_band\nA1,white,F,25-34\n"), "demographics.csv").ToList());

        Assert.Equal("demographics.csv, line 2, column 3 (sex): expected one of female, male, or an empty field (not reported), got 'F'", ex.Message);
    }

    [Fact]
    public void ReadOutcomes_Values_ParseExactly()
    {
        var rows = AuditFileReader.ReadOutcomes(S("application_id,defaulted,true_pd,bureau_score\nA1,1,0.250000,640\nA2,0,0.031250,\nA3,0,,812\n"), "outcomes.csv").ToList();

        Assert.Equal(new OutcomeRecord("A1", true, 0.25, 640), rows[0]);
        Assert.Equal(new OutcomeRecord("A2", false, 0.03125, null), rows[1]);
        Assert.Equal(("A3", double.NaN, 812), (rows[2].ApplicationId, rows[2].TruePd, rows[2].BureauScore));
    }

    [Theory]
    [InlineData("A1,2,0.1,700", 2, "0 or 1, got '2'")]
    [InlineData("A1,1,1.5,700", 3, "a probability from 0 to 1 such as 0.083125, or an empty field, got '1.5'")]
    [InlineData("A1,1,0.1,900", 4, "a whole score from 300 to 850, or an empty field (credit invisible), got '900'")]
    public void ReadOutcomes_BadField_NamesColumn(string row, int column, string expected)
    {
        var ex = Assert.Throws<PortfolioFormatException>(() =>
            AuditFileReader.ReadOutcomes(S("application_id,defaulted,true_pd,bureau_score\n" + row + "\n"), "outcomes.csv").ToList());

        Assert.Equal((2L, column, "expected " + expected), (ex.Line, ex.Column, ex.Reason));
    }

    [Fact]
    public void ReadOutcomes_Unsorted_NamesTheFile()
    {
        var ex = Assert.Throws<PortfolioFormatException>(() =>
            AuditFileReader.ReadOutcomes(S("application_id,defaulted,true_pd,bureau_score\nA2,0,0.1,700\nA1,0,0.1,700\n"), "outcomes.csv").ToList());

        Assert.Equal("outcomes.csv, line 3, column 1 (application_id): expected rows sorted by application_id (ordinal), each id once; 'A1' comes after 'A2': outcomes.csv is not sorted", ex.Message);
    }

    [Fact]
    public void Join_SortedStreams_PairsEqualIds()
    {
        var left = new[] { "A1", "A2", "A4" };
        var right = new[] { ("A0", 0), ("A2", 2), ("A3", 3), ("A4", 4) };

        var joined = AuditJoin.Join(left, l => l, right, r => r.Item1).Select(p => (p.Left, p.Right.Item2)).ToList();

        Assert.Equal([("A2", 2), ("A4", 4)], joined);
    }
}
