namespace CreditAlt.Fairness.Statistics;

/// <summary>The ratio of two proportions with its 95 % interval.</summary>
public static class RiskRatio
{
    /// <summary>
    /// Katz log interval for (a / n1) ÷ (c / n2): exp(log RR ± z·√(1/a − 1/n1 + 1/c − 1/n2)). Counts may be
    /// fractional (proxies). When a or c is 0 the log is undefined; 0.5 is then added to every cell (Haldane), so the
    /// interval stays finite and the point estimate is still the plain ratio.
    /// </summary>
    public static Interval Katz(double a, double n1, double c, double n2, double z = Normal.Z975)
    {
        if (n1 <= 0 || n2 <= 0)
        {
            return new Interval(double.NaN, double.NaN);
        }

        double ratio = a / n1 / (c / n2);
        if (a <= 0 || c <= 0)
        {
            (a, n1, c, n2) = (a + 0.5, n1 + 1.0, c + 0.5, n2 + 1.0);
            ratio = a / n1 / (c / n2);
        }

        double se = Math.Sqrt(Math.Max(0.0, 1.0 / a - 1.0 / n1 + 1.0 / c - 1.0 / n2));
        double log = Math.Log(ratio);
        return new Interval(Math.Exp(log - z * se), Math.Exp(log + z * se));
    }
}

/// <summary>Adjustments of p-values for running many tests at once.</summary>
public static class MultipleTesting
{
    /// <summary>
    /// Holm–Bonferroni adjusted p-values (as R's <c>p.adjust(method = "holm")</c>): sorted ascending, the i-th
    /// (from 0) is multiplied by m − i, made non-decreasing, capped at 1. NaN entries are left out and stay NaN.
    /// </summary>
    public static double[] Holm(IReadOnlyList<double> p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var idx = Enumerable.Range(0, p.Count).Where(i => !double.IsNaN(p[i])).OrderBy(i => p[i]).ThenBy(i => i).ToArray();
        var adjusted = Enumerable.Repeat(double.NaN, p.Count).ToArray();
        int m = idx.Length;
        double running = 0.0;
        for (int k = 0; k < m; k++)
        {
            running = Math.Max(running, Math.Min(1.0, (m - k) * p[idx[k]]));
            adjusted[idx[k]] = running;
        }

        return adjusted;
    }

    /// <summary>
    /// Benjamini–Hochberg q-values (R's <c>p.adjust(method = "BH")</c>): sorted descending, p·m / rank, made
    /// non-increasing from the largest down, capped at 1. NaN entries stay NaN.
    /// </summary>
    public static double[] BenjaminiHochberg(IReadOnlyList<double> p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var idx = Enumerable.Range(0, p.Count).Where(i => !double.IsNaN(p[i])).OrderByDescending(i => p[i]).ThenByDescending(i => i).ToArray();
        var adjusted = Enumerable.Repeat(double.NaN, p.Count).ToArray();
        int m = idx.Length;
        double running = 1.0;
        for (int k = 0; k < m; k++)
        {
            int rank = m - k;
            running = Math.Min(running, Math.Min(1.0, p[idx[k]] * m / rank));
            adjusted[idx[k]] = running;
        }

        return adjusted;
    }
}
