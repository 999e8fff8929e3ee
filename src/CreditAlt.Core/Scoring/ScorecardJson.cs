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
        IReadOnlyList<ScorecardAttribute> Attributes);

    public static string Serialize(Scorecard model) =>
        JsonSerializer.Serialize(new Document(Format, model.ModelId, model.Version, model.Scaling, model.BasePoints, model.Policy, model.Attributes), Options) + "\n";

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
        try
        {
            return new Scorecard(doc.ModelId, doc.Version, doc.Scaling, doc.BasePoints, doc.Attributes, doc.Policy);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException($"Not a valid scorecard at $.attributes: {ex.Message}", ex);
        }
    }
}
