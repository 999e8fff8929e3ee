namespace CreditAlt.Modeling.Evaluation;

/// <summary>An AUC with its DeLong standard error and the 95 % interval AUC ± 1.96·SE (clipped to [0, 1]).</summary>
public sealed record AucWithError(double Auc, double StandardError, Interval Interval);

/// <summary>
/// DeLong's test of two correlated AUCs on the same applicants: the difference A − B, its standard error,
/// z, two-sided p-value and 95 % interval of the difference.
/// </summary>
public sealed record DeLongComparison(string First, string Second, int Applicants, double AucFirst, double AucSecond, double Difference,
    double StandardError, double Z, double PValue, Interval DifferenceInterval);

/// <summary>
/// DeLong, DeLong and Clarke-Pearson (1988), "Comparing the areas under two or more correlated ROC curves: a
/// nonparametric approach", Biometrics 44:837–845. Each bad gets the placement V10 = share of goods it
/// outranks (a tie counts one half) and each good V01 = share of bads that outrank it; the AUC is the mean of
/// either, and its variance is var(V10)/m + var(V01)/n with m bads and n goods (sample variances). For two
/// scores the covariance of their placements gives the variance of the difference. Risk scores: larger = riskier.
/// </summary>
public static class DeLong
{
    /// <summary>The AUC of one risk score with its DeLong standard error; null when a class is empty or has one member.</summary>
    public static AucWithError? Auc(ReadOnlySpan<double> risk, ReadOnlySpan<bool> bad)
    {
        var p = Placements(risk, bad);
        if (p is null) return null;
        var se = Math.Sqrt(Variance(p.Value.V10) / p.Value.V10.Length + Variance(p.Value.V01) / p.Value.V01.Length);
        return new AucWithError(p.Value.Auc, se, new Interval(Math.Max(0, p.Value.Auc - StandardNormal.Z975 * se),
            Math.Min(1, p.Value.Auc + StandardNormal.Z975 * se)));
    }

    /// <summary>DeLong's paired test of <paramref name="first"/> against <paramref name="second"/>; null when a class has fewer than two members.</summary>
    public static DeLongComparison? Compare(string firstName, ReadOnlySpan<double> first, string secondName, ReadOnlySpan<double> second, ReadOnlySpan<bool> bad)
    {
        if (first.Length != second.Length || first.Length != bad.Length)
            throw new ArgumentException($"Got {first.Length} and {second.Length} scores for {bad.Length} outcomes.");
        var a = Placements(first, bad);
        var b = Placements(second, bad);
        if (a is null || b is null) return null;
        var (pa, pb) = (a.Value, b.Value);
        var m = pa.V10.Length;
        var n = pa.V01.Length;
        var variance = (Variance(pa.V10) + Variance(pb.V10) - 2 * Covariance(pa.V10, pb.V10)) / m
            + (Variance(pa.V01) + Variance(pb.V01) - 2 * Covariance(pa.V01, pb.V01)) / n;
        var difference = pa.Auc - pb.Auc;
        var se = Math.Sqrt(Math.Max(0, variance));
        // Identical scores: no difference and no variance; the test says nothing against equality.
        var z = se > 0 ? difference / se : 0;
        return new DeLongComparison(firstName, secondName, bad.Length, pa.Auc, pb.Auc, difference, se, z, StandardNormal.TwoSidedP(z),
            new Interval(difference - StandardNormal.Z975 * se, difference + StandardNormal.Z975 * se));
    }

    /// <summary>The structural components: V10 per bad, V01 per good (input order within each class), and the AUC.</summary>
    public static (double Auc, double[] V10, double[] V01)? Placements(ReadOnlySpan<double> risk, ReadOnlySpan<bool> bad)
    {
        if (risk.Length != bad.Length) throw new ArgumentException($"Got {risk.Length} scores but {bad.Length} outcomes.");
        var bads = new List<double>();
        var goods = new List<double>();
        for (var i = 0; i < risk.Length; i++)
        {
            if (double.IsNaN(risk[i])) throw new ArgumentException("Scores must not contain NaN.", nameof(risk));
            (bad[i] ? bads : goods).Add(risk[i]);
        }

        if (bads.Count < 2 || goods.Count < 2) return null;
        var sortedGoods = goods.ToArray();
        var sortedBads = bads.ToArray();
        Array.Sort(sortedGoods);
        Array.Sort(sortedBads);
        var v10 = new double[bads.Count];
        for (var i = 0; i < v10.Length; i++)
        {
            var (below, tied) = CountBelowAndEqual(sortedGoods, bads[i]);
            v10[i] = (below + 0.5 * tied) / goods.Count;
        }

        var v01 = new double[goods.Count];
        for (var j = 0; j < v01.Length; j++)
        {
            var (below, tied) = CountBelowAndEqual(sortedBads, goods[j]);
            v01[j] = (bads.Count - below - tied + 0.5 * tied) / bads.Count;
        }

        return (v10.Average(), v10, v01);
    }

    private static (int Below, int Equal) CountBelowAndEqual(double[] sorted, double x)
    {
        var below = LowerBound(sorted, x);
        var upTo = LowerBound(sorted, BitIncrement(x));
        return (below, upTo - below);
    }

    private static double BitIncrement(double x) => Math.BitIncrement(x);

    // First index whose value is ≥ x.
    private static int LowerBound(double[] sorted, double x)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < x) lo = mid + 1; else hi = mid;
        }

        return lo;
    }

    private static double Variance(double[] x) => Covariance(x, x);

    private static double Covariance(double[] x, double[] y)
    {
        double mx = x.Average(), my = y.Average(), sum = 0;
        for (var i = 0; i < x.Length; i++) sum += (x[i] - mx) * (y[i] - my);
        return sum / (x.Length - 1);
    }
}
