namespace CreditAlt.Modeling.Evaluation;

/// <summary>Percentile bootstrap intervals of AUC, Gini and KS, with how they were drawn.</summary>
public sealed record BootstrapIntervals(int Resamples, int Seed, Interval Auc, Interval Gini, Interval Ks);

/// <summary>
/// Stratified percentile bootstrap of AUC and KS (as pROC's <c>ci.auc(method = "bootstrap")</c>): each resample
/// draws the bads with replacement from the bads and the goods from the goods, so every resample keeps the
/// sample's bad count and both figures are always defined. The interval is the 2.5th and 97.5th percentile of
/// the resampled figures (linear interpolation between order statistics, R's quantile type 7). Seeded:
/// <see cref="System.Random"/> with a seed gives the same stream on every run and platform of .NET.
/// Each resample costs one pass over the applicants sorted once by score (the resample is a count per
/// applicant), so 1,000 resamples of 60,000 applicants take well under a second.
/// </summary>
public static class Bootstrap
{
    /// <value>Resamples when nobody says otherwise: 1,000 (the percentile interval's ends move by about 0.001 AUC between seeds at 60,000 applicants).</value>
    public const int DefaultResamples = 1000;

    /// <summary>Intervals for a risk score (larger = riskier); null when either class is empty.</summary>
    public static BootstrapIntervals? Intervals(ReadOnlySpan<double> risk, ReadOnlySpan<bool> bad, int resamples = DefaultResamples, int seed = 7)
    {
        var draws = Draw(risk, bad, resamples, seed);
        if (draws is null) return null;
        var (auc, ks) = draws.Value;
        var aucInterval = Percentiles(auc);
        return new BootstrapIntervals(resamples, seed, aucInterval, new Interval(2 * aucInterval.Low - 1, 2 * aucInterval.High - 1), Percentiles(ks));
    }

    /// <summary>The resampled AUC and KS values, in draw order (for tests and charts).</summary>
    public static (double[] Auc, double[] Ks)? Draw(ReadOnlySpan<double> risk, ReadOnlySpan<bool> bad, int resamples, int seed)
    {
        if (risk.Length != bad.Length) throw new ArgumentException($"Got {risk.Length} scores but {bad.Length} outcomes.");
        if (resamples < 1) throw new ArgumentOutOfRangeException(nameof(resamples), "At least one resample is needed.");
        var n = risk.Length;
        var keys = risk.ToArray();
        var order = new int[n];
        for (var i = 0; i < n; i++) order[i] = i;
        Array.Sort(keys, order);

        // Position in sorted order, class, and the start of each run of tied scores.
        var isBad = new bool[n];
        var groupStart = new List<int>();
        for (var p = 0; p < n; p++)
        {
            isBad[p] = bad[order[p]];
            if (p == 0 || keys[p] != keys[p - 1]) groupStart.Add(p);
        }

        groupStart.Add(n);
        var badPositions = Enumerable.Range(0, n).Where(p => isBad[p]).ToArray();
        var goodPositions = Enumerable.Range(0, n).Where(p => !isBad[p]).ToArray();
        if (badPositions.Length == 0 || goodPositions.Length == 0) return null;

        var random = new Random(seed);
        var weight = new int[n];
        var aucs = new double[resamples];
        var kss = new double[resamples];
        double m = badPositions.Length, g = goodPositions.Length;
        for (var r = 0; r < resamples; r++)
        {
            Array.Clear(weight);
            for (var k = 0; k < badPositions.Length; k++) weight[badPositions[random.Next(badPositions.Length)]]++;
            for (var k = 0; k < goodPositions.Length; k++) weight[goodPositions[random.Next(goodPositions.Length)]]++;
            double goodsBelow = 0, pairs = 0, badsBelow = 0, ks = 0;
            for (var t = 0; t + 1 < groupStart.Count; t++)
            {
                double wb = 0, wg = 0;
                for (var p = groupStart[t]; p < groupStart[t + 1]; p++)
                    if (isBad[p]) wb += weight[p]; else wg += weight[p];
                pairs += wb * (goodsBelow + 0.5 * wg);
                goodsBelow += wg;
                badsBelow += wb;
                var gap = Math.Abs(badsBelow / m - goodsBelow / g);
                if (gap > ks) ks = gap;
            }

            aucs[r] = pairs / (m * g);
            kss[r] = ks;
        }

        return (aucs, kss);
    }

    /// <summary>The 2.5th and 97.5th percentiles (R type 7).</summary>
    public static Interval Percentiles(double[] values) => new(Quantile(values, 0.025), Quantile(values, 0.975));

    /// <summary>R's default quantile (type 7): h = (n − 1)·p, linear between the order statistics ⌊h⌋ and ⌊h⌋ + 1.</summary>
    public static double Quantile(double[] values, double p)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        var h = (sorted.Length - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
