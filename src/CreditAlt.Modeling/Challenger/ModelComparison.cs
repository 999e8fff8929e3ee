using CreditAlt.Core.Scoring;
using CreditAlt.Modeling.Evaluation;
using CreditAlt.Modeling.Training;

namespace CreditAlt.Modeling.Challenger;

/// <summary>
/// The side-by-side evaluation of the shipped models: champion and challenger scored on the same held-out
/// split (same seed as their training), with the bureau score, the oracle and the challenger's monotonicity.
/// </summary>
public static class ModelComparison
{
    public static EvaluationReport Run(PortfolioDataSet data, Scorecard champion, ChallengerModel challenger, int seed, Action<string, double>? progress = null)
    {
        var sufficient = ChampionTraining.SufficientRows(data);
        var heldOut = DevelopmentSplit.Of(data, seed).HeldOut;
        progress?.Invoke("Scoring held-out applicants with the champion", 0);
        var championPd = RejectInference.Probabilities(data, heldOut, champion, out var championScore);

        progress?.Invoke("Scoring held-out applicants with the challenger", 0);
        var rows = ChallengerTraining.Rows(data, heldOut);
        var raws = challenger.RawScores(rows);
        var insufficient = heldOut.Select(i => !sufficient[i]).ToArray();
        var models = new[]
        {
            new ReportModelInput("challenger", [.. raws.Select(challenger.Points)], [.. raws.Select(challenger.Probability)], insufficient,
                challenger.Metadata.Policy.ApproveAt, challenger.Metadata.Policy.DeclineBelow),
            new ReportModelInput("champion", championScore, championPd, insufficient, champion.Policy.ApproveAt, champion.Policy.DeclineBelow),
        };

        progress?.Invoke("Measuring the challenger's monotonicity", 0);
        var sample = ChallengerTraining.Rows(data, ChallengerTraining.SampleEvenly(heldOut.Where(i => sufficient[i]).ToArray(), ChallengerTraining.MonotonicitySample));
        var monotonicity = ChallengerMonotonicity.Measure(sample, challenger.Attributes, challenger.Probabilities);
        return ReportBuilder.Build(ChallengerTraining.Population(data, heldOut, sufficient), models, new ReportOptions
        {
            Title = "Champion and challenger on the held-out split",
            Split = $"Seeded 30 % held-out split (seed {seed}), the split both models were trained without:",
            BootstrapSeed = seed,
        }, monotonicity);
    }
}
