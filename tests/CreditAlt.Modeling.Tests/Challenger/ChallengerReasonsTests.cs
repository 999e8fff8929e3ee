using CreditAlt.Modeling.Challenger;

namespace CreditAlt.Modeling.Tests.Challenger;

public sealed class ChallengerReasonsTests
{
    [Fact]
    public void Select_MixedContributions_TakesFourLargestPositiveWithTiesInIndexOrder()
    {
        float[] contributions = [0.5f, -1f, 0.5f, 2f, 0f, float.NaN, 0.1f, 0.3f];
        Span<int> chosen = stackalloc int[4];
        var count = ChallengerReasons.Select(contributions, 0f, chosen);
        Assert.Equal(4, count);
        Assert.Equal([3, 0, 2, 7], chosen.ToArray());
    }

    [Fact]
    public void Select_OnlyTwoRaiseRisk_ReturnsTwo()
    {
        float[] contributions = [-0.2f, 0.4f, 0f, -3f, 0.9f];
        Span<int> chosen = stackalloc int[4];
        var count = ChallengerReasons.Select(contributions, 0f, chosen);
        Assert.Equal(2, count);
        Assert.Equal([4, 1], chosen[..count].ToArray());
    }

    [Fact]
    public void Select_BelowMinimum_IsNotAReason()
    {
        float[] contributions = [0.01f, 0.2f, 0.05f];
        Span<int> chosen = stackalloc int[4];
        var count = ChallengerReasons.Select(contributions, 0.05f, chosen);
        Assert.Equal(2, count);
        Assert.Equal([1, 2], chosen[..count].ToArray());
    }

    [Fact]
    public void Select_AllEqual_KeepsFirstFourIndices()
    {
        float[] contributions = [0.3f, 0.3f, 0.3f, 0.3f, 0.3f, 0.3f];
        Span<int> chosen = stackalloc int[4];
        Assert.Equal(4, ChallengerReasons.Select(contributions, 0f, chosen));
        Assert.Equal([0, 1, 2, 3], chosen.ToArray());
    }

    [Fact]
    public void Select_NothingRaisesRisk_ReturnsZero()
    {
        Span<int> chosen = stackalloc int[4];
        Assert.Equal(0, ChallengerReasons.Select([-1f, 0f, -0.5f], 0f, chosen));
    }
}
