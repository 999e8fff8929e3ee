using CreditAlt.Core.Attributes;
using CreditAlt.Core.Scoring;

namespace CreditAlt.Modeling.Binning;

/// <summary>
/// Monotone optimal binning of one attribute against a good/bad outcome. Ordinary values start in
/// quantile pre-bins (cut only between distinct values); the final bins are unions of adjacent pre-bins chosen
/// by dynamic programming to maximise the information value exactly, subject to every bin holding at least the
/// minimum share of rows and the bad rate moving strictly in the declared direction from bin to bin (the
/// mixed-integer formulation of optimal-binning tools, solved exactly here because the pre-bins are few). No bin
/// is narrower than one pre-bin. Missing values and each special value get a bin of their own, whatever their
/// size (an empty one has WoE 0: no evidence either way); the missing bin is pinned at WoE 0 unless
/// <see cref="BinningOptions.NeutralMissing"/> is turned off. For attributes whose direction is only inferred
/// (tables), <see cref="BinningOptions.PeakOrValleyMinGain"/> also lets the same DP try a peak and a valley (the
/// "peak"/"valley" trends of optimal-binning tools) and keeps one when it carries clearly more information.
/// </summary>
public static class MonotoneBinner
{
    /// <summary>The course of bad rates across the bins, from the lowest values up.</summary>
    private enum BinShape
    {
        Ascending,
        Descending,
        Peak,
        Valley,
    }

    private sealed class Group(double min, double max, long goods, long bads)
    {
        public double Min = min;
        public double Max = max;
        public long Goods = goods;
        public long Bads = bads;

        public long Count => Goods + Bads;

        public double Rate => (double)Bads / Count;

        public void Absorb(Group other)
        {
            Min = Math.Min(Min, other.Min);
            Max = Math.Max(Max, other.Max);
            Goods += other.Goods;
            Bads += other.Bads;
        }
    }

    public static AttributeBinning Fit(
        string attributeId,
        ReadOnlySpan<double> values,
        ReadOnlySpan<bool> isBad,
        RiskDirection direction,
        IReadOnlyList<double> specialValues,
        BinningOptions? options = null)
    {
        options ??= BinningOptions.Default;
        if (values.Length != isBad.Length) throw new ArgumentException($"Got {values.Length} values but {isBad.Length} outcomes.");
        long totalGoods = 0, totalBads = 0, missingGoods = 0, missingBads = 0;
        var specialGoods = new long[specialValues.Count];
        var specialBads = new long[specialValues.Count];
        var ordinary = new List<(double Value, bool Bad)>(values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i];
            var bad = isBad[i];
            if (bad) totalBads++; else totalGoods++;
            if (double.IsNaN(v))
            {
                if (bad) missingBads++; else missingGoods++;
                continue;
            }

            var s = IndexOf(specialValues, v);
            if (s >= 0)
            {
                if (bad) specialBads[s]++; else specialGoods[s]++;
                continue;
            }

            ordinary.Add((v, bad));
        }

        if (totalGoods == 0 || totalBads == 0)
            throw new ArgumentException($"Binning '{attributeId}' needs both goods and bads.");

        var fine = FineGroups(ordinary, options.FineBins);
        var minCount = (long)Math.Ceiling(options.MinBinShare * values.Length);
        var (groups, bestIv) = Optimal(fine, direction == RiskDirection.HigherIsRiskier ? BinShape.Ascending : BinShape.Descending, minCount, totalGoods, totalBads, options.ZeroCountSmoothing);
        if (options.PeakOrValleyMinGain is { } gain)
        {
            foreach (var shape in new[] { BinShape.Peak, BinShape.Valley })
            {
                var (g, iv) = Optimal(fine, shape, minCount, totalGoods, totalBads, options.ZeroCountSmoothing);
                if (iv > bestIv + gain) (groups, bestIv) = (g, iv);
            }
        }

