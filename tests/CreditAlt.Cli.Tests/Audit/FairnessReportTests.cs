namespace CreditAlt.Cli.Tests.Audit;

public sealed class FairnessReportTests
{
    /// <summary>
    /// The committed top-level fairness-report.md must be what scripts/fairness-report.sh makes today: the same
    /// two commands, run in-process. When it fails, run the script and commit the new report.
    /// </summary>
    [Fact]
    public void ChampionAudit_CommittedReport_IsCurrent()
    {
        using var temp = new TempDirectory();
        var decisions = temp.File("decisions.csv");
        var score = CliRunner.Run("score", "--data", RepositoryPaths.Of("data-samples", "portfolio"), "--model", RepositoryPaths.Of("models", "champion"), "--out", decisions);
        Assert.Equal((0, ""), score);
        var challengerDecisions = temp.File("challenger-decisions.csv");
        Assert.Equal((0, ""), CliRunner.Run("score", "--data", RepositoryPaths.Of("data-samples", "portfolio"), "--model", RepositoryPaths.Of("models", "challenger"), "--out", challengerDecisions));
        var audit = CliRunner.Run(
            "audit", "--input", decisions, "--challenger-input", challengerDecisions,
            "--join", RepositoryPaths.Of("data-samples", "portfolio", "demographics.csv"),
            "--join", RepositoryPaths.Of("data-samples", "portfolio", "outcomes.csv"),
            "--join", RepositoryPaths.Of("data-samples", "portfolio", "applications.csv"),
            "--key", "application_id",
            "--decision-column", "decision", "--favorable-value", "approve",
            "--group-column", "race_ethnicity", "--group-column", "sex", "--group-column", "age_band", "--intersections",
            "--score-column", "score", "--outcome-column", "defaulted", "--bad-value", "1", "--truth-column", "true_pd",
            "--control-column", "requested_amount", "--control-column", "bureau_score",
            "--out", temp.File("report"));
        Assert.Equal((0, ""), audit);

        var fresh = File.ReadAllBytes(temp.File(Path.Combine("report", "fairness-report.md")));
        var committed = File.ReadAllBytes(RepositoryPaths.Of("fairness-report.md"));
        if (!fresh.AsSpan().SequenceEqual(committed))
        {
            var a = System.Text.Encoding.UTF8.GetString(committed).Split('\n');
            var b = System.Text.Encoding.UTF8.GetString(fresh).Split('\n');
            int line = Enumerable.Range(0, Math.Min(a.Length, b.Length)).FirstOrDefault(i => a[i] != b[i], Math.Min(a.Length, b.Length));
            Assert.Fail($"fairness-report.md is stale (first difference on line {line + 1}: committed '{(line < a.Length ? a[line] : "<end>")}', now '{(line < b.Length ? b[line] : "<end>")}'): run scripts/fairness-report.sh and commit it");
        }
    }
}
