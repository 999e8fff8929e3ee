using CreditAlt.Core.Attributes;
using CreditAlt.Core.Scoring;

namespace CreditAlt.Modeling.Binning;

/// <summary>
/// Monotone optimal binning of one attribute against a good/bad outcome. Ordinary values start in
/// quantile bins (cut only between distinct values); adjacent bins are pooled until the bad rate moves only in the
/// declared direction (pool-adjacent-violators, which keeps as many bins as monotonicity allows), then any bin
/// below the minimum share is merged into the neighbour with the closer bad rate. Missing values and each
/// special value get a bin of their own, whatever their size (an empty one has WoE 0: no evidence either way); the missing
/// bin is pinned at WoE 0 unless <see cref="BinningOptions.NeutralMissing"/> is turned off.
/// </summary>
public static class MonotoneBinner
{
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

        var groups = FineGroups(ordinary, options.FineBins);
        groups = PoolToMonotone(groups, direction);
        groups = MergeSmall(groups, (long)Math.Ceiling(options.MinBinShare * values.Length));

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

    private static bool Violates(Group left, Group right, RiskDirection direction) =>
        direction == RiskDirection.HigherIsRiskier ? left.Rate >= right.Rate : left.Rate <= right.Rate;

    private static List<Group> PoolToMonotone(List<Group> groups, RiskDirection direction)
    {
        var stack = new List<Group>();
        foreach (var g in groups)
        {
            stack.Add(new Group(g.Min, g.Max, g.Goods, g.Bads));
            while (stack.Count >= 2 && Violates(stack[^2], stack[^1], direction))
            {
                stack[^2].Absorb(stack[^1]);
                stack.RemoveAt(stack.Count - 1);
            }
        }

        return stack;
    }

    private static List<Group> MergeSmall(List<Group> groups, long minCount)
    {
        while (groups.Count > 1)
        {
            // The smallest bin first (earliest on ties), so merges are deterministic.
            var smallest = 0;
            for (var g = 1; g < groups.Count; g++)
                if (groups[g].Count < groups[smallest].Count) smallest = g;
            if (groups[smallest].Count >= minCount) break;
            int into;
            if (smallest == 0) into = 1;
            else if (smallest == groups.Count - 1) into = smallest - 1;
            else
            {
                var rate = groups[smallest].Rate;
                into = Math.Abs(groups[smallest - 1].Rate - rate) <= Math.Abs(groups[smallest + 1].Rate - rate) ? smallest - 1 : smallest + 1;
            }

            // Merging neighbours keeps the rates monotone: the pooled rate lies between the two.
            groups[into].Absorb(groups[smallest]);
            groups.RemoveAt(smallest);
        }

        return groups;
    }
}
