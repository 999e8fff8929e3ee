using CreditAlt.Core.Attributes;
using System.Text.Json;
using CreditAlt.Modeling.Challenger;
using CreditAlt.Modeling.Evaluation;
using CreditAlt.Portfolio.Synthetic;

namespace CreditAlt.Modeling.Tests.Challenger;

public sealed class ChallengerTrainingTests
{
    [Fact]
    public void ChampionPolicy_DefaultSeed_CutoffsAtImpliedPdFiveAndTwelvePercent()
    {
        // 600 + (20/ln 2)·ln((.95/.05)/50) = 572.08 → 573; 600 + (20/ln 2)·ln((.88/.12)/50) = 544.61 → 545.
        var policy = ChallengerTraining.ChampionPolicy(7);
        Assert.Equal(573, policy.ApproveAt);
        Assert.Equal(545, policy.DeclineBelow);
        Assert.Equal("all_months_history", Assert.Single(policy.HistoryRequirements).AttributeId);
    }

    [Fact]
    public void SampleEvenly_MoreRowsThanWanted_TakesEveryStepthRow()
    {
        // 10 rows, 4 wanted: step 2.5 → positions 0, 2 (2.5), 5, 7 (7.5).
        Assert.Equal([10, 12, 15, 17], ChallengerTraining.SampleEvenly([10, 11, 12, 13, 14, 15, 16, 17, 18, 19], 4));
        Assert.Equal([1, 2], ChallengerTraining.SampleEvenly([1, 2], 4));
    }

    [Fact]
    public void Run_SmallGeneratedPortfolio_WritesModelAndReportThatReloads()
    {
        var data = ChallengerTestData.TempDirectory();
        var output = ChallengerTestData.TempDirectory();
        PortfolioGeneration.Write(new PortfolioGenerator(3, 3000), data, threads: 1);
        var result = ChallengerTraining.Run(data, output, 3, options: ChallengerTestData.FastOptions);

        // 30 % of 3,000 held out; the report is computed on those with enough history.
        Assert.Equal(900, result.Evaluation.Applicants);
        Assert.Equal(result.Evaluation.Auc, result.Model.Metadata.Evaluation!.Auc);
        Assert.Equal(AttributeCatalogue.Count, result.Evaluation.Monotonicity!.Count);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, ReportWriters.JsonFile)));
        Assert.Equal(result.Evaluation.Auc!.Value, json.RootElement.GetProperty("auc").GetDouble());
        Assert.True(File.Exists(Path.Combine(output, ReportWriters.MarkdownFile)));

        var loaded = ChallengerModel.Load(output);
        var values = new double[loaded.Catalogue.Count];
        Assert.Equal(loaded.Metadata.Policy.ApproveAt, result.Model.Metadata.Policy.ApproveAt);
        Assert.Equal(result.Model.Assess(values), loaded.Assess(values), AssessmentComparer.Instance);
    }

    private sealed class AssessmentComparer : IEqualityComparer<CreditAlt.Core.Scoring.ScoreAssessment>
    {
        public static readonly AssessmentComparer Instance = new();

        public bool Equals(CreditAlt.Core.Scoring.ScoreAssessment? x, CreditAlt.Core.Scoring.ScoreAssessment? y) =>
            x is not null && y is not null && x.Score == y.Score && x.Decision == y.Decision && x.Reasons.SequenceEqual(y.Reasons);

        public int GetHashCode(CreditAlt.Core.Scoring.ScoreAssessment obj) => obj.Score;
    }
}
