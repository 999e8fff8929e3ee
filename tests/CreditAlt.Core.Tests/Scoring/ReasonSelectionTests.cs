using CreditAlt.Core.Scoring;

namespace CreditAlt.Core.Tests.Scoring;

public sealed class ReasonSelectionTests
{
    private static ReasonCandidate C(string code, double lost, string sentence) => new(code, code.ToLowerInvariant(), 1, lost, sentence);

    private static (string, int, string)[] Pick(params ReasonCandidate[] candidates) =>
        [.. ReasonSelection.Select([.. candidates]).Select(r => (r.Code, r.PointsLost, r.Sentence))];

    [Fact]
    public void Select_SameSentence_OneReasonWithThePointsAddedUp() =>
        Assert.Equal([("A", 7, "same"), ("C", 6, "other")], Pick(C("A", 3, "same"), C("B", 4, "same"), C("C", 6, "other")));

    [Fact]
    public void Select_BelowFivePoints_IsNoReason() =>
        Assert.Equal([("A", 10, "a")], Pick(C("A", 10, "a"), C("B", 4, "b")));

    [Fact]
    public void Select_NothingReachesFive_TheLargestStillGiven() =>
        Assert.Equal([("B", 4, "b")], Pick(C("A", 3, "a"), C("B", 4, "b")));

    [Fact]
    public void Select_MoreThanFour_TheFourLargestTiesInModelOrder() =>
        Assert.Equal([("E", 20, "e"), ("A", 9, "a"), ("B", 9, "b"), ("D", 8, "d")],
            Pick(C("A", 9, "a"), C("B", 9, "b"), C("C", 6, "c"), C("D", 8, "d"), C("E", 20, "e")));

    [Fact]
    public void Scorecard_PossibleRange_IsBasePlusLowestAndHighestBinPoints()
    {
        // 500 + (0, 0, 0) and 500 + (40, 35, 30): the special bin counts, since an applicant can be in it.
        Assert.Equal(new ScoreBounds(500, 605), TestScorecards.Model().PossibleRange);
    }

    [Theory]
    [InlineData("rent_ontime_share_24m", "rent")]
    [InlineData("childcare_late30_count_12m", "childcare")]
    [InlineData("all_late30_count_12m", null)]
    [InlineData("cashflow_obligation_burden", null)]
    public void ObligationTypeOf_AttributeOfOneKind_NamesIt(string attribute, string? expected) =>
        Assert.Equal(expected, ReasonSelection.ObligationTypeOf(attribute));
}
