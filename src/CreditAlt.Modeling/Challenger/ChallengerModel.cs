using System.Collections.Concurrent;
using System.Text.Json;
using CreditAlt.Core.Attributes;
using CreditAlt.Core.Recourse;
using CreditAlt.Core.Scoring;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;

namespace CreditAlt.Modeling.Challenger;

/// <summary>One principal reason: the attribute, its stable code, its value, the sentence about it, how much it raised the raw risk score and what that cost in points.</summary>
public sealed record ChallengerReason(string AttributeId, string Code, double Value, string Sentence, double Contribution, int PointsLost);

/// <summary>A challenger score: points on the shared scale, probability of default, the raw score and up to four principal reasons.</summary>
public sealed record ChallengerScore(int Points, double ProbabilityOfDefault, double RawScore, IReadOnlyList<ChallengerReason> Reasons);

/// <summary>
/// A trained challenger: the ML.NET pipeline (LightGBM plus feature contributions) and its metadata.
/// Thread-safe: each call borrows a <see cref="PredictionEngine{TSrc,TDst}"/> from a pool (engines are
/// not thread-safe and costly to build, so one is never built per request).
/// </summary>
public sealed class ChallengerModel : IDecisionModel
{
    public const string ModelFile = "model.zip";
    public const string MetadataFile = "metadata.json";
    public const int MaxReasons = 4;

    private readonly MLContext _ml;
    private readonly ITransformer _scorer; // LightGBM then feature contributions
    private readonly ITransformer _predictor; // LightGBM alone, for batch work
    private readonly DataViewSchema _inputSchema;
    private readonly ConcurrentBag<Worker> _pool = [];
    private readonly int[] _source; // model attribute -> catalogue index
    private (int Index, double Minimum)[] _history;

