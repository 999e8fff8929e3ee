using CreditAlt.Core.Applications;
using CreditAlt.Demographics;
using CreditAlt.Portfolio.Audit;

namespace CreditAlt.Portfolio.Synthetic;

/// <summary>
/// One synthetic applicant: the application a lender would see, plus the audit-only facts kept apart from it, plus the
/// generator's hidden truth (<see cref="Latent"/>, never written) and the vintage the application belongs to (0 = oldest).
/// </summary>
public sealed record GeneratedApplicant(Application Application, DemographicRecord Demographics, OutcomeRecord Outcome)
{
    public LatentRisk? Latent { get; init; }

    public int Vintage { get; init; }
}
