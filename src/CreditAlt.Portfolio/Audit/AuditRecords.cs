namespace CreditAlt.Portfolio.Audit;

/// <summary>
/// One row of outcomes.csv: whether the applicant defaulted within 12 months, the probability the
/// synthetic generator drew that from (NaN when unknown, i.e. real data), the debt-based bureau
/// score (null for a credit-invisible or unscorable applicant), and whether a lender would have observed
/// the outcome (the historical policy approved the application; for synthetic data the outcome of the
/// others is the generator's truth, for evaluation only).
/// </summary>
public sealed record OutcomeRecord(string ApplicationId, bool Defaulted, double TruePd, int? BureauScore, bool Observed = true);
