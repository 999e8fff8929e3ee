namespace CreditAlt.Portfolio.Synthetic;

/// <summary>
/// What the synthetic true default probability is a function of (docs/synthetic-data.md, "Ground truth"): the
/// applicant's latent resilience, whether they are in a distress spell when they apply, the share of their true
/// income already committed to rent and childcare, and three shocks drawn for the 12-month performance window
/// after the application (an income loss, a new dependant, a rent rise), plus a downturn in the economy. None of
/// these is written to the portfolio files and no attribute is computed here: a model that sees the application
/// sees the latent state only through the payments and cash flow it produced, and the shocks not at all, so the
/// attainable AUC lies below the oracle's.
/// </summary>
public sealed record LatentRisk(
    double Resilience,
    bool DistressAtApplication,
    double CommittedShareOfIncome,
    bool IncomeLoss,
    bool NewDependant,
    bool RentRise,
    bool Downturn)
{
    /// <summary>Puts the default rate of a single-vintage portfolio near 10 % (docs/synthetic-data.md, "Magnitudes").</summary>
    public const double Intercept = -2.97;

    /// <summary>
    /// The logit of the true default probability: −0.9 per standard deviation of resilience, +1.0 in a distress spell,
    /// +2.5 per unit of committed share above 35 % (capped at 100 %), +1.6 for an income loss, +0.5 for a new
    /// dependant, +0.6 for a rent rise and +0.3 in a downturn.
    /// </summary>
    public double Logit() =>
        Intercept
        - 0.9 * Resilience
        + (DistressAtApplication ? 1.0 : 0)
        + 2.5 * Math.Clamp(CommittedShareOfIncome - 0.35, 0, 0.65)
        + (IncomeLoss ? 1.6 : 0)
        + (NewDependant ? 0.5 : 0)
        + (RentRise ? 0.6 : 0)
        + (Downturn ? 0.3 : 0);

    public double TruePd => 1 / (1 + Math.Exp(-Logit()));
}
