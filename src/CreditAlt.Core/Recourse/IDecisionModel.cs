using CreditAlt.Core.Attributes;
using CreditAlt.Core.Scoring;

namespace CreditAlt.Core.Recourse;

/// <summary>
/// What recourse needs of a model: its score and decision for a catalogue-ordered value vector, the range it discloses and
/// where approved applicants stand on each lever. The champion's <see cref="ScorecardEngine"/> and the challenger implement
/// it, so both are searched and verified the same way, each scored by its own model.
/// </summary>
public interface IDecisionModel
{
    string ModelId { get; }

    string ModelVersion { get; }

    DecisionPolicy Policy { get; }

    /// <summary>The range of scores the model can produce (the one notices disclose).</summary>
    ScoreBounds ScoreRange { get; }

    /// <summary>The catalogue whose value vectors the model takes.</summary>
    IReadOnlyList<AttributeDefinition> Catalogue { get; }

    /// <summary>Per lever, its spread among applicants approved in training; empty when the model was trained without them.</summary>
    IReadOnlyList<ApprovedDistribution> ApprovedDistributions { get; }

    /// <summary>The published score alone (no reasons).</summary>
    int Score(ReadOnlySpan<double> catalogueValues);

    bool HasSufficientHistory(ReadOnlySpan<double> catalogueValues);

    /// <summary>Score, decision and principal reasons.</summary>
    ScoreAssessment Assess(ReadOnlySpan<double> catalogueValues);

    /// <summary>
    /// The highest score the applicant could get if the cash-flow attributes took their best values, the others unchanged:
    /// what sharing bank data could do at most.
    /// </summary>
    int BestScoreWithCashFlow(ReadOnlySpan<double> catalogueValues);

    /// <summary>
    /// A score no change of the attributes at catalogue indices <paramref name="first"/> and <paramref name="second"/> (-1:
    /// none), to any values, the others unchanged, can exceed. The amount path skips the changes that cannot reach approval
    /// by it, so it must never be below a score the model gives; by default the top of <see cref="ScoreRange"/>, which skips
    /// nothing.
    /// </summary>
    int HighestScoreChanging(ReadOnlySpan<double> catalogueValues, int first, int second) => ScoreRange.Max;
}

/// <summary>Decisions of an <see cref="IDecisionModel"/>.</summary>
public static class DecisionModels
{
    public static Decision Decide(this IDecisionModel model, ReadOnlySpan<double> catalogueValues) =>
        model.Policy.Decide(model.Score(catalogueValues), model.HasSufficientHistory(catalogueValues));

    /// <summary>True for the catalogue attributes that come from bank cash flow.</summary>
    public static bool IsCashFlow(AttributeDefinition attribute) => attribute.Id.StartsWith("cashflow_", StringComparison.Ordinal);
}
