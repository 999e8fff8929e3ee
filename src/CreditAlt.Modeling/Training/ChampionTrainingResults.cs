using CreditAlt.Modeling.Evaluation;
using CreditAlt.Modeling.Scorecards;

namespace CreditAlt.Modeling.Training;

/// <summary>Held-out figures of a scorecard on a portfolio split.</summary>
public sealed record ScorecardEvaluation(
    int HeldOutApplications,
    int Scored,
    int InsufficientData,
    double BadRate,
    double Auc,
    double Gini,
    double Ks,
    double Brier,
    double? OracleAuc,
    int BureauApplications,
    double? BureauAuc,
    double? ChampionAucOnBureau,
    double ApproveRate,
    double ReferRate,
    double DeclineRate,
    double ApprovedBadRate);

/// <summary>What one champion training run produced.</summary>
public sealed record ChampionTrainingResult(ScorecardTrainingResult Training, ScorecardEvaluation Evaluation, int TrainRows)
{
    /// <summary>The full held-out report (intervals, DeLong against the bureau score, calibration by band and segment), written as evaluation.md.</summary>
    public EvaluationReport? Report { get; init; }

    /// <summary>The latest vintage's figures and the stability between development and it; null with one vintage.</summary>
    public OutOfTimeResult? OutOfTime { get; init; }

    /// <summary>With <see cref="TrainingSample.AcceptedOnly"/>: what training saw and how it did on the whole through-the-door population.</summary>
    public RejectInferenceResult? RejectInference { get; init; }

    /// <summary>With <see cref="TrainingSample.AttainableReference"/>: held-out AUC of the flexible model on the same rows and attributes.</summary>
    public double? AttainableAuc { get; init; }

    public TrainingSample Sample { get; init; } = TrainingSample.AllOutcomes;

    /// <summary>Champion, bureau score and their combination on the held-out applicants with a bureau score, by segment.</summary>
    public IReadOnlyList<BureauSegment> BureauSegments { get; init; } = [];
}

/// <summary>The out-of-time sample (latest vintage): its figures, its report with intervals, and PSI of score and attributes against development.</summary>
public sealed record OutOfTimeResult(DateOnly AsOf, int DevelopmentVintages, ScorecardEvaluation Evaluation, EvaluationReport Report, IReadOnlyList<Monitoring.PsiResult> Stability);

/// <summary>One model's figures on a set of applicants, for the reject-inference comparison.</summary>
public sealed record SampleFigures(int Applications, double BadRate, double MeanPd, double Auc, double ApproveRate, double ApprovedBadRate);

/// <summary>
/// Reject inference in one run: the training rows (accepted, rejected, the bad rate inferred for the rejects), and the
/// accepted-only scorecard and the trained one side by side on the held-out through-the-door population (everyone who
/// applied, outcomes known only to the generator) and on its accepted part (what a lender could check).
/// </summary>
public sealed record RejectInferenceResult(
    RejectInferenceMethod Method,
    int AcceptedTrainRows,
    int RejectedTrainRows,
    double InferredRejectBadRate,
    SampleFigures AcceptedOnlyThroughTheDoor,
    SampleFigures TrainedThroughTheDoor,
    SampleFigures AcceptedOnlyOnAccepted,
    SampleFigures TrainedOnAccepted);
