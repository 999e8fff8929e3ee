using CreditAlt.Core.Scoring;
using CreditAlt.Modeling.Challenger;

namespace CreditAlt.Modeling.Tests.Challenger;

public sealed class ChallengerPointsTests
{
    private static readonly ScoreScaling Scale = ScoreScaling.Default;

    [Fact]
    public void FromProbability_OddsFiftyToOne_Is600() => Assert.Equal(600, ChallengerPoints.FromProbability(Scale, 1.0 / 51));

    [Fact]
    public void FromProbability_DoubledOdds_AddsTwentyPoints()
    {
        Assert.Equal(620, ChallengerPoints.FromProbability(Scale, 1.0 / 101));
        Assert.Equal(580, ChallengerPoints.FromProbability(Scale, 1.0 / 26));
    }

    [Fact]
    public void Unrounded_EvenOdds_IsOffset()
    {
        // factor = 20 / ln 2 = 28.853900817779268; offset = 600 − factor · ln 50 = 487.1228762045055.
        Assert.Equal(28.853900817779268, Scale.Factor, 12);
        Assert.Equal(487.1228762045055, ChallengerPoints.Unrounded(Scale, 0), 9);
    }

    [Fact]
    public void FromLogOdds_HalfPoint_RoundsAwayFromZero()
    {
        // ln odds for exactly 600.5 points: (600.5 − offset) / factor.
        var logOdds = (600.5 - Scale.Offset) / Scale.Factor;
        Assert.Equal(601, ChallengerPoints.FromLogOdds(Scale, logOdds));
    }

    [Fact]
    public void FromProbability_Extremes_AreClampedToRange()
    {
        Assert.Equal(300, ChallengerPoints.FromProbability(Scale, 0.999));
        Assert.Equal(850, ChallengerPoints.FromProbability(Scale, 1e-9));
    }
}
