using System.Globalization;
using CreditAlt.Core.Applications;
using CreditAlt.Core.Attributes;
using CreditAlt.Core.Scoring;
using CreditAlt.Modeling.Challenger;

namespace CreditAlt.Cli.Tests.Explain;

public sealed class ExplainCommandTests
{
    private static readonly string Sample = RepositoryPaths.Of("data-samples", "application.json");

    [Fact]
    public void Explain_Challenger_PrintsItsScoreDecisionAndEveryAttributesContribution()
    {
        var challenger = ChallengerModel.Load(RepositoryPaths.Of("models", "challenger"));
        var values = AttributeCalculator.Compute(ApplicationJson.Parse(File.ReadAllBytes(Sample)).Application!);
        var expected = challenger.Assess(values);

        var (code, output) = Explain("--application", Sample, "--model", RepositoryPaths.Of("models", "challenger"));

        Assert.Equal(0, code);
        Assert.Contains($"Model {challenger.Metadata.ModelId} {challenger.Metadata.ModelVersion}", output, StringComparison.Ordinal);
        Assert.Contains($"Score {expected.Score} (range 300–850)", output, StringComparison.Ordinal);
        Assert.Contains($"Decision {expected.Decision.ToWire()} (approve at {challenger.Metadata.Policy.ApproveAt} or more", output, StringComparison.Ordinal);
        foreach (var (attribute, _, pointsLost) in challenger.Contributions(values))
            Assert.Contains($"│ {attribute.Id}", output, StringComparison.Ordinal);
        var largest = challenger.Contributions(values).MaxBy(c => c.PointsLost);
        Assert.Contains(largest.PointsLost.ToString("0.0", CultureInfo.InvariantCulture), output, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_ChallengerDecline_PrintsTheChallengersRecourse()
    {
        // The sample made worse: every other utility bill half paid, every sixth utility and telecom bill 12 days late,
        // an NSF item and an overdrawn balance every month. The shipped challenger declines that; paying in full is a lever.
        var sample = ApplicationJson.Parse(File.ReadAllBytes(Sample)).Application!;
        var worse = sample with
        {
            Obligations = [.. sample.Obligations.Select(account => account with
            {
                Payments = [.. account.Payments.Select((p, i) => p with
                {
                    PaidDate = account.Type is ObligationType.Utility or ObligationType.Telecom && i % 6 == 0 ? p.DueDate.AddDays(12) : p.PaidDate,
                    AmountPaid = account.Type == ObligationType.Utility && i % 2 == 0 ? Math.Round(p.AmountDue / 2, 2) : p.AmountPaid,
                })],
            })],
            CashFlow = [.. sample.CashFlow.Select(m => m with { NsfCount = 1, LowestBalance = -200m })],
        };
        using var dir = new TempDirectory();
        var file = dir.File("declined.json");
        File.WriteAllText(file, ApplicationJson.ToJson(worse));
        var challenger = ChallengerModel.Load(RepositoryPaths.Of("models", "challenger"));
        var values = AttributeCalculator.Compute(worse);
        var recourse = challenger.FindRecourse(values);
        Assert.Equal(Decision.Decline, challenger.Assess(values).Decision);
        Assert.True(recourse.Reachable);

        var (code, output) = Explain("--application", file, "--model", RepositoryPaths.Of("models", "challenger"));

        Assert.Equal(0, code);
        Assert.Contains($"What would change the outcome {recourse.Describe()} (score {recourse.ResultingScore})", OneLine(output), StringComparison.Ordinal);
    }

    // The console wraps long lines at its width.
    private static string OneLine(string output) => System.Text.RegularExpressions.Regex.Replace(output, @"\s+", " ");

    [Fact]
    public void Explain_Champion_PrintsTheEnginesScoreAndAPointsRowPerAttribute()
    {
        var engine = new ScorecardEngine(ScorecardJson.Deserialize(File.ReadAllText(RepositoryPaths.Of("models", "champion", "scorecard.json"))));
        var values = AttributeCalculator.Compute(ApplicationJson.Parse(File.ReadAllBytes(Sample)).Application!);
        var expected = engine.Assess(values);

        var (code, output) = Explain("--application", Sample, "--model", RepositoryPaths.Of("models", "champion"));

        Assert.Equal(0, code);
        Assert.Contains($"Score {expected.Score} (range 300–850)", output, StringComparison.Ordinal);
        Assert.Contains($"Decision {expected.Decision.ToWire()}", output, StringComparison.Ordinal);
        Assert.All(engine.Explain(values), line => Assert.Contains($"│ {line.AttributeId}", output, StringComparison.Ordinal));
    }

    [Fact]
    public void Explain_MalformedApplication_FailsNamingThePathAndWhatWasExpected()
    {
        using var dir = new TempDirectory();
        var bad = dir.File("bad.json");
        File.WriteAllText(bad, File.ReadAllText(Sample).Replace("\"asOfDate\": \"2026-06-30\"", "\"asOfDate\": \"30/06/2026\"", StringComparison.Ordinal));

        var (code, error) = CliRunner.Run("explain", "--application", bad, "--model", RepositoryPaths.Of("models", "champion"));

        Assert.NotEqual(0, code);
        Assert.Contains("asOfDate", error, StringComparison.Ordinal);
    }

    private static (int Code, string Output) Explain(params string[] args) => CliRunner.RunWithOutput(["explain", .. args]);
}
