using CreditAlt.Core.Attributes;
using CreditAlt.Core.Scoring;
using CreditAlt.Modeling.Binning;

namespace CreditAlt.Modeling.Tests.Binning;

/// <summary>Row weights (fuzzy reject inference) behave like repeated rows.</summary>
public sealed class WeightedBinningTests
{
    private static readonly BinningOptions FourFine = new() { FineBins = 4, MinBinShare = 0 };

    [Fact]
    public void Fit_WeightTwo_SameBinsAsTheRowTwice()
    {
        double[] values = [1, 2, 3, 4, 5, 6, 7, 8];
        bool[] bad = [false, false, true, false, true, false, true, true];
        double[] weights = [1, 2, 1, 1, 1, 1, 1, 1];
        double[] repeatedValues = [1, 2, 2, 3, 4, 5, 6, 7, 8];
        bool[] repeatedBad = [false, false, false, true, false, true, false, true, true];

        var weighted = MonotoneBinner.Fit("x", values, bad, RiskDirection.HigherIsRiskier, [], FourFine with { FineBins = 9 }, weights);
        var repeated = MonotoneBinner.Fit("x", repeatedValues, repeatedBad, RiskDirection.HigherIsRiskier, [], FourFine with { FineBins = 9 });

        Assert.Equal(repeated.Bins, weighted.Bins);
    }

    [Fact]
    public void Fit_HalfWeightsOfAFuzzyPair_WoeFromTheWeightedCounts()
    {
        // A reject at value 5 split into a bad and a good of weight 0.5 each; G = 2.5, B = 3.5. The IV-best monotone
        // binning is {1} (2 goods) and {5, 9} (0.5 good, 3.5 bads). {1} has no bad, so both of its counts are smoothed
        // by 0.5: WoE = ln((2.5/2.5) / (0.5/3.5)) = ln 7; {5, 9}: ln((0.5/2.5) / (3.5/3.5)) = ln 0.2.
        double[] values = [1, 1, 5, 9, 9, 5, 5];
        bool[] bad = [false, false, true, true, true, true, false];
        double[] weights = [1, 1, 1, 1, 1, 0.5, 0.5];

        var binning = MonotoneBinner.Fit("x", values, bad, RiskDirection.HigherIsRiskier, [], new BinningOptions { FineBins = 10, MinBinShare = 0 }, weights);
        var ranges = binning.Bins.Where(b => b.Kind == BinKind.Range).ToArray();

        Assert.Equal([(null, 5.0), (5.0, (double?)null)], ranges.Select(b => (b.Lower, b.Upper)));
        Assert.Equal(Math.Log(7), ranges[0].Woe, 12);
        Assert.Equal(Math.Log(0.2), ranges[1].Woe, 12);
        Assert.Equal([(2L, 0L), (0L, 4L)], ranges.Select(b => (b.Goods, b.Bads))); // 0.5 and 3.5 rounded half to even for the record
    }
}
