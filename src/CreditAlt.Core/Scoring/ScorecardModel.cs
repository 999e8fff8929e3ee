using CreditAlt.Core.Attributes;

namespace CreditAlt.Core.Scoring;

/// <summary>What kind of values a scorecard bin holds.</summary>
public enum BinKind
{
    /// <summary>An interval of ordinary values, <c>[Lower, Upper)</c>.</summary>
    Range,

    /// <summary>The missing value (NaN): no account of the type, no cash-flow data.</summary>
    Missing,

    /// <summary>One special value with a meaning of its own (e.g. "never late").</summary>
    Special,
}

/// <summary>
/// One bin of a scorecard attribute with its weight of evidence and points. Range bins cover
/// <c>[Lower, Upper)</c> (null = unbounded); <see cref="MinObserved"/>/<see cref="MaxObserved"/> are the smallest and
/// largest training values that fell in the bin, which recourse uses as attainable targets.
/// </summary>
public sealed record ScorecardBin(
    BinKind Kind,
    string Label,
    double? Lower,
    double? Upper,
    double? Value,
    double? MinObserved,
    double? MaxObserved,
    long Count,
    long Bads,
    double Woe,
    int Points);

/// <summary>
/// One attribute of a scorecard: its bins in order (range bins ascending by value, then missing,
/// then specials), its coefficient and the attribute's declared direction and actionability.
/// <see cref="Coefficient"/> multiplies WoE in the log-odds of bad, so it is negative for a correctly signed attribute.
/// </summary>
public sealed record ScorecardAttribute(
    string Id,
    string ReasonCode,
    RiskDirection Direction,
    Actionability Actionability,
    double Coefficient,
    double InformationValue,
    IReadOnlyList<ScorecardBin> Bins);

/// <summary>
/// Points scaling: score = offset + factor·ln(good:bad odds) with factor = PDO/ln 2 and
/// offset = BaseScore − factor·ln(BaseOdds), clamped to [MinScore, MaxScore].
/// </summary>
public sealed record ScoreScaling(double Pdo, double BaseScore, double BaseOdds, int MinScore, int MaxScore)
{
    /// <summary>The published defaults: 20 points double the odds, 600 points at 50:1 good:bad, range 300–850.</summary>
    public static ScoreScaling Default { get; } = new(20, 600, 50, 300, 850);

    public double Factor => Pdo / Math.Log(2);

    public double Offset => BaseScore - Factor * Math.Log(BaseOdds);

    /// <summary>Probability of bad implied by an (unclamped) score.</summary>
    public double ProbabilityOfBad(double score) => 1.0 / (1.0 + Math.Exp((score - Offset) / Factor));
}

/// <summary>
/// A minimum amount of history: met when the catalogue attribute is present and at least <see cref="Minimum"/>.
/// </summary>
public sealed record HistoryRequirement(string AttributeId, double Minimum);

/// <summary>Wire names of <see cref="Decision"/> values.</summary>
public static class Decisions
{
    public static string ToWire(this Decision decision) => decision switch
    {
        Decision.Approve => "approve",
        Decision.Refer => "refer",
        Decision.Decline => "decline",
        _ => "insufficient_data",
    };

    public static bool TryParse(string? text, out Decision decision)
    {
        switch (text)
        {
            case "approve": decision = Decision.Approve; return true;
            case "refer": decision = Decision.Refer; return true;
            case "decline": decision = Decision.Decline; return true;
            case "insufficient_data": decision = Decision.InsufficientData; return true;
            default: decision = default; return false;
        }
    }
}

/// <summary>The outcome of the decision policy.</summary>
public enum Decision
{
    Approve,
    Refer,
    Decline,
    InsufficientData,
}

/// <summary>
/// Cut-offs with a refer band: approve when score ≥ <see cref="ApproveAt"/>, refer when
/// <see cref="DeclineBelow"/> ≤ score &lt; <see cref="ApproveAt"/>, decline below <see cref="DeclineBelow"/>.
/// An applicant who meets none of <see cref="HistoryRequirements"/> gets <see cref="Decision.InsufficientData"/>,
/// never a decline. An empty list means every applicant has enough history (table-trained models).
/// </summary>
public sealed record DecisionPolicy(int ApproveAt, int DeclineBelow, IReadOnlyList<HistoryRequirement> HistoryRequirements)
{
    /// <summary>
    /// The ability-to-pay rule (docs/decision-policy.md, "Residual income and the counteroffer"): the product the requested
    /// amount is priced under. When set, an application whose residual income at the requested amount is negative is not
    /// approved for that amount, and is offered the highest lower amount the policy approves. Null: no such rule (models
    /// trained before it, table-trained models).
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public AbilityToPay.ProductTerms? Affordability { get; init; }

    public Decision Decide(int score, bool sufficientHistory)
    {
        if (!sufficientHistory) return Decision.InsufficientData;
        if (score >= ApproveAt) return Decision.Approve;
        return score >= DeclineBelow ? Decision.Refer : Decision.Decline;
    }
}

/// <summary>
/// The lowest and highest score a model can produce (FCRA §609(f)(1)(B): "the range of possible credit scores under the
/// model used"). For a scorecard: base points plus every attribute's lowest (highest) bin points, clamped to the scaling's
/// bounds (<see cref="Scorecard.PossibleRange"/>); for the challenger, the same from its trees' leaves.
/// </summary>
public sealed record ScoreBounds(int Min, int Max);

/// <summary>
/// How one actionable attribute is spread among the applicants the model approved in training: its 0th, 5th, …, 100th
/// percentiles (21 values, ascending). Recourse moves a lever only within <see cref="P10"/>–<see cref="P90"/> (what approved
/// applicants actually show) and measures a change in percentile points (Ustun, Spangher &amp; Liu 2019).
/// </summary>
public sealed record ApprovedDistribution(string AttributeId, IReadOnlyList<double> Percentiles)
{
    public const int Points = 21;

    public double P10 => Percentiles[2];

    public double P90 => Percentiles[18];

    /// <summary>The share of approved applicants at or below <paramref name="value"/>, interpolated between percentiles (0–1).</summary>
    public double Rank(double value)
    {
        var p = Percentiles;
        if (value <= p[0]) return 0;
        if (value >= p[^1]) return 1;
        for (var i = 1; i < p.Count; i++)
        {
            if (value > p[i]) continue;
            var lo = p[i - 1];
            var hi = p[i];
            var within = hi > lo ? (value - lo) / (hi - lo) : 1;
            return (i - 1 + within) / (p.Count - 1);
        }

        return 1;
    }

    /// <summary>The 21 percentiles of <paramref name="values"/> (NaN left out; nearest rank on the sorted values).</summary>
    public static ApprovedDistribution Of(string attributeId, IEnumerable<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        if (sorted.Length == 0) throw new ArgumentException($"No values of '{attributeId}' to take percentiles of.", nameof(values));
        var result = new double[Points];
        for (var k = 0; k < Points; k++)
        {
            var q = k / (double)(Points - 1);
            result[k] = sorted[(int)Math.Round(q * (sorted.Length - 1), MidpointRounding.AwayFromZero)];
        }

        return new ApprovedDistribution(attributeId, result);
    }
}
