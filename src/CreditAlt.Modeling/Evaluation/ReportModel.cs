using CreditAlt.Modeling.Challenger;

namespace CreditAlt.Modeling.Evaluation;

/// <summary>
/// A held-out evaluation of one or more models side by side with the bureau score and, on synthetic data,
/// the oracle (the true probability of default). The top-level figures are those of the first model, so a
/// training run's <c>evaluation.json</c> carries <c>auc</c>, <c>gini</c>, <c>ks</c>, <c>brier</c> and <c>oracleAuc</c> at its root.
/// </summary>
public sealed record EvaluationReport
{
    public required string Title { get; init; }

    public required string Split { get; init; }

    /// <summary>Held-out applicants, all of whom count in the inclusion table.</summary>
    public required int Applicants { get; init; }

    /// <summary>Held-out applicants in the discrimination and calibration figures (those with enough history).</summary>
    public required int Evaluated { get; init; }

    /// <summary>Defaults among the evaluated applicants.</summary>
    public required int Bads { get; init; }

    /// <summary>Evaluated applicants with a bureau score.</summary>
    public required int WithBureauScore { get; init; }

    /// <summary>Held-out applicants without a bureau score.</summary>
    public required int CreditInvisible { get; init; }

    public double? Auc { get; init; }

    public double? Gini { get; init; }

    public double? Ks { get; init; }

    public double? Brier { get; init; }

    /// <summary>AUC of the true probability of default over the evaluated applicants: the best any model could do.</summary>
    public double? OracleAuc { get; init; }

    /// <summary>AUC of the true probability on the applicants who have a bureau score.</summary>
    public double? OracleAucWithBureau { get; init; }

    public required IReadOnlyList<ModelEvaluation> Models { get; init; }

    /// <summary>The bureau score on the applicants who have one (null when nobody has one).</summary>
    public BureauEvaluation? Bureau { get; init; }

    /// <summary>DeLong tests between every pair of models on the evaluated applicants, and of each model against the bureau score on the applicants who have one.</summary>
    public IReadOnlyList<DeLongComparison> Comparisons { get; init; } = [];

    /// <summary>The challenger's probability calibration before and after it was fitted, when the training run fitted it.</summary>
    public ProbabilityCalibrationReport? ProbabilityCalibration { get; init; }

    /// <summary>The challenger's measured monotonicity, when a challenger is evaluated.</summary>
    public IReadOnlyList<AttributeMonotonicity>? Monotonicity { get; init; }

    /// <summary>The first model's training-setting variants (PDO, minimum bin share, seeds), when its training run measured them.</summary>
    public SensitivityReport? Sensitivity { get; init; }
}

/// <summary>One model's figures on the held-out applicants.</summary>
public sealed record ModelEvaluation(
    string Name,
    double? Auc,
    double? Gini,
    double? Ks,
    double? Brier,
    double? AucWithBureau,
    double MeanPredicted,
    double ObservedBadRate,
    int ApproveAt,
    int DeclineBelow,
    IReadOnlyList<CalibrationBand> Calibration,
    IReadOnlyList<ScoreDecile> Deciles,
    IReadOnlyList<InclusionRow> Inclusion)
{
    /// <summary>The AUC's DeLong standard error and normal 95 % interval.</summary>
    public AucWithError? AucError { get; init; }

    /// <summary>Bootstrap 95 % intervals of AUC, Gini and KS.</summary>
    public BootstrapIntervals? Intervals { get; init; }

    /// <summary>Calibration intercept and slope with intervals, and the observed bad rate's Wilson interval.</summary>
    public CalibrationStatistics? CalibrationFit { get; init; }

    /// <summary>The same figures within each segment of the population.</summary>
    public IReadOnlyList<SegmentEvaluation> Segments { get; init; } = [];

    /// <summary>Approval and bad rates at cut-offs around <see cref="ApproveAt"/> (<see cref="Sensitivity.Cutoffs"/>).</summary>
    public IReadOnlyList<CutoffSensitivity> Cutoffs { get; init; } = [];
}

/// <summary>One model's discrimination and calibration within one segment.</summary>
public sealed record SegmentEvaluation(string Segment, int Applicants, int Bads, AucWithError? Auc, CalibrationStatistics? Calibration);

/// <summary>
/// The challenger's probability calibration: the sigmoid LightGBM came with (before) and the one fitted on a
/// held-out calibration split of the training applicants (after), each with its figures on the evaluated applicants.
/// </summary>
public sealed record ProbabilityCalibrationReport(string Method, int CalibrationRows, ProbabilityCalibrationState Before, ProbabilityCalibrationState After);

/// <summary>A sigmoid P(bad) = 1 / (1 + exp(slope·raw + offset)) and what it gives on the evaluated applicants.</summary>
public sealed record ProbabilityCalibrationState(double SigmoidSlope, double SigmoidOffset, double Brier, CalibrationStatistics? Calibration);

/// <summary>The bureau score's figures on the applicants who have one (risk = lower score).</summary>
public sealed record BureauEvaluation(int Applicants, double? Auc, double? Gini, double? Ks, IReadOnlyList<ScoreDecile> Deciles)
{
    /// <summary>The AUC's DeLong standard error and normal 95 % interval.</summary>
    public AucWithError? AucError { get; init; }

    /// <summary>Bootstrap 95 % intervals of AUC, Gini and KS.</summary>
    public BootstrapIntervals? Intervals { get; init; }
}

/// <summary>
/// Applicants whose score fell in [<see cref="Lower"/>, <see cref="Upper"/>): how many, the mean predicted
/// probability of default and the observed bad rate.
/// </summary>
public sealed record CalibrationBand(int Lower, int Upper, int Applicants, int Bads, double MeanPredicted, double ObservedBadRate)
{
    /// <summary>Wilson 95 % interval of the observed bad rate.</summary>
    public Interval? ObservedInterval { get; init; }

    /// <summary>Whether the mean predicted PD lies inside <see cref="ObservedInterval"/>.</summary>
    public bool PredictedWithinInterval => ObservedInterval?.Contains(MeanPredicted) ?? true;
}

/// <summary>
/// One tenth of the applicants by score, riskiest (lowest score) first: score range, count, bads, bad rate,
/// and mean predicted probability where the scorer predicts one.
/// </summary>
public sealed record ScoreDecile(int Decile, double MinScore, double MaxScore, int Applicants, int Bads, double BadRate, double? MeanPredicted);

/// <summary>
/// The inclusion table row for one group (credit-invisible or bureau-scored): the share that gets a score
/// rather than "insufficient data", decision shares at the cut-offs, and bad rates of the group and of its approvals.
/// </summary>
public sealed record InclusionRow(
    string Group,
    int Applicants,
    double ScoredShare,
    double ApprovalRate,
    double ReferRate,
    double DeclineRate,
    double InsufficientRate,
    double BadRate,
    double? ApprovedBadRate);
