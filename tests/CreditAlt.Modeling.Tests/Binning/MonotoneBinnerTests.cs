using CreditAlt.Core.Attributes;
using CreditAlt.Core.Scoring;
using CreditAlt.Modeling.Binning;

namespace CreditAlt.Modeling.Tests.Binning;

public sealed class MonotoneBinnerTests
{
    private static readonly BinningOptions FourFine = new() { FineBins = 4, MinBinShare = 0 };

    [Fact]
    public void WoeAndIv_BothCountsPresent_TextbookValues()
    {
        // %good = 30/100 = 0.3, %bad = 10/50 = 0.2: WoE = ln 1.5, IV = 0.1·ln 1.5.
        var (woe, iv) = MonotoneBinner.WoeAndIv(30, 10, 100, 50, 0.5);
        Assert.Equal(0.4054651081, woe, 9);
        Assert.Equal(0.0405465108, iv, 9);
    }

    [Fact]
    public void WoeAndIv_NoBads_SmoothsBothCountsByOneHalf()
    {
        // (10.5/100) / (0.5/50) = 10.5: WoE = ln 10.5 = 2.3513753, IV = (0.105 − 0.01)·WoE = 0.2233807.
        var (woe, iv) = MonotoneBinner.WoeAndIv(10, 0, 100, 50, 0.5);
        Assert.Equal(2.3513752572, woe, 9);
        Assert.Equal(0.2233806494, iv, 9);
    }

    [Fact]
    public void Fit_EqualAdjacentBadRates_ArePooled()
    {
        // Fine bins {1,2} 0/2 bad, {3,4} 1/2, {5,6} 1/2, {7,8} 2/2: the two middle bins are not strictly
        // increasing, so they pool into [3, 7) with 2 goods, 2 bads.
        double[] values = [1, 2, 3, 4, 5, 6, 7, 8];
        bool[] bad = [false, false, true, false, true, false, true, true];
        var binning = MonotoneBinner.Fit("x", values, bad, RiskDirection.HigherIsRiskier, [], FourFine);
        var ranges = binning.Bins.Where(b => b.Kind == BinKind.Range).ToArray();
        Assert.Equal([(null, 3.0), (3.0, 7.0), (7.0, (double?)null)], ranges.Select(b => (b.Lower, b.Upper)));
        Assert.Equal([(2L, 0L), (2L, 2L), (0L, 2L)], ranges.Select(b => (b.Goods, b.Bads)));
        // G = B = 4. Bin 1 smoothed: (2.5/4)/(0.5/4) = 5 → ln 5; bin 2: ln 1 = 0; bin 3: ln 0.2.
        Assert.Equal([1.6094379124, 0, -1.6094379124], ranges.Select(b => Math.Round(b.Woe, 10)));
        // IV = 0.5·ln 5 + 0 + 0.5·ln 5 = ln 5.
        Assert.Equal(1.6094379124, binning.InformationValue, 9);
        var missing = Assert.Single(binning.Bins, b => b.Kind == BinKind.Missing);
        Assert.Equal((0L, 0.0), (missing.Count, missing.Woe));
    }

    [Fact]
    public void Fit_MissingAndSpecialValues_GetOwnBinsWithOwnWoe()
    {
        // The table above plus two missing (one good, one bad) and two special -1 (both good): G = 7, B = 5.
        double[] values = [1, 2, 3, 4, 5, 6, 7, 8, double.NaN, double.NaN, -1, -1];
        bool[] bad = [false, false, true, false, true, false, true, true, false, true, false, false];
        var binning = MonotoneBinner.Fit("x", values, bad, RiskDirection.HigherIsRiskier, [-1], FourFine with { MinBinShare = 0.1, NeutralMissing = false });
        Assert.Equal([BinKind.Range, BinKind.Range, BinKind.Range, BinKind.Missing, BinKind.Special], binning.Bins.Select(b => b.Kind));
        // Range 1: (2.5/7)/(0.5/5); range 2: (2/7)/(2/5); range 3: (0.5/7)/(2.5/5); missing (1/7)/(1/5); special as range 1.
        Assert.Equal([1.2729656758, -0.3364722366, -1.9459101491, -0.3364722366, 1.2729656758], binning.Bins.Select(b => Math.Round(b.Woe, 10)));
        Assert.Equal(0.3273340309 + 0.0384539699 + 0.8339614925 + 0.0192269849 + 0.3273340309, binning.InformationValue, 9);
        Assert.Equal(4, binning.BinOf(-1));
        Assert.Equal(3, binning.BinOf(double.NaN));
        Assert.Equal(1, binning.BinOf(6.5));
        Assert.Equal(0, binning.BinOf(-50));
    }

