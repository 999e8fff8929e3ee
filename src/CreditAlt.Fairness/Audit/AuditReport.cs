using CreditAlt.Fairness.Statistics;

namespace CreditAlt.Fairness.Audit;

/// <summary>The result of an audit: figures per attribute and group, and the controlled analysis.</summary>
public sealed record AuditReport(
    long RowCount,
    AuditOptions Options,
    IReadOnlyList<AttributeResult> Attributes,
    IReadOnlyList<ControlledAnalysis> Controlled,
    ScoreBins? Bins);

/// <summary>Figures for one attribute (or intersection).</summary>
/// <param name="Reference">The reference group's label; null when no group could serve (all too small).</param>
/// <param name="ReferenceNamed">Whether the user named the reference (otherwise the highest favourable rate).</param>
/// <param name="Cmh">Per non-reference group, the Cochran–Mantel–Haenszel test across segments.</param>
public sealed record AttributeResult(
    string Attribute,
    string? Reference,
    bool ReferenceNamed,
    bool IsProxy,
    bool IsIntersection,
    IReadOnlyList<GroupResult> Groups,
    IReadOnlyList<SegmentResult> Segments,
    IReadOnlyList<CmhGroupResult> Cmh);

/// <summary>Figures for one group.</summary>
/// <param name="Count">Applicants (expected count for proxies).</param>
/// <param name="EffectiveCount">Kish effective sample size (Σw)²/Σw², for information (intervals and tests use Count); equals Count for self-reported groups.</param>
/// <param name="Air">Adverse impact ratio: this group's favourable rate ÷ the reference's. Null when not judged.</param>
/// <param name="PValue">Two-sided test of equal rates against the reference. Null for the reference and unjudged groups.</param>
/// <param name="RateDifference">This group's rate minus the reference's, with the Newcombe hybrid score interval.</param>
public sealed record GroupResult(
    string Group,
    double Count,
    double EffectiveCount,
    double Favorable,
    double FavorableRate,
    double RateCiLow,
    double RateCiHigh,
    double? Air,
    double? PValue,
    TwoByTwoTest? Test,
    double? RateDifference,
    double? RateDifferenceCiLow,
    double? RateDifferenceCiHigh,
    bool FourFifthsFlag,
    bool TooSmall,
    bool IsMissing,
    bool IsReference,
    ScoreResult? Score,
    OutcomeResult? Outcome,
    IReadOnlyList<double> ScoreHistogram);

/// <summary>Score summary: weighted mean, standard deviation, and Cohen's d against the reference (pooled SD).</summary>
public sealed record ScoreResult(double Count, double Mean, double StdDev, double? StandardisedMeanDifference);

/// <summary>Outcome figures: TPR = share of good applicants approved, FPR = share of bad applicants approved.</summary>
public sealed record OutcomeResult(
    double Good,
    double Bad,
    double? TruePositiveRate,
    double? FalsePositiveRate,
    double? BadRateAmongApproved,
    IReadOnlyList<CalibrationBand> Calibration);

/// <summary>One score band for one group: observed bad rate against the band's pooled ("predicted") bad rate.</summary>
public sealed record CalibrationBand(int Band, double ScoreLow, double ScoreHigh, double Count, double Bad, double ObservedBadRate, double PredictedBadRate, double MeanScore);

/// <summary>One segment's favourable rates and AIRs against the attribute's reference group.</summary>
public sealed record SegmentResult(string Segment, IReadOnlyList<SegmentGroupResult> Groups);

/// <summary>A group within a segment.</summary>
public sealed record SegmentGroupResult(string Group, double Count, double Favorable, double? FavorableRate, double? Air, bool TooSmall);

/// <summary>CMH test of one group against the reference across segments.</summary>
public sealed record CmhGroupResult(string Group, double ChiSquare, double PValue, double CommonOddsRatio, int Strata);

/// <summary>The controlled logistic regression for one attribute.</summary>
/// <param name="Terms">All coefficients (intercept, groups, controls), for the record.</param>
public sealed record ControlledAnalysis(
    string Attribute,
    string Reference,
    long RowsUsed,
    int Iterations,
    bool Converged,
    IReadOnlyList<ControlledTerm> Groups,
    IReadOnlyList<ControlledTerm> Terms);

/// <summary>
/// One coefficient of the regression of the adverse outcome: log-odds against the base, its standard error,
/// odds ratio with 95 % Wald interval and Wald p-value.
/// </summary>
public sealed record ControlledTerm(string Attribute, string Term, double Coefficient, double StdError, double OddsRatio, double OddsRatioCiLow, double OddsRatioCiHigh, double PValue);
