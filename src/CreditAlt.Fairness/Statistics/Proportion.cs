namespace CreditAlt.Fairness.Statistics;

/// <summary>A two-sided interval [Low, High].</summary>
public readonly record struct Interval(double Low, double High);

/// <summary>Intervals for one proportion and for the difference of two.</summary>
public static class Proportion
{
    /// <summary>
    /// Wilson score 95 % interval for <paramref name="successes"/> out of <paramref name="n"/>.
    /// Both may be fractional (expected counts from proxies). Returns (NaN, NaN) when n is 0.
    /// </summary>
    public static Interval Wilson(double successes, double n, double z = Normal.Z975)
    {
        if (n <= 0)
        {
            return new Interval(double.NaN, double.NaN);
        }

        double p = successes / n;
        double z2 = z * z;
        double denominator = 1.0 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denominator;
        double half = z / denominator * Math.Sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n));
        return new Interval(Math.Max(0.0, centre - half), Math.Min(1.0, centre + half));
    }

    /// <summary>
    /// Newcombe's hybrid score 95 % interval (method 10, 1998) for p1 − p2, built from the two Wilson intervals.
    /// </summary>
    public static Interval NewcombeDifference(double x1, double n1, double x2, double n2, double z = Normal.Z975)
    {
        if (n1 <= 0 || n2 <= 0)
        {
            return new Interval(double.NaN, double.NaN);
        }

        double p1 = x1 / n1;
        double p2 = x2 / n2;
        var w1 = Wilson(x1, n1, z);
        var w2 = Wilson(x2, n2, z);
        double d = p1 - p2;
        double low = d - Math.Sqrt((p1 - w1.Low) * (p1 - w1.Low) + (w2.High - p2) * (w2.High - p2));
        double high = d + Math.Sqrt((w1.High - p1) * (w1.High - p1) + (p2 - w2.Low) * (p2 - w2.Low));
        return new Interval(low, high);
    }
}
