namespace CreditAlt.Modeling.Evaluation;

/// <summary>
/// Discrimination and calibration figures shared by every model. Scores passed to
/// <see cref="Auc"/> and <see cref="Ks"/> are risk scores: a larger value means a more likely bad.
/// A credit score (larger is better) must be negated first.
/// </summary>
public static class Metrics
{
    /// <summary>
    /// Area under the ROC curve from the Mann-Whitney rank statistic: the probability that a random
    /// bad outranks a random good, counting a tie as one half (mid-ranks). NaN when either class is empty.
    /// </summary>
    public static double Auc(ReadOnlySpan<double> riskScores, ReadOnlySpan<bool> isBad)
    {
        CheckLengths(riskScores.Length, isBad.Length);
        var n = riskScores.Length;
        var order = SortedOrder(riskScores);
        long bads = 0;
        for (var i = 0; i < n; i++) if (isBad[i]) bads++;
        long goods = n - bads;
        if (bads == 0 || goods == 0) return double.NaN;

        // Sum of mid-ranks of the bads over each run of tied scores.
        double rankSumBad = 0;
        var start = 0;
        while (start < n)
        {
            var end = start + 1;
            while (end < n && riskScores[order[end]] == riskScores[order[start]]) end++;
            var midRank = (start + 1 + end) / 2.0; // ranks start..end-1 are 1-based start+1..end
            long badsInRun = 0;
            for (var k = start; k < end; k++) if (isBad[order[k]]) badsInRun++;
            rankSumBad += midRank * badsInRun;
            start = end;
        }

        var u = rankSumBad - bads * (bads + 1) / 2.0;
        return u / ((double)bads * goods);
    }

    /// <summary>Gini coefficient (accuracy ratio) from an AUC: 2·AUC − 1.</summary>
    public static double Gini(double auc) => 2 * auc - 1;

    /// <summary>
    /// Kolmogorov-Smirnov statistic: the largest gap between the cumulative share of bads and of goods,
    /// with thresholds only between distinct scores (tied scores move together). NaN when a class is empty.
    /// </summary>
    public static double Ks(ReadOnlySpan<double> riskScores, ReadOnlySpan<bool> isBad)
    {
        CheckLengths(riskScores.Length, isBad.Length);
        var n = riskScores.Length;
        var order = SortedOrder(riskScores);
        long bads = 0;
        for (var i = 0; i < n; i++) if (isBad[i]) bads++;
        long goods = n - bads;
        if (bads == 0 || goods == 0) return double.NaN;

        long cumBad = 0, cumGood = 0;
        double best = 0;
        var start = 0;
        while (start < n)
        {
            var end = start;
            while (end < n && riskScores[order[end]] == riskScores[order[start]])
            {
                if (isBad[order[end]]) cumBad++; else cumGood++;
                end++;
            }

            var gap = Math.Abs((double)cumBad / bads - (double)cumGood / goods);
            if (gap > best) best = gap;
            start = end;
        }

        return best;
    }

    /// <summary>Brier score: the mean squared difference between the predicted probability of bad and the outcome (1 = bad).</summary>
    public static double Brier(ReadOnlySpan<double> probabilityOfBad, ReadOnlySpan<bool> isBad)
    {
        CheckLengths(probabilityOfBad.Length, isBad.Length);
        if (probabilityOfBad.Length == 0) return double.NaN;
        double sum = 0;
        for (var i = 0; i < probabilityOfBad.Length; i++)
        {
            var d = probabilityOfBad[i] - (isBad[i] ? 1.0 : 0.0);
            sum += d * d;
        }

        return sum / probabilityOfBad.Length;
    }

    private static int[] SortedOrder(ReadOnlySpan<double> scores)
    {
        var keys = scores.ToArray();
        foreach (var k in keys)
            if (double.IsNaN(k)) throw new ArgumentException("Scores must not contain NaN.", nameof(scores));
        var order = new int[keys.Length];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(keys, order);
        return order;
    }

    private static void CheckLengths(int scores, int labels)
    {
        if (scores != labels) throw new ArgumentException($"Got {scores} scores but {labels} outcomes.");
    }
}
