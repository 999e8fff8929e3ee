namespace CreditAlt.Fairness.Statistics;

/// <summary>One stratum's 2×2 table: a, b = group favourable / unfavourable; c, d = reference favourable / unfavourable.</summary>
public readonly record struct Stratum(double A, double B, double C, double D);

/// <summary>Result of a Cochran–Mantel–Haenszel test.</summary>
/// <param name="ChiSquare">The statistic (1 df), with continuity correction.</param>
/// <param name="PValue">Upper-tail p-value of the statistic.</param>
/// <param name="CommonOddsRatio">Mantel–Haenszel estimate of the common odds ratio (group vs reference, favourable).</param>
/// <param name="StrataUsed">Strata with at least two observations, which are the ones that count.</param>
public sealed record CmhResult(double ChiSquare, double PValue, double CommonOddsRatio, int StrataUsed)
{
    /// <summary>Lower end of the 95 % interval of the common odds ratio (Robins–Breslow–Greenland variance).</summary>
    public double CommonOddsRatioCiLow { get; init; } = double.NaN;

    /// <summary>Upper end of the 95 % interval of the common odds ratio.</summary>
    public double CommonOddsRatioCiHigh { get; init; } = double.NaN;
}

/// <summary>Cochran–Mantel–Haenszel test of conditional independence across strata (segments).</summary>
public static class MantelHaenszel
{
    /// <summary>
    /// Computes the statistic as R's <c>mantelhaen.test(correct = TRUE)</c> for 2×2×K tables:
    /// (|Σ(a − E a)| − ½)² / Σ Var a, where the ½ is applied only when |Σ(a − E a)| ≥ ½.
    /// Strata with fewer than two observations carry no information and are skipped.
    /// </summary>
    public static CmhResult Test(IReadOnlyList<Stratum> strata)
    {
        double delta = 0.0;
        double variance = 0.0;
        double orNumerator = 0.0;
        double orDenominator = 0.0;
        int used = 0;
        // Robins–Breslow–Greenland (1986) sums for the variance of log OR_MH, as R's mantelhaen.test.
        double pr = 0.0, ps = 0.0, qs = 0.0;
        foreach (var s in strata)
        {
            double n = s.A + s.B + s.C + s.D;
            if (n < 2)
            {
                continue;
            }

            used++;
            double row1 = s.A + s.B;
            double row2 = s.C + s.D;
            double col1 = s.A + s.C;
            double col2 = s.B + s.D;
            delta += s.A - row1 * col1 / n;
            variance += row1 * row2 * col1 * col2 / (n * n * (n - 1.0));
            orNumerator += s.A * s.D / n;
            orDenominator += s.B * s.C / n;
            double p = (s.A + s.D) / n, q = (s.B + s.C) / n, r = s.A * s.D / n, t = s.B * s.C / n;
            pr += p * r;
            ps += p * t + q * r;
            qs += q * t;
        }

        double commonOr = orDenominator > 0 ? orNumerator / orDenominator : double.NaN;
        double low = double.NaN, high = double.NaN;
        if (orNumerator > 0 && orDenominator > 0)
        {
            double se = Math.Sqrt(pr / (2 * orNumerator * orNumerator) + ps / (2 * orNumerator * orDenominator) + qs / (2 * orDenominator * orDenominator));
            low = Math.Exp(Math.Log(commonOr) - Normal.Z975 * se);
            high = Math.Exp(Math.Log(commonOr) + Normal.Z975 * se);
        }

        if (variance <= 0)
        {
            return new CmhResult(double.NaN, double.NaN, commonOr, used) { CommonOddsRatioCiLow = low, CommonOddsRatioCiHigh = high };
        }

        double yates = Math.Abs(delta) >= 0.5 ? 0.5 : 0.0;
        double stat = (Math.Abs(delta) - yates) * (Math.Abs(delta) - yates) / variance;
        return new CmhResult(stat, Normal.ChiSquare1UpperTail(stat), commonOr, used) { CommonOddsRatioCiLow = low, CommonOddsRatioCiHigh = high };
    }
}
