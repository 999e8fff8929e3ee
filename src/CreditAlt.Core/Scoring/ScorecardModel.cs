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
    public Decision Decide(int score, bool sufficientHistory)
    {
        if (!sufficientHistory) return Decision.InsufficientData;
        if (score >= ApproveAt) return Decision.Approve;
        return score >= DeclineBelow ? Decision.Refer : Decision.Decline;
    }
}
