namespace CreditAlt.Portfolio.Audit;

/// <summary>
/// One row of outcomes.csv: whether the applicant defaulted within 12 months, the probability the
/// synthetic generator drew that from (NaN when unknown, i.e. real data), and the debt-based bureau
/// score (null for a credit-invisible applicant).
/// </summary>
public sealed record OutcomeRecord(string ApplicationId, bool Defaulted, double TruePd, int? BureauScore);