    internal ChallengerModel(MLContext ml, ITransformer scorer, ITransformer predictor, DataViewSchema inputSchema,
        ChallengerMetadata metadata, IReadOnlyList<AttributeDefinition> attributes, IReadOnlyList<AttributeDefinition> catalogue)
    {
        if (metadata.Attributes.Count != attributes.Count)
            throw new ArgumentException("Metadata and attribute list differ in length.", nameof(attributes));
        _ml = ml;
        _scorer = scorer;
        _predictor = predictor;
        _inputSchema = inputSchema;
        Metadata = metadata;
        Attributes = attributes;
        Catalogue = catalogue;
        var byId = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < catalogue.Count; i++) byId[catalogue[i].Id] = i;
        _source = [.. attributes.Select(a => byId.TryGetValue(a.Id, out var i) ? i
            : throw new ArgumentException($"The challenger uses attribute '{a.Id}', which is not in the catalogue.", nameof(catalogue)))];
        _history = HistoryIndices(metadata.Policy);
    }

    private (int Index, double Minimum)[] HistoryIndices(DecisionPolicy policy) =>
        [.. policy.HistoryRequirements.Select(r => (Index: IndexInCatalogue(r.AttributeId), r.Minimum))];

    private int IndexInCatalogue(string id)
    {
        for (var i = 0; i < Catalogue.Count; i++)
            if (Catalogue[i].Id == id) return i;
        throw new ArgumentException($"The decision policy needs attribute '{id}', which is not in the catalogue.");
    }

    public ChallengerMetadata Metadata { get; private set; }

    /// <summary>The attributes the model reads, in input-vector order.</summary>
    public IReadOnlyList<AttributeDefinition> Attributes { get; }

    /// <summary>The catalogue whose value vectors <see cref="Assess"/> takes (the attribute catalogue for shipped models).</summary>
    public IReadOnlyList<AttributeDefinition> Catalogue { get; }

    /// <summary>A principal reason must have lowered the published score by at least this many points (the champion's rule, <see cref="ReasonSelection"/>).</summary>
    public const double MinimumPointsLost = ReasonSelection.MinPointsBelowBest;

    /// <summary>Points lost per unit of raw-score contribution: factor · |slope| of the Platt sigmoid.</summary>
    public double PointsPerRawUnit => Metadata.Scaling.Factor * Math.Abs(Metadata.Calibration.Slope);

    /// <summary>
    /// Replaces the descriptive metadata (source, cut-offs, evaluation, version). What defines the
    /// model's arithmetic (attributes, calibration, scale, seed, options) cannot change this way.
    /// </summary>
    public void Describe(Func<ChallengerMetadata, ChallengerMetadata> change)
    {
        var next = change(Metadata);
        if (!next.Attributes.SequenceEqual(Metadata.Attributes) || next.Calibration != Metadata.Calibration
            || next.Scaling != Metadata.Scaling || !ReferenceEquals(next.BestValues, Metadata.BestValues) || next.Seed != Metadata.Seed || next.Options != Metadata.Options)
            throw new InvalidOperationException("Only descriptive metadata may change after training.");
        _history = HistoryIndices(next.Policy);
        Metadata = next;
    }

    /// <summary>Probability of default for a raw LightGBM score, through the stored Platt sigmoid.</summary>
    public double Probability(double rawScore) => 1 / (1 + Math.Exp(LogOddsGood(rawScore)));

    /// <summary>Natural log of the odds good:bad for a raw score (the Platt sigmoid's argument).</summary>
    public double LogOddsGood(double rawScore) => Metadata.Calibration.Slope * rawScore + Metadata.Calibration.Offset;

    public int Points(double rawScore) => ChallengerPoints.FromLogOdds(Metadata.Scaling, LogOddsGood(rawScore));

    /// <summary>
    /// Scores one applicant from attribute values in catalogue order (NaN = missing) and names up to four
    /// principal reasons: the attributes whose contribution raised the risk score most. Attributes that
    /// lowered or did not move risk are never reasons; equal contributions keep catalogue order.
    /// </summary>
    public ChallengerScore Score(ReadOnlySpan<double> values)
    {
        if (values.Length < Attributes.Count)
            throw new ArgumentException($"Need {Attributes.Count} attribute values, got {values.Length}.", nameof(values));
        var worker = Rent();
        try
        {
            var input = worker.Input.Features;
            for (var i = 0; i < input.Length; i++) input[i] = (float)values[i];
            worker.Engine.Predict(worker.Input, ref worker.Output);
            var raw = NeutralMissing(worker.Output.Score, worker.Output.FeatureContributions, input);
            var reasons = Reasons(worker.Output.FeatureContributions, values);
            return new ChallengerScore(Points(raw), Probability(raw), raw, reasons);
        }
        finally
        {
            _pool.Add(worker);
        }
    }

    /// <summary>
    /// Missing data is neutral under the challenger too: trees learn from how often applicants without a kind of account
    /// defaulted, so a missing value can carry a risk-raising contribution. That part is taken off the raw score (a missing
    /// value may lower risk, never raise it), then the result is kept within the trees' own range.
    /// </summary>
    private double NeutralMissing(double raw, float[] contributions, ReadOnlySpan<float> input)
    {
        for (var i = 0; i < input.Length; i++)
            if (float.IsNaN(input[i]) && contributions[i] > 0) raw -= contributions[i];
        var (low, high) = RawRange;
        return Math.Clamp(raw, low, high);
    }

    private (double Low, double High)? _rawRange;

    /// <summary>The lowest and highest raw score the trees can give: every tree's lowest (highest) leaf, summed.</summary>
    private (double Low, double High) RawRange => _rawRange ??= TreeRawRange(_predictor);

    /// <summary>
    /// The ensemble's bias plus every tree's lowest (highest) leaf, weighted. No applicant can fall outside it, so it bounds
    /// the possible scores; unbounded when the model is not the LightGBM the trainer makes.
    /// </summary>
    private static (double Low, double High) TreeRawRange(ITransformer predictor)
    {
        if (predictor is not BinaryPredictionTransformer<CalibratedModelParametersBase<LightGbmBinaryModelParameters, PlattCalibrator>> lightGbm)
            return (double.NegativeInfinity, double.PositiveInfinity);
        var ensemble = lightGbm.Model.SubModel.TrainedTreeEnsemble;
        double low = ensemble.Bias, high = ensemble.Bias;
        for (var t = 0; t < ensemble.Trees.Count; t++)
        {
            var leaves = ensemble.Trees[t].LeafValues;
            var weight = ensemble.TreeWeights[t];
            low += weight * leaves.Min();
            high += weight * leaves.Max();
        }

        return (low, high);
    }

    /// <summary>The range of published scores this model can produce (see <see cref="ChallengerMetadata.ScoreRange"/>).</summary>
    public ScoreBounds PossibleRange
    {
        get
        {
            var (low, high) = RawRange;
            int a = Points(low), b = Points(high);
            return new ScoreBounds(Math.Min(a, b), Math.Max(a, b));
        }
    }

    string IDecisionModel.ModelId => Metadata.ModelId;

    string IDecisionModel.ModelVersion => Metadata.ModelVersion;

    DecisionPolicy IDecisionModel.Policy => Metadata.Policy;

    ScoreBounds IDecisionModel.ScoreRange => Metadata.ScoreRange ?? PossibleRange;

    IReadOnlyList<ApprovedDistribution> IDecisionModel.ApprovedDistributions => Metadata.ApprovedDistributions ?? [];

    int IDecisionModel.Score(ReadOnlySpan<double> catalogueValues)
    {
        Span<double> values = _source.Length <= 256 ? stackalloc double[_source.Length] : new double[_source.Length];
        for (var j = 0; j < _source.Length; j++) values[j] = catalogueValues[_source[j]];
        return Score(values).Points;
    }

    /// <summary>The score with every cash-flow attribute at the best value seen in training, the rest as they are.</summary>
    public int BestScoreWithCashFlow(ReadOnlySpan<double> catalogueValues)
    {
        Span<double> values = _source.Length <= 256 ? stackalloc double[_source.Length] : new double[_source.Length];
        for (var j = 0; j < _source.Length; j++)
        {
            values[j] = catalogueValues[_source[j]];
            if (DecisionModels.IsCashFlow(Attributes[j]) && Metadata.BestValues?[j] is { } best) values[j] = best;
        }

        return Score(values).Points;
    }

    /// <summary>
    /// Each model attribute's value (from catalogue-order values) and its contribution to the risk score in points
    /// (positive: it lowered the score), as <c>CalculateFeatureContribution</c> gives it; for <c>explain</c>.
    /// </summary>
    public IReadOnlyList<(AttributeDefinition Attribute, double Value, double PointsLost)> Contributions(ReadOnlySpan<double> catalogueValues)
    {
        if (catalogueValues.Length != Catalogue.Count)
            throw new ArgumentException($"Expected {Catalogue.Count} catalogue values, got {catalogueValues.Length}.", nameof(catalogueValues));
        var worker = Rent();
        try
        {
            var input = worker.Input.Features;
            for (var j = 0; j < _source.Length; j++) input[j] = (float)catalogueValues[_source[j]];
            worker.Engine.Predict(worker.Input, ref worker.Output);
            var contributions = worker.Output.FeatureContributions;
            var result = new (AttributeDefinition, double, double)[Attributes.Count];
            for (var j = 0; j < result.Length; j++)
                result[j] = (Attributes[j], catalogueValues[_source[j]], contributions[j] * PointsPerRawUnit);
            return result;
        }
        finally
        {
            _pool.Add(worker);
        }
    }

    /// <summary>True when at least one of the policy's history requirements is met (or there are none).</summary>
    public bool HasSufficientHistory(ReadOnlySpan<double> catalogueValues)
    {
        if (_history.Length == 0) return true;
        foreach (var (index, minimum) in _history)
        {
            var v = catalogueValues[index];
            if (!double.IsNaN(v) && v >= minimum) return true;
        }

        return false;
    }

    /// <summary>
    /// Score, decision and principal reasons for a value vector in catalogue order, in the same shape as the
    /// champion's: no reasons for an approval, the history requirements for insufficient data, and otherwise
    /// the challenger's reasons with their points lost.
    /// </summary>
    public ScoreAssessment Assess(ReadOnlySpan<double> catalogueValues)
    {
        if (catalogueValues.Length != Catalogue.Count)
            throw new ArgumentException($"Expected {Catalogue.Count} catalogue values, got {catalogueValues.Length}.", nameof(catalogueValues));
        Span<double> values = _source.Length <= 256 ? stackalloc double[_source.Length] : new double[_source.Length];
        for (var j = 0; j < _source.Length; j++) values[j] = catalogueValues[_source[j]];
        var result = Score(values);
        var decision = Metadata.Policy.Decide(result.Points, HasSufficientHistory(catalogueValues));
        IReadOnlyList<ScoreReason> reasons;
        switch (decision)
        {
            case Decision.Approve:
                reasons = [];
                break;
            case Decision.InsufficientData:
                // The history that was too short is the reason; no model attribute is blamed.
                var history = new ScoreReason[_history.Length];
                for (var h = 0; h < history.Length; h++)
                {
                    var d = Catalogue[_history[h].Index];
                    var v = catalogueValues[_history[h].Index];
                    history[h] = new ScoreReason(d.ReasonCode, d.Id, v, 0, d.Reason(v));
                }

                reasons = history;
                break;
            default:
                reasons = result.Reasons.Count > 0
                    ? [.. result.Reasons.Select(r => new ScoreReason(r.Code, r.AttributeId, r.Value, r.PointsLost, r.Sentence))]
                    : [ReasonSelection.LimitedData(catalogueValues, Catalogue, 0)];
                break;
        }

        return new ScoreAssessment(Metadata.ModelId, Metadata.ModelVersion, result.Points, decision, reasons);
    }

    private ChallengerReason[] Reasons(float[] contributions, ReadOnlySpan<double> values)
    {
        // The champion's rule (ReasonSelection): a missing value is never a reason; an attribute at its best value (or a
        // special value such as "never late") is not either, even when an interaction in the trees gives it a positive
        // contribution; equal sentences are one cause; at least MinimumPointsLost points; at most four.
        var best = Metadata.BestValues;
        var candidates = new List<ReasonCandidate>(8);
        for (var i = 0; i < Attributes.Count; i++)
        {
            var v = values[i];
            if (double.IsNaN(v) || !(contributions[i] > 0)) continue;
            if (Attributes[i].IsSpecial(v) || (best?[i] is { } b && (Attributes[i].Direction == RiskDirection.HigherIsRiskier ? v <= b : v >= b))) continue;
            candidates.Add(new ReasonCandidate(Attributes[i].ReasonCode, Attributes[i].Id, v, contributions[i] * PointsPerRawUnit, Attributes[i].Reason(v)));
        }

        return [.. ReasonSelection.Select(candidates).Select(r =>
        {
            var j = IndexOfAttribute(r.AttributeId);
            return new ChallengerReason(r.AttributeId, r.Code, r.Value, r.Sentence, contributions[j], r.PointsLost);
        })];
    }

    private int IndexOfAttribute(string id)
    {
        for (var i = 0; i < Attributes.Count; i++)
            if (Attributes[i].Id == id) return i;
        return -1;
    }

    /// <summary>Raw scores for every row of a data set, in row order (batch path, no contributions).</summary>
    public double[] RawScores(ChallengerDataSet data)
    {
        // Through the contributions as well, so that batch scores take missing values as neutral exactly as Score does.
        var scored = _scorer.Transform(MlRows.Load(_ml, data));
        var raw = new double[data.Rows];
        var i = 0;
        foreach (var s in scored.GetColumn<float>("Score")) raw[i++] = s;
        i = 0;
        foreach (var c in scored.GetColumn<float[]>("FeatureContributions"))
        {
            raw[i] = NeutralMissing(raw[i], c, data.Row(i));
            i++;
        }

        return raw;
    }

    /// <summary>Probabilities of default for every row of a data set, in row order.</summary>
    public double[] Probabilities(ChallengerDataSet data)
    {
        var raw = RawScores(data);
        for (var i = 0; i < raw.Length; i++) raw[i] = Probability(raw[i]);
        return raw;
    }

    /// <summary>Probabilities for row-major attribute rows without outcomes (the shape monotonicity checks need).</summary>
    public double[] Probabilities(float[] rows) =>
        Probabilities(new ChallengerDataSet(Attributes.Count, rows, new bool[rows.Length / Attributes.Count]));

    /// <summary>Writes <c>model.zip</c> (byte-stable: fixed entry times) and <c>metadata.json</c> into <paramref name="directory"/>.</summary>
    public void Save(string directory)
    {
        Directory.CreateDirectory(directory);
        var zipPath = Path.Combine(directory, ModelFile);
        using (var raw = new MemoryStream())
        {
            _ml.Model.Save(_scorer, _inputSchema, raw);
            raw.Position = 0;
            using var file = File.Create(zipPath);
            DeterministicZip.Copy(raw, file);
        }

        File.WriteAllText(Path.Combine(directory, MetadataFile), JsonSerializer.Serialize(Metadata, ChallengerMetadata.Json) + "\n");
    }

    /// <summary>True when <paramref name="directory"/> holds a challenger (its metadata says so).</summary>
    public static bool IsChallengerDirectory(string directory)
    {
        var path = Path.Combine(directory, MetadataFile);
        if (!File.Exists(path)) return false;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            return doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("kind", out var kind)
                && kind.ValueKind == JsonValueKind.String
                && kind.GetString() == ChallengerMetadata.KindName;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// Loads a saved challenger. Each attribute id in the metadata is looked up in <paramref name="catalogue"/>
    /// (by default the attribute catalogue). Throws <see cref="InvalidDataException"/> naming the file and
    /// the problem when the directory does not hold a usable challenger.
    /// </summary>
    public static ChallengerModel Load(string directory, IReadOnlyList<AttributeDefinition>? catalogue = null)
    {
        catalogue ??= AttributeCatalogue.All;
        var metadataPath = Path.Combine(directory, MetadataFile);
        var zipPath = Path.Combine(directory, ModelFile);
        if (!File.Exists(metadataPath)) throw new InvalidDataException($"{metadataPath}: file not found (expected the challenger's metadata).");
        if (!File.Exists(zipPath)) throw new InvalidDataException($"{zipPath}: file not found (expected the challenger's ML.NET model).");
        ChallengerMetadata metadata;
        try
        {
            metadata = JsonSerializer.Deserialize<ChallengerMetadata>(File.ReadAllBytes(metadataPath), ChallengerMetadata.Json)
                ?? throw new InvalidDataException($"{metadataPath}: expected a JSON object.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{metadataPath}: {ex.Path ?? "$"}: {ex.Message}");
        }

        if (metadata.Kind != ChallengerMetadata.KindName)
            throw new InvalidDataException($"{metadataPath}: $.kind: expected \"{ChallengerMetadata.KindName}\", found \"{metadata.Kind}\".");
        var attributes = new AttributeDefinition[metadata.Attributes.Count];
        for (var i = 0; i < attributes.Length; i++)
            attributes[i] = catalogue.FirstOrDefault(a => a.Id == metadata.Attributes[i])
                ?? throw new InvalidDataException($"{metadataPath}: $.attributes[{i}]: unknown attribute \"{metadata.Attributes[i]}\".");

        var ml = new MLContext(seed: metadata.Seed);
        ITransformer scorer;
        DataViewSchema schema;
        using (var stream = File.OpenRead(zipPath))
            scorer = ml.Model.Load(stream, out schema);
        var predictor = scorer is TransformerChain<ITransformer> chain ? chain.First()
            : throw new InvalidDataException($"{zipPath}: expected a LightGBM model followed by feature contributions.");
        try
        {
            return new ChallengerModel(ml, scorer, predictor, schema, metadata, attributes, catalogue);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException($"{metadataPath}: {ex.Message}");
        }
    }

    private Worker Rent()
    {
        if (_pool.TryTake(out var worker)) return worker;
        var engine = _ml.Model.CreatePredictionEngine<ChallengerMlInput, ChallengerMlOutput>(_scorer, inputSchemaDefinition: MlRows.Schema(Attributes.Count));
        return new Worker(engine, Attributes.Count);
    }

    private sealed class Worker(PredictionEngine<ChallengerMlInput, ChallengerMlOutput> engine, int columns)
    {
        public readonly PredictionEngine<ChallengerMlInput, ChallengerMlOutput> Engine = engine;
        public readonly ChallengerMlInput Input = new() { Features = new float[columns] };
        public ChallengerMlOutput Output = new();
    }
}
