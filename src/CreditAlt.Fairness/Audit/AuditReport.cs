using CreditAlt.Fairness.Statistics;

namespace CreditAlt.Fairness.Audit;

/// <summary>The result of an audit: figures per attribute and group, and the controlled analysis.</summary>
public sealed record AuditReport(
    long RowCount,
    AuditOptions Options,
    IReadOnlyList<AttributeResult> Attributes,
    IReadOnlyList<ControlledAnalysis> Controlled,
    ScoreBins? Bins)
{
    /// <summary>Override rates by group, when final decisions were audited (<c>creditalt audit --db … --decision final</c>).</summary>
    public OverrideRates? Overrides { get; init; }
    /// <summary>Drivers and proxies of the model's attributes, when the audit was given the model and its applicants.</summary>
    public Drivers.DriverReport? Drivers { get; init; }
}

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
    IReadOnlyList<CmhGroupResult> Cmh)
{
    /// <summary>How the reference was chosen: "control" (configured or default control group), "named" (--reference-group) or "highest-rate".</summary>
    public string ReferenceRule { get; init; } = "highest-rate";

    /// <summary>Labels pooled into the control group (one label when the control is a single group).</summary>
    public IReadOnlyList<string> ControlMembers { get; init; } = [];

    /// <summary>Similarly situated: approval by band of model-predicted risk (deciles of score), per group, with a CMH test per group.</summary>
    public RiskBandAnalysis? ByPredictedRisk { get; init; }

    /// <summary>Similarly situated by band of a true probability of default (--truth-column), when given.</summary>
    public RiskBandAnalysis? ByTrueRisk { get; init; }
}

/// <summary>Approval per group within bands of risk, and the CMH test of each judged group against the control across bands.</summary>
/// <param name="Bands">Band labels (score or PD ranges), lowest risk last for scores.</param>
/// <param name="Groups">Per group (same order as the attribute's groups), per band: count, approved, rate or null when suppressed.</param>
public sealed record RiskBandAnalysis(string Basis, IReadOnlyList<string> Bands, IReadOnlyList<RiskBandGroup> Groups, IReadOnlyList<CmhGroupResult> Cmh);

/// <summary>One group's approvals per risk band.</summary>
public sealed record RiskBandGroup(string Group, bool IsReference, IReadOnlyList<double> Count, IReadOnlyList<double> Favorable, IReadOnlyList<double?> Rate);

/// <summary>Count and rate of one decision value in a group, with its Wilson interval.</summary>
public sealed record DecisionRate(string Value, double Count, double Rate, double CiLow, double CiHigh);

/// <summary>
/// One comparison of a group with its control group on one outcome: the ratio of rates with its Katz interval, the
/// two-sided test, the Holm-adjusted p-value and BH q-value across every comparison of the report, and the flag.
/// </summary>
/// <param name="Outcome">"approve" (the AIR), "adverse" (decline or insufficient data) or "refer".</param>
/// <param name="Ratio">The group's rate ÷ the control group's.</param>
/// <param name="Practical">Practically significant: AIR below four-fifths (or SMD beyond its threshold), or an adverse/refer ratio above 1.25.</param>
/// <param name="Flagged">Practically significant and Holm-adjusted p below alpha.</param>
public sealed record Comparison(
    string Outcome,
    double Rate,
    double ReferenceRate,
    double Ratio,
    double RatioCiLow,
    double RatioCiHigh,
    double PValue,
    TwoByTwoTest Test,
    double PValueHolm,
    double QValueBh,
    bool Practical,
    bool Flagged);

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
    IReadOnlyList<double> ScoreHistogram)
{
    /// <summary>95 % Katz interval of the AIR; null when the AIR is not judged.</summary>
    public double? AirCiLow { get; init; }

    /// <summary>Upper end of the AIR interval.</summary>
    public double? AirCiHigh { get; init; }

    /// <summary>Holm-adjusted p-value of the approval comparison.</summary>
    public double? PValueHolm { get; init; }

    /// <summary>Benjamini–Hochberg q-value of the approval comparison.</summary>
    public double? QValueBh { get; init; }

    /// <summary>Flagged: some comparison of this group is practically significant and significant after the Holm adjustment.</summary>
    public bool Flagged { get; init; }

    /// <summary>Compared with the control group and counted in the multiple-testing family (not control, not missing, large enough, protected).</summary>
    public bool Judged { get; init; }

    /// <summary>Part of a pooled control group (compared for information, never judged).</summary>
    public bool InControl { get; init; }

    /// <summary>The pooled control group's own row (sum of its members).</summary>
    public bool IsPooledControl { get; init; }

    /// <summary>Fewer applicants than the minimum group size: counts are shown as "&lt; N" and no rate is printed.</summary>
    public bool Suppressed { get; init; }

    /// <summary>An age band that straddles 62 (e.g. 55-64): compared with the control group, noted in the report.</summary>
    public bool StraddlesAge62 { get; init; }

    /// <summary>Count and rate of each decision value (approve, refer, decline, insufficient_data, …).</summary>
    public IReadOnlyList<DecisionRate> Decisions { get; init; } = [];

    /// <summary>Comparisons with the control group: approval (AIR), adverse outcome, referral.</summary>
    public IReadOnlyList<Comparison> Comparisons { get; init; } = [];
}

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

