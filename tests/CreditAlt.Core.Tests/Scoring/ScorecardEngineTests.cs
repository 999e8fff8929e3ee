using CreditAlt.Core.Scoring;

namespace CreditAlt.Core.Tests.Scoring;

public sealed class ScorecardEngineTests
{
    private static readonly ScorecardEngine Engine = new(TestScorecards.Model(), TestScorecards.Catalogue);

    // Catalogue order: ontime, lates, balance, history.
    [Fact]
    public void Assess_HighScore_ApprovesWithoutReasons()
    {
        var a = Engine.Assess([1, -1, 600, 24]); // 500 + 40 + 35 + 30 = 605
        Assert.Equal((605, Decision.Approve), (a.Score, a.Decision));
        Assert.Empty(a.Reasons);
    }

    [Fact]
    public void Assess_ReferBand_GivesRankedReasonsWithSentences()
    {
        var a = Engine.Assess([0.9, 2, 100, 24]); // 500 + 20 + 10 + 12 = 542 < 560 → decline
        Assert.Equal((542, Decision.Decline), (a.Score, a.Decision));
        // Points lost against the best ordinary bin: ontime 40-20, lates 30-10 (tie, later attribute), balance 30-12.
        Assert.Equal(
            [("ONTIME", "ontime is 0.9", 20), ("LATES", "lates is 2", 20), ("BALANCE", "balance is 100", 18)],
            a.Reasons.Select(r => (r.Code, r.Sentence, r.PointsLost)));

        var refer = Engine.Assess([1, 2, 600, 24]); // 500 + 40 + 10 + 30 = 580 → refer
        Assert.Equal((580, Decision.Refer), (refer.Score, refer.Decision));
        Assert.Equal([("LATES", "lates is 2", 20)], refer.Reasons.Select(r => (r.Code, r.Sentence, r.PointsLost)));
    }

    [Fact]
    public void Assess_ValueInBestOrdinaryBin_IsNoReasonEvenWhenTheSpecialBinScoresMore()
    {
        // lates 0 scores 30, its best ordinary bin; the special bin "never" (35) is not a target for an applicant with a value.
        var a = Engine.Assess([1, 0, 100, 24]); // 500 + 40 + 30 + 12 = 582 → refer
        Assert.Equal((582, Decision.Refer), (a.Score, a.Decision));
        Assert.Equal([("BALANCE", "balance is 100", 18)], a.Reasons.Select(r => (r.Code, r.Sentence, r.PointsLost)));
    }

    [Fact]
    public void Assess_MissingValue_IsNeverAReason()
    {
        // lates missing scores 15 against a best ordinary 30, but absence is neutral evidence and never a principal reason.
        var a = Engine.Assess([1, double.NaN, 100, 24]); // 500 + 40 + 15 + 12 = 567 → refer
        Assert.Equal((567, Decision.Refer), (a.Score, a.Decision));
        Assert.Equal([("BALANCE", "balance is 100", 18)], a.Reasons.Select(r => (r.Code, r.Sentence, r.PointsLost)));
    }

    [Fact]
    public void Assess_ShortHistory_IsInsufficientDataNeverDecline()
    {
        var a = Engine.Assess([0, 9, -50, 3]); // would score 500 → decline, but history 3 < 6
        Assert.Equal(Decision.InsufficientData, a.Decision);
        Assert.Equal("HISTORY", Assert.Single(a.Reasons).Code);
        Assert.Equal(Decision.InsufficientData, Engine.Assess([0, 9, -50, double.NaN]).Decision);
    }

    [Fact]
    public void Explain_ListsPointsOfEveryAttribute()
    {
        var lines = Engine.Explain([0.9, double.NaN, 100, 24]);
        Assert.Equal([20, 15, 12], lines.Select(l => l.Points));
        Assert.Equal([40, 30, 30], lines.Select(l => l.BestPoints)); // best ordinary bins
        Assert.Equal("missing", lines[1].Bin);
    }

    [Fact]
    public void HighestScoreChanging_TheChangedAttributesTakeTheirBestBin()
    {
        // [0.9, 2, 100, 24] scores 500 + 20 + 10 + 12 = 542. Changing balance alone: its best bin is 30, so 500 + 20 + 10 + 30
        // = 560; ontime and balance: 500 + 40 + 10 + 30 = 580; lates alone: its best bin is the special "never" (35), 567.
        Assert.Equal(560, Engine.HighestScoreChanging([0.9, 2, 100, 24], 2, -1));
        Assert.Equal(580, Engine.HighestScoreChanging([0.9, 2, 100, 24], 0, 2));
        Assert.Equal(567, Engine.HighestScoreChanging([0.9, 2, 100, 24], 1, -1));
        // History is not a model attribute: changing it changes nothing.
        Assert.Equal(542, Engine.HighestScoreChanging([0.9, 2, 100, 24], 3, -1));
    }

    [Fact]
    public void Constructor_UnknownAttribute_Throws() =>
        Assert.Throws<ArgumentException>(() => new ScorecardEngine(TestScorecards.Model(), TestScorecards.Catalogue[..2]));
}
