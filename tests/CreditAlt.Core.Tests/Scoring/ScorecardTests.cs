using CreditAlt.Core.Scoring;

namespace CreditAlt.Core.Tests.Scoring;

public sealed class ScorecardTests
{
    private static readonly Scorecard Model = TestScorecards.Model();

    [Theory]
    [InlineData(0.79, 0, 0, 0)]       // below 0.8 → first bin
    [InlineData(0.8, 0, 1, 1)]        // lower bound is inclusive
    [InlineData(0.95, 0, 2, 2)]
    [InlineData(double.NaN, 0, 3, 3)] // missing bin
    public void BinOf_Boundaries_LowerBoundInclusive(double value, int attribute, int expectedBin, int _) =>
        Assert.Equal(expectedBin, Model.BinOf(attribute, value));

    [Fact]
    public void BinOf_SpecialValue_GoesToItsOwnBin() => Assert.Equal(4, Model.BinOf(1, -1));

    [Fact]
    public void Score_SumsBasePointsAndBinPoints()
    {
        // 500 + 20 (ontime 0.9) + 10 (1 late) + 12 (balance 100) = 542.
        Assert.Equal(542, Model.Score([0.9, 1, 100]));
    }

    [Fact]
    public void Score_AboveRange_IsClampedTo850()
    {
        var generous = new Scorecard("t", "1", ScoreScaling.Default, 840, Model.Attributes, Model.Policy);
        Assert.Equal(945, generous.RawScore([1, -1, 600]));
        Assert.Equal(850, generous.Score([1, -1, 600]));
    }

    [Fact]
    public void ScoreWithReasons_RanksByPointsLost_TiesByAttributeOrder()
    {
        // ontime 0.9 loses 40-20 = 20, lates 2 loses 35-10 = 25, balance 100 loses 30-12 = 18.
        Span<int> reasons = stackalloc int[4];
        var score = Model.ScoreWithReasons([0.9, 2, 100], reasons, out var count);
        Assert.Equal(542, score);
        Assert.Equal(3, count);
        Assert.Equal([1, 0, 2], reasons[..count].ToArray());

        // ontime 0.5 loses 40, lates 5 loses 35, balance -5 loses 30; tie check: ontime missing (loses 30) vs balance -5 (30).
        score = Model.ScoreWithReasons([double.NaN, 5, -5], reasons, out count);
        Assert.Equal(510, score);
        Assert.Equal([1, 0, 2], reasons[..count].ToArray());
    }

    [Fact]
    public void ScoreWithReasons_AttributeAtBestBin_IsNeverAReason()
    {
        Span<int> reasons = stackalloc int[4];
        Model.ScoreWithReasons([1, -1, 100], reasons, out var count);
        Assert.Equal(1, count);
        Assert.Equal(2, reasons[0]);
    }
}
