using CreditAlt.Core.Applications;
using CreditAlt.Core.Attributes;
using CreditAlt.Core.Recourse;

namespace CreditAlt.Core.Scoring;

/// <summary>One principal reason: the attribute's stable code and a sentence about the applicant's own value.</summary>
public sealed record ScoreReason(string Code, string AttributeId, double Value, int PointsLost, string Sentence)
{
    /// <summary>The obligation kind the reason is about (rent, utility, telecom, childcare), or null.</summary>
    public string? ObligationType => ReasonSelection.ObligationTypeOf(AttributeId);
}

/// <summary>The score, decision and principal reasons for one application under one model.</summary>
public sealed record ScoreAssessment(string ModelId, string ModelVersion, int Score, Decision Decision, IReadOnlyList<ScoreReason> Reasons)
{
    /// <summary>
    /// The policy's ability-to-pay check at the requested amount, with the counteroffer when there is one; null when the
    /// policy has no such rule, the application has no recent cash flow, or the assessment was made from values alone.
    /// </summary>
    public AbilityToPay.AffordabilityCheck? Affordability { get; init; }
}

/// <summary>
/// One attribute's part in a score: its value, the bin it fell in, the points given, and <see cref="BestPoints"/>, the points
/// of its best ordinary bin (<see cref="Scorecard.ReferencePoints"/>), against which reasons count points lost.
/// </summary>
public sealed record AttributePoints(string AttributeId, string ReasonCode, double Value, string Bin, int Points, int BestPoints);

/// <summary>
/// Applies a <see cref="Scorecard"/> to a value vector in catalogue order (as the attribute calculator fills
/// it): score, decision policy, principal reasons with the catalogue's sentences, per-attribute points, recourse.
/// Immutable and thread-safe.
/// </summary>
public sealed class ScorecardEngine : IDecisionModel
{
    private readonly int[] _source;                        // model attribute → catalogue index
    private readonly AttributeDefinition[] _definitions;   // per model attribute
    private readonly string[] _codes;                      // per model attribute: the model's reason code
    private readonly (int Index, double Minimum, AttributeDefinition Definition)[] _history;
    private readonly int[] _bestPoints;                    // per model attribute: its highest-scoring bin's points

    public ScorecardEngine(Scorecard model)
        : this(model, AttributeCatalogue.All)
    {
    }

    public ScorecardEngine(Scorecard model, IReadOnlyList<AttributeDefinition> catalogue)
    {
        Model = model;
        Catalogue = catalogue;
        var byId = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < catalogue.Count; i++) byId[catalogue[i].Id] = i;

        int Find(string id) => byId.TryGetValue(id, out var i)
            ? i
            : throw new ArgumentException($"Model '{model.ModelId}' uses attribute '{id}', which is not in the catalogue.", nameof(model));

