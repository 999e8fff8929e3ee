using System.Text.Json;
using System.Text.Json.Serialization;

namespace CreditAlt.Core.Scoring;

/// <summary>
/// Reads and writes a <see cref="Scorecard"/> as readable, indented JSON (<c>scorecard.json</c>). Writing is
/// deterministic (fixed property order, shortest round-trip doubles, '\n' line ends), so the same model gives the
/// same bytes and loading it back reproduces every score exactly.
/// </summary>
public static class ScorecardJson
{
    public const string Format = "creditalt-scorecard/1";

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        NewLine = "\n",
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    private sealed record Document(
        string Format,
        string ModelId,
        string Version,
        ScoreScaling Scaling,
        int BasePoints,
        DecisionPolicy Policy,
        IReadOnlyList<ScorecardAttribute> Attributes,
        ScoreBounds? ScoreRange = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ApprovedDistribution>? ApprovedDistributions = null);

    public static string Serialize(Scorecard model) =>
        JsonSerializer.Serialize(new Document(Format, model.ModelId, model.Version, model.Scaling, model.BasePoints, model.Policy, model.Attributes,
            model.PossibleRange, model.ApprovedDistributions.Count == 0 ? null : model.ApprovedDistributions), Options) + "\n";

    /// <summary>Parses a scorecard; a malformed document raises <see cref="InvalidDataException"/> naming the JSON path.</summary>
    public static Scorecard Deserialize(string json)
    {
        Document? doc;
        try
        {
            doc = JsonSerializer.Deserialize<Document>(json, Options);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"Not a valid scorecard at {ex.Path ?? "$"} (line {ex.LineNumber + 1}): {ex.Message}", ex);
        }

        if (doc is null) throw new InvalidDataException("Not a valid scorecard at $: expected an object.");
        if (doc.Format != Format) throw new InvalidDataException($"Not a valid scorecard at $.format: expected \"{Format}\", got \"{doc.Format}\".");
        Scorecard model;
        try
        {
            model = new Scorecard(doc.ModelId, doc.Version, doc.Scaling, doc.BasePoints, doc.Attributes, doc.Policy, doc.ApprovedDistributions);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException($"Not a valid scorecard at $.attributes: {ex.Message}", ex);
        }

        // The stored range is what notices disclose; it must be the one the points can actually produce.
        if (doc.ScoreRange is { } stored && stored != model.PossibleRange)
            throw new InvalidDataException($"Not a valid scorecard at $.scoreRange: says {stored.Min}–{stored.Max}, but the points give {model.PossibleRange.Min}–{model.PossibleRange.Max}.");
        if (doc.ApprovedDistributions?.FirstOrDefault(d => d.Percentiles.Count != ApprovedDistribution.Points) is { } bad)
            throw new InvalidDataException($"Not a valid scorecard at $.approvedDistributions: '{bad.AttributeId}' needs {ApprovedDistribution.Points} percentiles.");
        return model;
    }
}