    [Fact]
    public void Fit_ByDefault_MissingBinIsPinnedAtNeutralWoeWithItsCountsKept()
    {
        // The same data: missing would have WoE ln((1/7)/(1/5)) = -0.336 (riskier than average); by default it is evidence of
        // nothing, WoE 0 and IV 0, while the ordinary and special bins keep theirs.
        double[] values = [1, 2, 3, 4, 5, 6, 7, 8, double.NaN, double.NaN, -1, -1];
        bool[] bad = [false, false, true, false, true, false, true, true, false, true, false, false];
        var binning = MonotoneBinner.Fit("x", values, bad, RiskDirection.HigherIsRiskier, [-1], FourFine with { MinBinShare = 0.1 });
        var missing = binning.Bins[3];
        Assert.Equal((BinKind.Missing, 2L, 1L, 0.0, 0.0), (missing.Kind, missing.Count, missing.Bads, missing.Woe, missing.InformationValue));
        Assert.Equal([1.2729656758, -0.3364722366, -1.9459101491, 0, 1.2729656758], binning.Bins.Select(b => Math.Round(b.Woe, 10)));
    }

    [Fact]
    public void Fit_BinBelowMinimumShare_MergesIntoNeighbour()
    {
        // value 1 ×10 (1 bad), value 2 ×10 (3 bad), value 3 ×2 (2 bad): rates 0.1 < 0.3 < 1 are monotone, but the
        // last bin holds 2/22 < 20 %, so it joins its only neighbour: [2, ∞) with 12 rows, 5 bads.
        var values = Enumerable.Repeat(1.0, 10).Concat(Enumerable.Repeat(2.0, 10)).Concat(Enumerable.Repeat(3.0, 2)).ToArray();
        var bad = Enumerable.Range(0, 10).Select(i => i < 1).Concat(Enumerable.Range(0, 10).Select(i => i < 3)).Concat([true, true]).ToArray();
        var binning = MonotoneBinner.Fit("x", values, bad, RiskDirection.HigherIsRiskier, [], new BinningOptions { FineBins = 10, MinBinShare = 0.2 });
        var ranges = binning.Bins.Where(b => b.Kind == BinKind.Range).ToArray();
        Assert.Equal([(10L, 1L), (12L, 5L)], ranges.Select(b => (b.Count, b.Bads)));
        Assert.Equal((2.0, 2.0, 3.0), (ranges[1].Lower!.Value, ranges[1].MinObserved!.Value, ranges[1].MaxObserved!.Value));
    }

    [Fact]
    public void Fit_RatesAgainstDeclaredDirection_PoolIntoOneBin()
    {
        // The same data declared LowerIsRiskier: bad rate rises with the value everywhere, so nothing may stay apart.
        var values = Enumerable.Repeat(1.0, 10).Concat(Enumerable.Repeat(2.0, 10)).Concat(Enumerable.Repeat(3.0, 2)).ToArray();
        var bad = Enumerable.Range(0, 10).Select(i => i < 1).Concat(Enumerable.Range(0, 10).Select(i => i < 3)).Concat([true, true]).ToArray();
        var binning = MonotoneBinner.Fit("x", values, bad, RiskDirection.LowerIsRiskier, [], new BinningOptions { FineBins = 10, MinBinShare = 0 });
        var range = Assert.Single(binning.Bins, b => b.Kind == BinKind.Range);
        Assert.Equal((22L, 6L, 0.0), (range.Count, range.Bads, range.Woe));
    }
}
