using System.Globalization;
using CreditAlt.Core.Attributes;
using CreditAlt.Core.Scoring;
using CreditAlt.Modeling.Challenger;
using CreditAlt.Portfolio.Csv;

namespace CreditAlt.Cli.Tests.Scoring;

public sealed class ScoreCommandTests
{
    [Fact]
    public void Score_Challenger_WritesEachApplicationsAssessmentInInputOrder()
    {
        using var dir = new TempDirectory();
        var portfolio = dir.File("portfolio");
        Assert.Equal(0, CliRunner.Run("generate", "--applications", "200", "--seed", "5", "--out", portfolio).ExitCode);
        var modelDir = RepositoryPaths.Of("models", "challenger");

        var (code, error) = CliRunner.Run("score", "--data", portfolio, "--model", modelDir, "--out", dir.File("decisions.csv"));

        Assert.True(code == 0, error);
        var challenger = ChallengerModel.Load(modelDir);
        var expected = new List<string>();
        using (var reader = PortfolioReader.Open(portfolio))
        {
            while (reader.TryRead(out var application))
            {
                var a = challenger.Assess(AttributeCalculator.Compute(application));
                var score = a.Decision == Decision.InsufficientData ? "" : a.Score.ToString(CultureInfo.InvariantCulture);
                var codes = Enumerable.Range(0, 4).Select(i => i < a.Reasons.Count ? a.Reasons[i].Code : "");
                expected.Add(string.Join(',', [application.ApplicationId, score, a.Decision.ToWire(), .. codes]));
            }
        }

        var rows = File.ReadAllLines(dir.File("decisions.csv")).Skip(1).Select(l => string.Join(',', l.Split(',').Take(7))).ToList();
        Assert.Equal(200, rows.Count);
        Assert.Equal(expected, rows);
    }
}
