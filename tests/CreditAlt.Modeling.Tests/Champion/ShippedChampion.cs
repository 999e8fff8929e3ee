using CreditAlt.Core.Scoring;

namespace CreditAlt.Modeling.Tests.Champion;

/// <summary>The champion shipped in models/champion, loaded once for the property tests.</summary>
internal static class ShippedChampion
{
    public static readonly string Directory = Path.Combine(FindRepoRoot(), "models", "champion");

    public static readonly Scorecard Model = ScorecardJson.Deserialize(File.ReadAllText(Path.Combine(Directory, "scorecard.json")));

    public static readonly ScorecardEngine Engine = new(Model);

    public static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CreditAlt.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("CreditAlt.sln not found above the test directory.");
    }
}