/// <summary>
/// One score band for one group: the observed bad rate (with its Wilson interval) against the band's pooled bad rate
/// and, when a PD column was given, the model's mean predicted PD.
/// </summary>
/// <param name="PredictedBadRate">The pooled observed bad rate of the band over all groups (not a model prediction).</param>
public sealed record CalibrationBand(int Band, double ScoreLow, double ScoreHigh, double Count, double Bad, double ObservedBadRate, double PredictedBadRate, double MeanScore)
{
    /// <summary>Mean of the model's predicted PD over the band's applicants in this group; null without a PD column.</summary>
    public double? MeanPredictedPd { get; init; }

    /// <summary>95 % Wilson interval of the observed bad rate.</summary>
    public double ObservedCiLow { get; init; } = double.NaN;

    /// <summary>Upper end of the observed bad rate's interval.</summary>
    public double ObservedCiHigh { get; init; } = double.NaN;

    /// <summary>At least the minimum group size: judged; smaller cells are suppressed.</summary>
    public bool Judged { get; init; } = true;
}

/// <summary>One segment's favourable rates and AIRs against the attribute's reference group.</summary>
public sealed record SegmentResult(string Segment, IReadOnlyList<SegmentGroupResult> Groups);

/// <summary>A group within a segment.</summary>
public sealed record SegmentGroupResult(string Group, double Count, double Favorable, double? FavorableRate, double? Air, bool TooSmall);

/// <summary>CMH test of one group against the reference across segments.</summary>
public sealed record CmhGroupResult(string Group, double ChiSquare, double PValue, double CommonOddsRatio, int Strata)
{
    /// <summary>95 % interval of the common odds ratio (Robins–Breslow–Greenland).</summary>
    public double CommonOddsRatioCiLow { get; init; } = double.NaN;

    /// <summary>Upper end of the common odds ratio's interval.</summary>
    public double CommonOddsRatioCiHigh { get; init; } = double.NaN;
}

/// <summary>The controlled logistic regression for one attribute.</summary>
/// <param name="Terms">All coefficients (intercept, groups, controls), for the record.</param>
public sealed record ControlledAnalysis(
    string Attribute,
    string Reference,
    long RowsUsed,
    int Iterations,
    bool Converged,
    IReadOnlyList<ControlledTerm> Groups,
    IReadOnlyList<ControlledTerm> Terms)
{
    /// <summary>Rows audited (RowsUsed equals it: no row is dropped for a missing control).</summary>
    public long RowsAudited { get; init; }

    /// <summary>How each control entered: numeric per standard deviation (with the SD), missing indicator and fill, text levels.</summary>
    public IReadOnlyList<string> ControlNotes { get; init; } = [];
}

/// <summary>
/// One coefficient of the regression of the adverse outcome: log-odds against the base, its standard error,
/// odds ratio with 95 % Wald interval and Wald p-value.
/// </summary>
public sealed record ControlledTerm(string Attribute, string Term, double Coefficient, double StdError, double OddsRatio, double OddsRatioCiLow, double OddsRatioCiHigh, double PValue)
{
    /// <summary>
    /// Average marginal effect on the probability of the favourable decision of being in this group rather than the
    /// reference (mean over every applicant of P(fav | group) − P(fav | reference)); null for non-group terms.
    /// </summary>
    public double? MarginalEffect { get; init; }

    /// <summary>Delta-method standard error of <see cref="MarginalEffect"/>.</summary>
    public double? MarginalEffectStdError { get; init; }

    /// <summary>95 % interval of the marginal effect (± 1.96 standard errors).</summary>
    public double? MarginalEffectCiLow { get; init; }

    /// <summary>Upper end of the marginal effect's interval.</summary>
    public double? MarginalEffectCiHigh { get; init; }
}