        _source = model.Attributes.Select(a => Find(a.Id)).ToArray();
        _definitions = _source.Select(i => catalogue[i]).ToArray();
        _codes = model.Attributes.Select(a => a.ReasonCode).ToArray();
        _bestPoints = model.Attributes.Select(a => a.Bins.Max(b => b.Points)).ToArray();
        _history = model.Policy.HistoryRequirements.Select(r => (Find(r.AttributeId), r.Minimum, catalogue[Find(r.AttributeId)])).ToArray();
    }

    public Scorecard Model { get; }

    public string ModelId => Model.ModelId;

    public string ModelVersion => Model.Version;

    public DecisionPolicy Policy => Model.Policy;

    /// <summary>The range the scorecard can produce (<see cref="Scorecard.PossibleRange"/>).</summary>
    public ScoreBounds ScoreRange => Model.PossibleRange;

    public IReadOnlyList<ApprovedDistribution> ApprovedDistributions => Model.ApprovedDistributions;

    /// <summary>The published score of a catalogue-ordered value vector.</summary>
    public int Score(ReadOnlySpan<double> catalogueValues)
    {
        Span<double> values = _source.Length <= 256 ? stackalloc double[_source.Length] : new double[_source.Length];
        Gather(catalogueValues, values);
        return Model.Score(values);
    }

    /// <summary>The score with every cash-flow attribute in its highest-scoring bin, the rest as they are.</summary>
    public int BestScoreWithCashFlow(ReadOnlySpan<double> catalogueValues) =>
        ScoreWithBestBins(catalogueValues, j => DecisionModels.IsCashFlow(_definitions[j]));

    /// <summary>Points add up, so the attributes that change take their highest-scoring bin, the rest keep theirs: an exact bound.</summary>
    public int HighestScoreChanging(ReadOnlySpan<double> catalogueValues, int first, int second) =>
        ScoreWithBestBins(catalogueValues, j => _source[j] == first || _source[j] == second);

    // The score with the model attributes that atBest picks in their highest-scoring bin, the others in their own.
    private int ScoreWithBestBins(ReadOnlySpan<double> catalogueValues, Func<int, bool> atBest)
    {
        Span<double> values = _source.Length <= 256 ? stackalloc double[_source.Length] : new double[_source.Length];
        Gather(catalogueValues, values);
        var total = Model.BasePoints;
        for (var j = 0; j < values.Length; j++)
            total += atBest(j) ? _bestPoints[j] : Model.PointsOf(j, Model.BinOf(j, values[j]));
        return Model.Clamp(total);
    }

    public IReadOnlyList<AttributeDefinition> Catalogue { get; }

    /// <summary>True when at least one history requirement is met (or there are none).</summary>
    public bool HasSufficientHistory(ReadOnlySpan<double> catalogueValues)
    {
        if (_history.Length == 0) return true;
        foreach (var (index, minimum, _) in _history)
        {
            var v = catalogueValues[index];
            if (!double.IsNaN(v) && v >= minimum) return true;
        }

        return false;
    }

    /// <summary>Copies the model's attributes out of a catalogue-ordered vector, in model order.</summary>
    public void Gather(ReadOnlySpan<double> catalogueValues, Span<double> modelValues)
    {
        if (catalogueValues.Length != Catalogue.Count)
            throw new ArgumentException($"Expected {Catalogue.Count} catalogue values, got {catalogueValues.Length}.", nameof(catalogueValues));
        for (var j = 0; j < _source.Length; j++) modelValues[j] = catalogueValues[_source[j]];
    }

    /// <summary>Score, decision and (for refer, decline and insufficient data) the principal reasons.</summary>
    public ScoreAssessment Assess(ReadOnlySpan<double> catalogueValues)
    {
        Span<double> values = _source.Length <= 256 ? stackalloc double[_source.Length] : new double[_source.Length];
        Gather(catalogueValues, values);
        var score = Model.Score(values);
        var decision = Model.Policy.Decide(score, HasSufficientHistory(catalogueValues));
        switch (decision)
        {
            case Decision.Approve:
                return new ScoreAssessment(Model.ModelId, Model.Version, score, decision, []);
            case Decision.InsufficientData:
                // The history that was too short is the reason; no model attribute is blamed.
                var history = new ScoreReason[_history.Length];
                for (var h = 0; h < _history.Length; h++)
                {
                    var (index, _, definition) = _history[h];
                    var v = catalogueValues[index];
                    history[h] = new ScoreReason(definition.ReasonCode, definition.Id, v, 0, definition.Reason(v));
                }

                return new ScoreAssessment(Model.ModelId, Model.Version, score, decision, history);
            default:
                return new ScoreAssessment(Model.ModelId, Model.Version, score, decision, Reasons(values, catalogueValues));
        }
    }

    /// <summary>The principal reasons of an adverse decision under <see cref="ReasonSelection"/>'s rule.</summary>
    private ScoreReason[] Reasons(ReadOnlySpan<double> values, ReadOnlySpan<double> catalogueValues)
    {
        var candidates = new List<ReasonCandidate>(8);
        var missingShortfall = 0;
        for (var j = 0; j < values.Length; j++)
        {
            var v = values[j];
            var lost = Model.PointsLost(j, v);
            if (double.IsNaN(v))
            {
                missingShortfall += Math.Max(0, lost);
                continue;
            }

            // Only the attributes that lost points are worded: the sentence is the one costly part of an assessment.
            if (lost > 0) candidates.Add(new ReasonCandidate(_codes[j], _definitions[j].Id, v, lost, _definitions[j].Reason(v)));
        }

        var reasons = ReasonSelection.Select(candidates);
        return reasons.Length > 0 ? reasons : [ReasonSelection.LimitedData(catalogueValues, Catalogue, missingShortfall)];
    }

    /// <summary>Computes the catalogue attributes of an application as of its own date and assesses them.</summary>
    public ScoreAssessment Assess(Application application)
    {
        Span<double> values = stackalloc double[AttributeCatalogue.Count];
        AttributeCalculator.Compute(application, values);
        return Assess(application, values);
    }

    /// <summary>
    /// Assesses an application whose catalogue values are already computed, then applies the policy's ability-to-pay rule
    /// (<see cref="AbilityToPay.AffordabilityRule"/>), which needs the application's amounts, not only its attributes.
    /// </summary>
    public ScoreAssessment Assess(Application application, ReadOnlySpan<double> catalogueValues) =>
        AbilityToPay.AffordabilityRule.Apply(this, application, catalogueValues, Assess(catalogueValues));

    /// <summary>The points of every model attribute for this applicant, in model order.</summary>
    public IReadOnlyList<AttributePoints> Explain(ReadOnlySpan<double> catalogueValues)
    {
        var values = new double[_source.Length];
        Gather(catalogueValues, values);
        var lines = new AttributePoints[values.Length];
        for (var j = 0; j < values.Length; j++)
        {
            var attribute = Model.Attributes[j];
            var bin = Model.BinOf(j, values[j]);
            lines[j] = new AttributePoints(attribute.Id, attribute.ReasonCode, values[j], attribute.Bins[bin].Label, Model.PointsOf(j, bin), Model.ReferencePoints(j));
        }

        return lines;
    }
}
