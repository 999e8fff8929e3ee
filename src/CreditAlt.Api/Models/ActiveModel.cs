using System.Security.Cryptography;
using System.Text.Json;
using CreditAlt.Api.Infrastructure;
using CreditAlt.Core.Scoring;
using Microsoft.Extensions.Options;

namespace CreditAlt.Api.Models;

/// <summary>The scorecard this process scores with, loaded once at start-up, with its model card and evaluation when they sit beside it.</summary>
internal sealed class ActiveModel
{
    public ActiveModel(IOptions<ApiOptions> options, IHostEnvironment environment)
    {
        Path = ApiOptionsValidator.ResolvePath(environment, options.Value.ModelPath);
        var bytes = File.ReadAllBytes(Path);
        Scorecard = ScorecardJson.Deserialize(System.Text.Encoding.UTF8.GetString(bytes));
        Engine = new ScorecardEngine(Scorecard);
        ArtifactSha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var dir = System.IO.Path.GetDirectoryName(Path)!;
        Card = FirstExisting(dir, "model-card.md", "MODEL-CARD.md", "MODEL_CARD.md", "card.md", "README.md") is { } card ? File.ReadAllText(card) : null;
        if (FirstExisting(dir, "evaluation.json") is { } evaluation)
        {
            try
            {
                Evaluation = JsonDocument.Parse(File.ReadAllBytes(evaluation)).RootElement.Clone();
            }
            catch (JsonException)
            {
                // A broken evaluation file must not stop scoring; the model endpoint simply omits it.
            }
        }
    }

    public string Path { get; }

    public Scorecard Scorecard { get; }

    public ScorecardEngine Engine { get; }

    public string ArtifactSha256 { get; }

    public string? Card { get; }

    public JsonElement? Evaluation { get; }

    private static string? FirstExisting(string dir, params string[] names) =>
        names.Select(n => System.IO.Path.Combine(dir, n)).FirstOrDefault(File.Exists);
}
