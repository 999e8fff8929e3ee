using CreditAlt.Core.Scoring;

namespace CreditAlt.Modeling.Tests.Champion;

/// <summary>The champion shipped in models/champion, loaded once for the property tests.</summary>
internal static class ShippedChampion
{
    public static readonly string Directory = RepoRoot.Path("models", "champion");

    public static readonly Scorecard Model = ScorecardJson.Deserialize(File.ReadAllText(Path.Combine(Directory, "scorecard.json")));

    public static readonly ScorecardEngine Engine = new(Model);
}
