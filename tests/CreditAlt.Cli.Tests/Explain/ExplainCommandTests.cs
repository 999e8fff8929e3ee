using System.Globalization;
using CreditAlt.Core.Applications;
using CreditAlt.Core.Attributes;
using CreditAlt.Core.Recourse;
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
        Assert.Contains($"Score {expected.Score} (range {challenger.PossibleRange.Min}–{challenger.PossibleRange.Max})", output, StringComparison.Ordinal);
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
        var assessment = challenger.Assess(values);
        Assert.Equal(Decision.Decline, assessment.Decision);
        var recourse = RecoursePlanner.Plan(worse, values, challenger, assessment)!;
        Assert.NotEmpty(recourse.Summary);

        var (code, output) = Explain("--application", file, "--model", RepositoryPaths.Of("models", "challenger"));

        Assert.Equal(0, code);
        Assert.Contains("What would change the outcome", output, StringComparison.Ordinal);
        foreach (var line in recourse.Summary)
            Assert.Contains(OneLine(line), OneLine(output), StringComparison.Ordinal);
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
        Assert.Contains($"Score {expected.Score} (range {engine.Model.PossibleRange.Min}–{engine.Model.PossibleRange.Max})", output, StringComparison.Ordinal);
        Assert.Contains($"Decision {expected.Decision.ToWire()}", output, StringComparison.Ordinal);
        Assert.All(engine.Explain(values), line => Assert.Contains($"│ {line.AttributeId}", output, StringComparison.Ordinal));
    }

    [Fact]
    public void Explain_Json_PrintsTheDocumentedObject()
    {
        var engine = new ScorecardEngine(ScorecardJson.Deserialize(File.ReadAllText(RepositoryPaths.Of("models", "champion", "scorecard.json"))));
        var (file, dir) = Worse();
        using var _ = dir;
        var application = ApplicationJson.Parse(File.ReadAllBytes(file)).Application!;
        var values = AttributeCalculator.Compute(application);
        var expected = engine.Assess(values);
        Assert.Equal(Decision.Decline, expected.Decision);
        var plan = RecoursePlanner.Plan(application, values, engine, expected)!;

        var (code, output) = Explain("--application", file, "--model", RepositoryPaths.Of("models", "champion"), "--json");

        Assert.Equal(0, code);
        var json = System.Text.Json.JsonDocument.Parse(output).RootElement;
        Assert.Equal(
            ["applicationId", "modelId", "modelVersion", "decision", "score", "scoreRange", "reasons", "recourse", "points"],
            json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("decline", expected.Score), (json.GetProperty("decision").GetString(), json.GetProperty("score").GetInt32()));
        Assert.Equal((engine.ScoreRange.Min, engine.ScoreRange.Max),
            (json.GetProperty("scoreRange").GetProperty("min").GetInt32(), json.GetProperty("scoreRange").GetProperty("max").GetInt32()));
        Assert.Equal(expected.Reasons.Select(r => (r.Code, r.Sentence, r.PointsLost, r.ObligationType)),
            json.GetProperty("reasons").EnumerateArray().Select(r => (r.GetProperty("code").GetString()!, r.GetProperty("sentence").GetString()!,
                r.GetProperty("pointsBelowBest").GetInt32(), r.GetProperty("obligationType").GetString())));
        var recourse = json.GetProperty("recourse");
        Assert.Equal(plan.Reachable, recourse.GetProperty("reachable").GetBoolean());
        Assert.Equal(plan.ApprovedFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), recourse.GetProperty("approvedFrom").GetString());
        Assert.Equal(plan.Actions.Select(a => a.Kind), recourse.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("kind").GetString()!));
        Assert.Equal(engine.Model.Attributes.Count, json.GetProperty("points").GetArrayLength());
    }

    [Fact]
    public void Explain_InsufficientData_ShowsNoScoreAndWhenTheHistoryIsLongEnough()
    {
        // The sample cut to its last five months of payments: one month short of the six needed.
        var sample = ApplicationJson.Parse(File.ReadAllBytes(Sample)).Application!;
        var cutoff = sample.AsOfDate.AddMonths(-5);
        var shorter = sample with { Obligations = [.. sample.Obligations.Select(a => a with { Payments = [.. a.Payments.Where(p => p.DueDate > cutoff)] })] };
        using var dir = new TempDirectory();
        var file = dir.File("short.json");
        File.WriteAllText(file, ApplicationJson.ToJson(shorter));

        var (code, output) = Explain("--application", file, "--model", RepositoryPaths.Of("models", "champion"), "--json");
        var (textCode, text) = Explain("--application", file, "--model", RepositoryPaths.Of("models", "champion"));

        Assert.Equal((0, 0), (code, textCode));
        var json = System.Text.Json.JsonDocument.Parse(output).RootElement;
        Assert.Equal("insufficient_data", json.GetProperty("decision").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.GetProperty("score").ValueKind);
        var recourse = json.GetProperty("recourse");
        Assert.Equal("2026-07-31", recourse.GetProperty("enoughHistoryFrom").GetString());
        Assert.Equal("time", recourse.GetProperty("actions")[0].GetProperty("kind").GetString());
        Assert.Contains("Score none", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"Score \d", text);
    }

    /// <summary>The sample made worse (see <see cref="Explain_ChallengerDecline_PrintsTheChallengersRecourse"/>), written to a file.</summary>
    private static (string File, TempDirectory Dir) Worse()
    {
        var sample = ApplicationJson.Parse(File.ReadAllBytes(Sample)).Application!;
        var worse = sample with
        {
            Obligations = [.. sample.Obligations.Select(account => account with
            {
                Payments = [.. account.Payments.Select((p, i) => p with
                {
                    PaidDate = account.Type is ObligationType.Utility or ObligationType.Telecom && i % 6 == 0 ? p.DueDate.AddDays(45) : p.PaidDate,
                    AmountPaid = account.Type == ObligationType.Utility && i % 2 == 0 ? Math.Round(p.AmountDue / 2, 2) : p.AmountPaid,
                })],
            })],
            CashFlow = [.. sample.CashFlow.Select(m => m with { NsfCount = 1, LowestBalance = -200m })],
        };
        var dir = new TempDirectory();
        var file = dir.File("declined.json");
        File.WriteAllText(file, ApplicationJson.ToJson(worse));
        return (file, dir);
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
