using CreditAlt.Modeling.Monitoring;

namespace CreditAlt.Modeling.Tests.Monitoring;

public sealed class PsiTests
{
    [Fact]
    public void Compute_ThreeGivenBins_MatchesHandCalculation()
    {
        // Baseline shares .40/.35/.25, recent .30/.40/.30:
        // (.30−.40)·ln(.30/.40) + (.40−.35)·ln(.40/.35) + (.30−.25)·ln(.30/.25)
        // = .0287682 + .0066766 + .0091161 = .0445609.
        var baseline = Repeat((1, 40), (2, 35), (3, 25));
        var recent = Repeat((1, 30), (2, 40), (3, 30));
        var result = Psi.Compute("x", baseline, recent, [1, 2]);
        var expected = -0.1 * Math.Log(0.75) + 0.05 * Math.Log(0.40 / 0.35) + 0.05 * Math.Log(1.2);
        Assert.Equal(expected, result.Value, 12);
        Assert.Equal(0.0445609, result.Value, 7);
        Assert.Equal(StabilityBand.Stable, result.Band);
        Assert.Equal(["≤ 1", "(1, 2]", "> 2", "missing"], result.Bins.Select(b => b.Label));
        // The missing bin is empty in both windows: both shares are raised to ε and its term is 0.
        Assert.Equal(Psi.Epsilon, result.Bins[3].BaselineShare);
        Assert.Equal(0, result.Bins[3].Contribution);
    }

    [Fact]
    public void Compute_DecileBinsWithEmptyAndMissingBins_UsesEpsilon()
    {
        // Baseline 1..10: deciles give edges 1..9, one value per bin, no missing.
        // Recent: three 1s, 2, 3, 5, 8, two 10s and one missing. Bins (3,4], (5,6], (6,7], (8,9] are empty
        // (share ε), missing has .1 against ε:
        // .2·ln 3 + .1·ln 2 + 5 · (.1 − ε) · ln(.1/ε) = 0.2197225 + 0.0693147 + 3.4504238 = 3.7394610.
        double[] baseline = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        double[] recent = [1, 1, 1, 2, 3, 5, 8, 10, 10, double.NaN];
        var result = Psi.Compute("x", baseline, recent);
        var e = Psi.Epsilon;
        var expected = 0.2 * Math.Log(3) + 0.1 * Math.Log(2) + 5 * (0.1 - e) * Math.Log(0.1 / e);
        Assert.Equal(expected, result.Value, 12);
        Assert.Equal(3.7394610, result.Value, 6);
        Assert.Equal(StabilityBand.MajorShift, result.Band);
        Assert.Equal(11, result.Bins.Count);
    }

    [Fact]
    public void Compute_SameDistribution_IsZero()
    {
        double[] values = [3, 1, 4, 1, 5, 9, 2, 6, double.NaN, 5];
        Assert.Equal(0, Psi.Compute("x", values, values).Value);
    }

    [Fact]
    public void DecileEdges_ManyTies_MergesEdgesAndKeepsTopBinOpen()
    {
        // Ranks ⌈k·10/10⌉ = k give 0,0,0,0,0,0,0,1,2 → distinct edges 0, 1, 2 (below the maximum 3).
        Assert.Equal([0.0, 1, 2], Psi.DecileEdges([0, 0, 0, 0, 0, 0, 0, 1, 2, 3]));
        // All values equal: the only edge would be the maximum, so there is one bin for all values.
        Assert.Empty(Psi.DecileEdges([4, 4, 4, double.NaN]));
    }

    [Theory]
    [InlineData(0.0999, StabilityBand.Stable)]
    [InlineData(0.1, StabilityBand.SomeShift)]
    [InlineData(0.25, StabilityBand.SomeShift)]
    [InlineData(0.2501, StabilityBand.MajorShift)]
    public void BandOf_Thresholds_FollowUsualBands(double psi, StabilityBand expected) => Assert.Equal(expected, Psi.BandOf(psi));

    private static double[] Repeat(params (double Value, int Count)[] groups) =>
        [.. groups.SelectMany(g => Enumerable.Repeat(g.Value, g.Count))];
}
