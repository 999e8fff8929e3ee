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

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Fit_TenPreBins_IvEqualsBestOfEveryMonotonePartition(int seed)
    {
        // Ten distinct values, 40 rows each, so each value is one pre-bin (FineBins = 10). Every way to cut the ten
        // pre-bins into contiguous bins (2⁹ = 512) is checked: at least 10 % of rows per bin, bad rates strictly rising.
        var random = new Random(seed);
        var rate = Enumerable.Range(0, 10).Select(_ => random.NextDouble() * 0.5).ToArray();
        var values = new List<double>();
        var bad = new List<bool>();
        for (var v = 0; v < 10; v++)
            for (var k = 0; k < 40; k++)
            {
                values.Add(v);
                bad.Add(random.NextDouble() < rate[v]);
            }

        var options = new BinningOptions { FineBins = 10, MinBinShare = 0.1 };
        var fit = MonotoneBinner.Fit("a", [.. values], [.. bad], RiskDirection.HigherIsRiskier, [], options);
        long totalBad = bad.Count(b => b), totalGood = bad.Count - totalBad;
        var badsAt = Enumerable.Range(0, 10).Select(v => (long)Enumerable.Range(0, values.Count).Count(i => values[i] == v && bad[i])).ToArray();

        var best = double.NegativeInfinity;
        for (var mask = 0; mask < 512; mask++)
        {
            var bins = new List<(long Rows, long Bads)>();
            long rows = 0, bads = 0;
            for (var v = 0; v < 10; v++)
            {
                rows += 40;
                bads += badsAt[v];
                if (v == 9 || (mask & (1 << v)) != 0)
                {
                    bins.Add((rows, bads));
                    rows = bads = 0;
                }
            }

            var feasible = bins.Count == 1 || bins.All(b => b.Rows >= 40);
            for (var b = 1; b < bins.Count && feasible; b++)
                feasible = (double)bins[b - 1].Bads / bins[b - 1].Rows < (double)bins[b].Bads / bins[b].Rows;
            if (!feasible) continue;
            var iv = bins.Sum(b => MonotoneBinner.WoeAndIv(b.Rows - b.Bads, b.Bads, totalGood, totalBad, options.ZeroCountSmoothing).Iv);
            best = Math.Max(best, iv);
        }

        Assert.Equal(best, fit.Bins.Where(b => b.Kind == BinKind.Range).Sum(b => b.InformationValue), 10);
        var ranges = fit.Bins.Where(b => b.Kind == BinKind.Range).ToList();
        for (var b = 1; b < ranges.Count; b++) Assert.True(ranges[b - 1].BadRate < ranges[b].BadRate);
    }

    /// <summary>Four pre-bins of ten rows with 1, 4, 6 and 2 bads: bad rates 0.1, 0.4, 0.6, 0.2, a peak.</summary>
    private static (double[] Values, bool[] Bad) PeakData()
    {
        var values = Enumerable.Range(1, 40).Select(v => (double)v).ToArray();
        var bad = values.Select(v => v is 1 or (>= 11 and <= 14) or (>= 21 and <= 26) or 31 or 32).ToArray();
        return (values, bad);
    }

    [Fact]
    public void Fit_PeakInTheData_MonotoneByDefault_PeakWhenAllowed()
    {
        var (values, bad) = PeakData();
        var options = new BinningOptions { FineBins = 4, MinBinShare = 0 };
        double Iv(params (long G, long B)[] bins) => bins.Sum(b => MonotoneBinner.WoeAndIv(b.G, b.B, 27, 13, 0.5).Iv);

        // Declared "higher is riskier": the best strictly rising partition is {1..10}, {11..40} (rates 0.1, 0.4; IV 0.4594),
        // ahead of {1..20}, {21..40} (0.25, 0.4; IV 0.1185); any cut after 30 would need 0.6 → 0.2 to rise.
        var monotone = MonotoneBinner.Fit("x", values, bad, RiskDirection.HigherIsRiskier, [], options);
        var ranges = monotone.Bins.Where(b => b.Kind == BinKind.Range).ToArray();
        Assert.Equal([(9L, 1L), (18L, 12L)], ranges.Select(b => (b.Goods, b.Bads)));
        Assert.Equal(Iv((9, 1), (18, 12)), monotone.InformationValue, 12);
        Assert.Equal(0.4594, monotone.InformationValue, 4);

        // Allowed a turn, the four pre-bins themselves form a peak (0.1 < 0.4 < 0.6 > 0.2) with IV 0.8533.
        var peak = MonotoneBinner.Fit("x", values, bad, RiskDirection.HigherIsRiskier, [], options with { PeakOrValleyMinGain = 0.01 });
        ranges = peak.Bins.Where(b => b.Kind == BinKind.Range).ToArray();
        Assert.Equal([(9L, 1L), (6L, 4L), (4L, 6L), (8L, 2L)], ranges.Select(b => (b.Goods, b.Bads)));
        Assert.Equal([(null, 11.0), (11.0, 21.0), (21.0, 31.0), (31.0, (double?)null)], ranges.Select(b => (b.Lower, b.Upper)));
        Assert.Equal(0.8533, peak.InformationValue, 4);

        // A turn must beat the monotone IV by more than the gain: 0.8533 − 0.4594 = 0.394 < 0.5.
        var strict = MonotoneBinner.Fit("x", values, bad, RiskDirection.HigherIsRiskier, [], options with { PeakOrValleyMinGain = 0.5 });
        Assert.Equal(monotone.InformationValue, strict.InformationValue, 12);
    }

    [Fact]
    public void Fit_ValleyInTheData_FoundMirrored()
    {
        // The same rows with bad and good swapped: rates 0.9, 0.6, 0.4, 0.8, a valley, found whatever the declared direction.
        var (values, bad) = PeakData();
        var flipped = bad.Select(b => !b).ToArray();
        var valley = MonotoneBinner.Fit("x", values, flipped, RiskDirection.LowerIsRiskier, [], new BinningOptions { FineBins = 4, MinBinShare = 0, PeakOrValleyMinGain = 0.01 });
        Assert.Equal([(1L, 9L), (4L, 6L), (6L, 4L), (2L, 8L)], valley.Bins.Where(b => b.Kind == BinKind.Range).Select(b => (b.Goods, b.Bads)));
    }
}
