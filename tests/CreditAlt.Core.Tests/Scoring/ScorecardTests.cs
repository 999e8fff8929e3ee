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
        // Against the best ordinary bin: ontime 0.9 loses 40-20 = 20, lates 2 loses 30-10 = 20 (tie: ontime first, the
        // earlier attribute), balance 100 loses 30-12 = 18.
        Span<int> reasons = stackalloc int[4];
        var score = Model.ScoreWithReasons([0.9, 2, 100], reasons, out var count);
        Assert.Equal(542, score);
        Assert.Equal(3, count);
        Assert.Equal([0, 1, 2], reasons[..count].ToArray());

        // ontime missing loses 40-10 = 30, lates 5 loses 30-0 = 30, balance -5 loses 30-0 = 30: a three-way tie.
        score = Model.ScoreWithReasons([double.NaN, 5, -5], reasons, out count);
        Assert.Equal(510, score);
        Assert.Equal([0, 1, 2], reasons[..count].ToArray());

        // balance -5 loses 30 and comes first; ontime 0.9 and lates 2 tie at 20 and keep attribute order.
        score = Model.ScoreWithReasons([0.9, 2, -5], reasons, out count);
        Assert.Equal(530, score);
        Assert.Equal([2, 0, 1], reasons[..count].ToArray());
    }

    [Fact]
    public void ScoreWithReasons_AttributeAtBestBin_IsNeverAReason()
    {
        Span<int> reasons = stackalloc int[4];
        Model.ScoreWithReasons([1, -1, 100], reasons, out var count);
        Assert.Equal(1, count);
        Assert.Equal(2, reasons[0]);
    }

    [Fact]
    public void ScoreWithReasons_ValueInBestOrdinaryBinWhileSpecialBinScoresMore_IsNoReason()
    {
        // lates 0 is in its best ordinary bin (30 points); the special bin "never" gives 35 but is no target for an
        // applicant with a value, so lates lost nothing. Only balance 100 (30-12 = 18) is a reason.
        Span<int> reasons = stackalloc int[4];
        var score = Model.ScoreWithReasons([1, 0, 100], reasons, out var count);
        Assert.Equal(582, score);
        Assert.Equal([2], reasons[..count].ToArray());
        Assert.Equal(0, Model.PointsLost(1, 0));
    }

    [Fact]
    public void ReferencePoints_LeavesOutMissingAndSpecialBins()
    {
        // lates: ordinary bins 30/10/0, missing 15, special 35 → reference 30; ontime 40; balance 30.
        Assert.Equal([40, 30, 30], Enumerable.Range(0, 3).Select(Model.ReferencePoints));
        Assert.Equal(-5, Model.PointsLost(1, -1));          // the special value scores above the reference: no loss
        Assert.Equal(15, Model.PointsLost(1, double.NaN));  // missing scores 15 below the reference
    }

    [Fact]
    public void ScoreWithReasons_MissingOrSpecialBelowReference_IsAReason_AboveIsNot()
    {
        // A variant where balance's missing bin (45) beats its best ordinary bin (30) and lates' special bin (20) does not.
        var attributes = Model.Attributes.ToArray();
        attributes[1] = attributes[1] with { Bins = [.. attributes[1].Bins.Select(b => b.Kind == BinKind.Special ? b with { Points = 20 } : b)] };
        attributes[2] = attributes[2] with { Bins = [.. attributes[2].Bins.Select(b => b.Kind == BinKind.Missing ? b with { Points = 45 } : b)] };
        var variant = new Scorecard("variant", "1", ScoreScaling.Default, 500, attributes, Model.Policy);
        Span<int> reasons = stackalloc int[4];

        // ontime missing: 40-10 = 30; lates "never": 30-20 = 10; balance missing: 30-45 < 0, no reason.
        var score = variant.ScoreWithReasons([double.NaN, -1, double.NaN], reasons, out var count);

        Assert.Equal(575, score);
        Assert.Equal([0, 1], reasons[..count].ToArray());
    }
}
