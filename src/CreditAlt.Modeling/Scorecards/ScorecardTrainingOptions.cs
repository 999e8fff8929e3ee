using CreditAlt.Core.Scoring;
using CreditAlt.Modeling.Binning;

namespace CreditAlt.Modeling.Scorecards;

/// <summary>Settings of scorecard training; every default is documented in docs/scorecard.md.</summary>
public sealed record ScorecardTrainingOptions
{
    public BinningOptions Binning { get; init; } = BinningOptions.Default;

    /// <value>Attributes with a lower information value are not used. Default 0.02 ("weak" and above).</value>
    public double MinInformationValue { get; init; } = 0.02;

    /// <value>Of two attributes whose WoE encodings correlate above this (absolute Pearson r), the lower-IV one is dropped. Default 0.7.</value>
    public double MaxCorrelation { get; init; } = 0.7;

    /// <value>L2 weight of the logistic regression. Default 1.</value>
    public float L2Regularization { get; init; } = 1f;

    /// <value>Points scaling. Default PDO 20, 600 points at 50:1 good:bad odds, range 300–850.</value>
    public ScoreScaling Scaling { get; init; } = ScoreScaling.Default;

    /// <value>Approve at the score whose implied probability of bad is this or less. Default 0.05.</value>
    public double ApproveMaxPd { get; init; } = 0.05;

    /// <value>Decline below the score whose implied probability of bad is this. Default 0.12.</value>
    public double DeclineMinPd { get; init; } = 0.12;

    /// <value>What the decision policy demands before it decides; none by default (table models).</value>
    public IReadOnlyList<HistoryRequirement> HistoryRequirements { get; init; } = [];

    /// <summary>The product the policy's ability-to-pay rule prices the requested amount under (null: no such rule).</summary>
    /// <value>None; the champion's defaults set <see cref="CreditAlt.Core.AbilityToPay.ProductTerms.Default"/>.</value>
    public CreditAlt.Core.AbilityToPay.ProductTerms? Affordability { get; init; }

    public int Seed { get; init; } = 7;

    public string ModelId { get; init; } = "scorecard";

    public string Version { get; init; } = "1.0.0";
}
