namespace CreditAlt.Fairness.Statistics;

/// <summary>Which test produced a 2×2 p-value.</summary>
public enum TwoByTwoTest
{
    /// <summary>Fisher's exact test, two-sided.</summary>
    FisherExact,

    /// <summary>Pearson's chi-square test without continuity correction (only for very large tables).</summary>
    ChiSquare,
}

/// <summary>A two-sided p-value and the test that produced it.</summary>
public readonly record struct TestResult(double PValue, TwoByTwoTest Test);

/// <summary>
/// Tests of independence for a 2×2 table
/// <code>
///            favourable  unfavourable
///   group        a            b
///   reference    c            d
/// </code>
/// </summary>
public static class TwoByTwo
{
    /// <summary>
    /// Tables whose total exceeds this use Pearson's chi-square; below it Fisher's exact test is always used.
    /// At a million observations the two p-values agree to several digits and the exact sum is needlessly slow.
    /// </summary>
    public const long ChiSquareThreshold = 1_000_000;

    /// <summary>Fisher's exact test below <see cref="ChiSquareThreshold"/>, Pearson chi-square above it.</summary>
    public static TestResult Test(long a, long b, long c, long d)
    {
        long n = a + b + c + d;
        return n > ChiSquareThreshold
            ? new TestResult(PearsonChiSquareP(a, b, c, d), TwoByTwoTest.ChiSquare)
            : new TestResult(FisherExactP(a, b, c, d), TwoByTwoTest.FisherExact);
    }

    /// <summary>
    /// Two-sided Fisher exact p-value, defined as R's <c>fisher.test</c>: the sum of the hypergeometric
    /// probabilities of all tables with the same margins that are no more probable than the observed one
    /// (with R's relative tolerance 1e-7). Probabilities are handled in log space.
    /// </summary>
    public static double FisherExactP(long a, long b, long c, long d)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(a);
        ArgumentOutOfRangeException.ThrowIfNegative(b);
        ArgumentOutOfRangeException.ThrowIfNegative(c);
        ArgumentOutOfRangeException.ThrowIfNegative(d);

        // x = a follows a hypergeometric law: m = a + c favourable, n = b + d unfavourable, k = a + b drawn.
        long m = a + c;
        long n = b + d;
        long k = a + b;
        long lo = Math.Max(0, k - n);
        long hi = Math.Min(k, m);
        if (lo == hi)
        {
            return 1.0;
        }

        // log P(x) up to a constant, by the recurrence P(x+1)/P(x) = (m−x)(k−x) / ((x+1)(n−k+x+1)).
        int size = checked((int)(hi - lo + 1));
        var logP = new double[size];
        double max = 0.0;
        for (int i = 1; i < size; i++)
        {
            long x = lo + i - 1;
            logP[i] = logP[i - 1] + Math.Log((double)(m - x) * (k - x) / ((double)(x + 1) * (n - k + x + 1)));
            if (logP[i] > max)
            {
                max = logP[i];
            }
        }

        double total = 0.0;
        for (int i = 0; i < size; i++)
        {
            total += Math.Exp(logP[i] - max);
        }

        double observed = Math.Exp(logP[a - lo] - max);
        double bound = observed * (1.0 + 1e-7);
        double sum = 0.0;
        for (int i = 0; i < size; i++)
        {
            double p = Math.Exp(logP[i] - max);
            if (p <= bound)
            {
                sum += p;
            }
        }

        return Math.Min(1.0, sum / total);
    }

    /// <summary>Pearson's chi-square test (1 df, no continuity correction) for a 2×2 table.</summary>
    public static double PearsonChiSquareP(double a, double b, double c, double d)
    {
        double n = a + b + c + d;
        double r1 = a + b;
        double r2 = c + d;
        double c1 = a + c;
        double c2 = b + d;
        if (r1 <= 0 || r2 <= 0 || c1 <= 0 || c2 <= 0)
        {
            return 1.0;
        }

        double diff = a * d - b * c;
        double chi2 = n * diff / (r1 * r2) * diff / (c1 * c2);
        return Normal.ChiSquare1UpperTail(chi2);
    }
}
