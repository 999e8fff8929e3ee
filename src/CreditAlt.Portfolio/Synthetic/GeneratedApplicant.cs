using CreditAlt.Core.Applications;
using CreditAlt.Demographics;
using CreditAlt.Portfolio.Audit;

namespace CreditAlt.Portfolio.Synthetic;

/// <summary>One synthetic applicant: the application a lender would see, plus the audit-only facts kept apart from it.</summary>
public sealed record GeneratedApplicant(Application Application, DemographicRecord Demographics, OutcomeRecord Outcome);