        var bins = new List<BinStats>();
        for (var g = 0; g < groups.Count; g++)
        {
            double? lower = g == 0 ? null : groups[g].Min;
            double? upper = g == groups.Count - 1 ? null : groups[g + 1].Min;
            bins.Add(Stats(BinKind.Range, lower, upper, null, groups[g].Min, groups[g].Max, groups[g].Goods, groups[g].Bads, totalGoods, totalBads, options));
        }

        if (groups.Count == 0) // no ordinary values at all: one empty catch-all range bin
            bins.Add(new BinStats(BinKind.Range, null, null, null, null, null, 0, 0, 0, 0));
        var missing = Stats(BinKind.Missing, null, null, null, null, null, missingGoods, missingBads, totalGoods, totalBads, options);
        bins.Add(options.NeutralMissing ? missing with { Woe = 0, InformationValue = 0 } : missing);
        for (var s = 0; s < specialValues.Count; s++)
            bins.Add(Stats(BinKind.Special, null, null, specialValues[s], specialValues[s], specialValues[s], specialGoods[s], specialBads[s], totalGoods, totalBads, options));
        return new AttributeBinning(attributeId, direction, bins);
    }

    /// <summary>WoE and IV of one bin against the population totals (see <see cref="BinningOptions.ZeroCountSmoothing"/>).</summary>
    public static (double Woe, double Iv) WoeAndIv(long goods, long bads, long totalGoods, long totalBads, double smoothing)
    {
        if (goods + bads == 0) return (0, 0);
        double g = goods, b = bads;
        if (goods == 0 || bads == 0)
        {
            g += smoothing;
            b += smoothing;
        }

        var shareGood = g / totalGoods;
        var shareBad = b / totalBads;
        var woe = Math.Log(shareGood / shareBad);
        return (woe, (shareGood - shareBad) * woe);
    }

    private static BinStats Stats(BinKind kind, double? lower, double? upper, double? value, double? min, double? max, long goods, long bads, long totalGoods, long totalBads, BinningOptions options)
    {
        var (woe, iv) = WoeAndIv(goods, bads, totalGoods, totalBads, options.ZeroCountSmoothing);
        return new BinStats(kind, lower, upper, value, min, max, goods, bads, woe, iv);
    }

    private static int IndexOf(IReadOnlyList<double> specials, double v)
    {
        for (var s = 0; s < specials.Count; s++)
            if (specials[s] == v) return s;
        return -1;
    }

    private static List<Group> FineGroups(List<(double Value, bool Bad)> ordinary, int fineBins)
    {
        ordinary.Sort((a, b) => a.Value.CompareTo(b.Value));
        var groups = new List<Group>();
        if (ordinary.Count == 0) return groups;
        var target = Math.Max(1, ordinary.Count / Math.Max(1, fineBins));
        Group? current = null;
        for (var i = 0; i < ordinary.Count; i++)
        {
            var (v, bad) = ordinary[i];
            // Start a new bin only between distinct values, once the current one holds its quantile share.
            if (current is null || (current.Count >= target && v != ordinary[i - 1].Value))
            {
                current = new Group(v, v, 0, 0);
                groups.Add(current);
            }

            current.Max = v;
            if (bad) current.Bads++; else current.Goods++;
        }

        return groups;
    }

    /// <summary>
    /// The partition of the pre-bins into contiguous bins with the largest total IV such that every bin holds at least
    /// <paramref name="minCount"/> rows (a single bin is always allowed) and bad rates are strictly monotone in
    /// <paramref name="direction"/>. best[j][i] is the largest IV of pre-bins [0, j) whose last bin is [i, j); it extends
    /// the best feasible partition of [0, i) whose last bin's rate lies on the right side of the rate of [i, j).
    /// O(m³) for m pre-bins; ties keep the earlier (fewer, wider) choice, so the result is deterministic.
    /// </summary>


    /// <summary>
    /// The partition of the pre-bins into contiguous bins with the largest total IV such that every bin holds at least
    /// <paramref name="minCount"/> rows (a single bin is always allowed) and the bad rates follow <paramref name="shape"/>:
    /// strictly up (ascending), strictly down (descending), up then down (peak) or down then up (valley).
    /// best[p][j][i] is the largest IV of pre-bins [0, j) whose last bin is [i, j) in phase p (0 before the turn, 1 after
    /// it); it extends the best feasible partition of [0, i) whose last bin's rate lies on the side of the rate of [i, j)
    /// that phase p demands. O(m³) for m pre-bins; ties keep the earlier (fewer, wider) choice, so the result is
    /// deterministic.
    /// </summary>
    private static (List<Group> Groups, double Iv) Optimal(List<Group> fine, BinShape shape, long minCount, long totalGoods, long totalBads, double smoothing)
    {
        var m = fine.Count;
        if (m == 0) return (fine, 0);
        var goods = new long[m + 1];
        var bads = new long[m + 1];
        for (var k = 0; k < m; k++)
        {
            goods[k + 1] = goods[k] + fine[k].Goods;
            bads[k + 1] = bads[k] + fine[k].Bads;
        }

        long Count(int i, int j) => goods[j] - goods[i] + bads[j] - bads[i];
        double Rate(int i, int j) => (double)(bads[j] - bads[i]) / Count(i, j);
        double Iv(int i, int j) => WoeAndIv(goods[j] - goods[i], bads[j] - bads[i], totalGoods, totalBads, smoothing).Iv;
        var phases = shape is BinShape.Peak or BinShape.Valley ? 2 : 1;
        // Whether the rate may go from left to right in phase p.
        bool InOrder(int p, double left, double right) => (shape, p) switch
        {
            (BinShape.Ascending, _) or (BinShape.Peak, 0) or (BinShape.Valley, 1) => left < right,
            _ => left > right,
        };

        var best = new double[phases, m + 1, m + 1];
        var parent = new (int K, int P)[phases, m + 1, m + 1];
        for (var j = 1; j <= m; j++)
        {
            for (var i = 0; i < j; i++)
            {
                for (var p = 0; p < phases; p++)
                {
                    best[p, j, i] = double.NegativeInfinity;
                    parent[p, j, i] = (-1, -1);
                }

                var whole = i == 0 && j == m;
                if (Count(i, j) < minCount && !whole) continue;
                if (i == 0)
                {
                    best[0, j, i] = Iv(0, j);
                    continue;
                }

                var rate = Rate(i, j);
                var iv = Iv(i, j);
                for (var p = 0; p < phases; p++)
                {
                    for (var q = 0; q <= p; q++)
                    {
                        for (var k = 0; k < i; k++)
                        {
                            if (double.IsNegativeInfinity(best[q, i, k]) || !InOrder(p, Rate(k, i), rate)) continue;
                            var total = best[q, i, k] + iv;
                            if (total > best[p, j, i] + 1e-12)
                            {
                                best[p, j, i] = total;
                                parent[p, j, i] = (k, q);
                            }
                        }
                    }
                }
            }
        }

        var (last, lastPhase) = (0, 0);
        for (var p = 0; p < phases; p++)
            for (var i = 0; i < m; i++)
                if (best[p, m, i] > best[lastPhase, m, last] + 1e-12) (last, lastPhase) = (i, p);

        var totalIv = best[lastPhase, m, last];
        var cuts = new List<(int From, int To)>();
        for (int j = m, i = last, p = lastPhase; ; )
        {
            cuts.Add((i, j));
            if (i == 0) break;
            var (k, q) = parent[p, j, i];
            (j, i, p) = (i, k, q);
        }

        cuts.Reverse();
        var groups = new List<Group>(cuts.Count);
        foreach (var (from, to) in cuts)
        {
            var g = new Group(fine[from].Min, fine[to - 1].Max, 0, 0);
            for (var k = from; k < to; k++) g.Absorb(fine[k]);
            groups.Add(g);
        }

        return (groups, totalIv);
    }
}
