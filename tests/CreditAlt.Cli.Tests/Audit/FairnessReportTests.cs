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
            "--model", RepositoryPaths.Of("models", "champion"), "--data", RepositoryPaths.Of("data-samples", "portfolio"),
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

        // The same run's JSON and HTML: the champion's drivers and proxies (issue 15: rent, childcare and missing-data
        // attributes must appear), sorted by contribution, and the controlled analysis with the model's own attributes
        // keeping every applicant.
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(temp.File(Path.Combine("report", "fairness-report.json"))));
        var rows = json.RootElement.GetProperty("drivers").GetProperty("rows").EnumerateArray().ToList();
        var names = rows.Select(r => r.GetProperty("attribute").GetString()).ToList();
        Assert.Contains("rent_ontime_share_24m", names);
        Assert.Contains("childcare_ontime_share_12m", names);
        Assert.Contains("childcare_ontime_share_12m missing", names);
        Assert.Contains(rows, r => r.GetProperty("kind").GetString() == "missing-data");
        var contributions = rows.Select(r => r.GetProperty("maxContribution").GetDouble()).ToList();
        Assert.Equal(contributions.OrderDescending(), contributions);
        Assert.All(rows, r => Assert.Equal(8, r.GetProperty("groups").GetArrayLength())); // 4 race, 1 sex, 3 age groups judged
        foreach (var model in json.RootElement.GetProperty("controlledModels").EnumerateArray())
        {
            Assert.Equal(5000, model.GetProperty("rowsUsed").GetInt64());
            Assert.Equal(5000, model.GetProperty("rowsAudited").GetInt64());
            Assert.True(model.GetProperty("converged").GetBoolean());
            Assert.Contains(model.GetProperty("terms").EnumerateArray(), t => t.GetProperty("term").GetString()!.StartsWith("rent_ontime_share_24m (per SD", StringComparison.Ordinal));
        }

        Assert.Contains(json.RootElement.GetProperty("verdict").GetProperty("sentences").EnumerateArray(), s => s.GetString()!.Contains("is driven by", StringComparison.Ordinal));
        var html = File.ReadAllText(temp.File(Path.Combine("report", "fairness-report.html")));
        Assert.Contains("Drivers of the approval ratios", html, StringComparison.Ordinal);
    }
}
