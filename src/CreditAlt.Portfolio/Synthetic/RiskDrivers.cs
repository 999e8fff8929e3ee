using CreditAlt.Core.Applications;
using CreditAlt.Core.Attributes;

namespace CreditAlt.Portfolio.Synthetic;

/// <summary>
/// The quantities the synthetic true default probability is a function of (docs/synthetic-data.md):
/// seven attributes of the catalogue, computed from the application record by
/// <see cref="AttributeCalculator"/>. Nothing latent enters <see cref="TruePd"/>, so a model that sees
/// the attributes can in principle reach the oracle. NaN means missing, as in the catalogue.
/// </summary>
public sealed record RiskDrivers(
    double Late30Count12m,
    double Late90Count24m,
    double PartialShare12m,
    double NsfCount12m,
    double ObligationBurden,
    double NegativeMonths12m,
    double LowestBalance6m)
{
    /// <summary>The intercept puts the portfolio default rate near 10 %.</summary>
    public const double Intercept = -4.33;

    public static RiskDrivers From(Application application)
    {
        Span<double> v = stackalloc double[AttributeIndex.Count];
        AttributeCalculator.Compute(application, v);
        return new RiskDrivers(
            v[AttributeIndex.AllLate30Count12m],
            v[AttributeIndex.AllLate90Count24m],
            v[AttributeIndex.AllPartialShare12m],
            v[AttributeIndex.CashFlowNsfCount12m],
            v[AttributeIndex.CashFlowObligationBurden],
            v[AttributeIndex.CashFlowNegativeMonths12m],
            v[AttributeIndex.CashFlowLowestBalance6m]);
    }

    /// <summary>
    /// The logit of the true default probability: a sum of one term per driver, each monotone in the
    /// natural direction (more lates, partial payments, NSF items, negative months and burden, and a
    /// lower balance, all raise it). A missing driver contributes a constant near its portfolio average.
    /// </summary>
    public double Logit() =>
        Intercept
        + Term(Late30Count12m, v => 0.35 * v, 0)
        + Term(Late90Count24m, v => 0.30 * v, 0)
        + Term(PartialShare12m, v => 8.0 * v, 0)
        + Term(NsfCount12m, v => 0.12 * Math.Min(v, 15), 0.06)
        + Term(ObligationBurden, v => 2.2 * Math.Clamp(v - 0.2, 0, 1), 0.25)
        + Term(NegativeMonths12m, v => 0.08 * v, 0.35)
        + Term(LowestBalance6m, v => 0.35 * Math.Clamp(-v / 500, 0, 3), 0.04);

    public double TruePd => 1 / (1 + Math.Exp(-Logit()));

    private static double Term(double value, Func<double, double> f, double whenMissing) =>
        double.IsNaN(value) ? whenMissing : f(value);
}
