using System.Text.Json;
using System.Text.Json.Serialization;
using CreditAlt.Core.Scoring;

namespace CreditAlt.Modeling.Challenger;

/// <summary>
/// Everything about a trained challenger that is not the trees: how it was made (seed, options, data
/// fingerprint), what it reads (attribute ids in vector order), how its output becomes points and a
/// decision. Written as <c>metadata.json</c> next to the ML.NET <c>model.zip</c>.
/// </summary>
public sealed record ChallengerMetadata
{
    public const string KindName = "challenger";

    public string Kind { get; init; } = KindName;

    public string ModelId { get; init; } = "challenger-lightgbm";

    public required string ModelVersion { get; init; }

    public string Algorithm { get; init; } = "ML.NET 5.0.1 LightGBM binary classifier (gradient-boosted trees, one thread, deterministic)";

    public required int Seed { get; init; }

    public required ChallengerOptions Options { get; init; }

    public required ChallengerTrainingData TrainingData { get; init; }

    /// <summary>Attribute ids in the order of the model's input vector.</summary>
    public required IReadOnlyList<string> Attributes { get; init; }

    /// <summary>The champion's points scale; the challenger's probability is mapped onto it.</summary>
    public required ScoreScaling Scaling { get; init; }

    /// <summary>
    /// Per attribute, the best ordinary value seen in training (the lowest for "higher is riskier", the highest for
    /// "lower is riskier"; null when none). An applicant at or beyond it cannot be told that attribute raised their
    /// risk, whatever the trees' contributions say ("0 late payments" is never a reason).
    /// </summary>
    public IReadOnlyList<double?>? BestValues { get; init; }

    /// <summary>The sigmoid ML.NET fitted over LightGBM's raw score: P(default) = 1 / (1 + exp(slope · raw + offset)).</summary>
    public required PlattParameters Calibration { get; init; }

    /// <summary>
    /// The sigmoid LightGBM came with, before <see cref="Calibration"/> was fitted on the calibration split (null when
    /// the sigmoid was not fitted, or for a model trained before fitting existed).
    /// </summary>
    public PlattParameters? UnfittedCalibration { get; init; }

    /// <summary>Rows of the calibration split the sigmoid was fitted on (0 when not fitted).</summary>
    public int CalibrationRows { get; init; }

    /// <summary>Cut-offs on the shared scale and the history needed for a decision other than insufficient data.</summary>
    public required DecisionPolicy Policy { get; init; }

    /// <summary>
    /// The range of scores the model can produce: its trees' lowest and highest leaves summed, through the sigmoid onto the
    /// points scale, clamped to the scale's bounds (<see cref="ChallengerModel.PossibleRange"/>). Notices disclose this range.
    /// </summary>
    public ScoreBounds? ScoreRange { get; init; }

    /// <summary>Per lever (actionable cash-flow attribute), its spread among training applicants the model approves (recourse bands).</summary>
    public IReadOnlyList<ApprovedDistribution>? ApprovedDistributions { get; init; }

    /// <summary>Held-out figures, filled in by the training run that evaluated the model.</summary>
    public ChallengerHeadline? Evaluation { get; init; }

    /// <summary>
    /// The cut-offs and history rule used until a training run sets the champion's own: approve at 620
    /// (80:1 good:bad), decline below 580 (25:1), insufficient data under 6 months of obligation history.
    /// </summary>
    public static DecisionPolicy DefaultPolicy { get; } = new(620, 580, [new HistoryRequirement("all_months_history", 6)]);

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        NewLine = "\n",
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}

/// <summary>
/// Where the training rows came from: SHA-256 of each input file (empty when trained from memory), SHA-256 of
/// the attribute matrix and outcomes actually trained on, and the row counts.
/// </summary>
public sealed record ChallengerTrainingData(string Files, string AttributeFingerprint, int Applications, int TrainRows, int HeldOutRows, double TrainBadRate);

/// <summary>Platt sigmoid parameters (see <see cref="ChallengerMetadata.Calibration"/>).</summary>
public sealed record PlattParameters(double Slope, double Offset);

/// <summary>The headline held-out figures kept with the model.</summary>
public sealed record ChallengerHeadline(double Auc, double Gini, double Ks, double Brier, double? OracleAuc);
