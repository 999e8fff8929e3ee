namespace CreditAlt.Modeling.Evaluation;

/// <summary>A two-sided interval [Low, High] (95 % unless said otherwise).</summary>
public sealed record Interval(double Low, double High)
{
    public bool Contains(double value) => value >= Low && value <= High;
}

/// <summary>Standard normal tail probabilities (double precision) and the Wilson interval of a proportion.</summary>
public static class StandardNormal
{
    /// <summary>The 97.5th percentile: the z of a two-sided 95 % interval.</summary>
    public const double Z975 = 1.959963984540054;

    private const double InvSqrtPi = 0.56418958354775628695;

    /// <summary>Two-sided p-value of a standard normal statistic: P(|Z| ≥ |z|).</summary>
    public static double TwoSidedP(double z) => Erfc(Math.Abs(z) / Math.Sqrt(2.0));

    /// <summary>
    /// Complementary error function: the power series of erf below 0.8 (all terms positive), a continued
    /// fraction evaluated by the modified Lentz method above, so the result keeps full relative precision in the tail.
    /// </summary>
    public static double Erfc(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        if (x < 0) return 2.0 - Erfc(-x);
        if (x > 27.3) return 0.0;
        if (x < 0.8)
        {
            double term = x, sum = x, x2 = x * x;
            for (var n = 1; n < 200 && term >= sum * 1e-17; n++)
            {
                term *= 2.0 * x2 / (2 * n + 1);
                sum += term;
            }

            return 1.0 - 2.0 * InvSqrtPi * Math.Exp(-x2) * sum;
        }

        const double tiny = 1e-300;
        double f = x, c = x, d = 0.0;
        for (var k = 1; k < 2000; k++)
        {
            var a = k / 2.0;
            d = x + a * d;
            if (Math.Abs(d) < tiny) d = tiny;
            c = x + a / c;
            if (Math.Abs(c) < tiny) c = tiny;
            d = 1.0 / d;
            var delta = c * d;
            f *= delta;
            if (Math.Abs(delta - 1.0) < 1e-16) break;
        }

        return Math.Exp(-x * x) * InvSqrtPi / f;
    }

    /// <summary>Wilson score 95 % interval of <paramref name="successes"/> out of <paramref name="n"/>; null when n is 0.</summary>
    public static Interval? Wilson(double successes, double n, double z = Z975)
    {
        if (n <= 0) return null;
        var p = successes / n;
        var z2 = z * z;
        var denominator = 1.0 + z2 / n;
        var centre = (p + z2 / (2.0 * n)) / denominator;
        var half = z / denominator * Math.Sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n));
        return new Interval(Math.Max(0.0, centre - half), Math.Min(1.0, centre + half));
    }
}
