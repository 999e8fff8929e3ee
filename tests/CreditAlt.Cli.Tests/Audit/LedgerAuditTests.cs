using System.Globalization;
using System.Text;
using CreditAlt.Audits.Ledger;
using CreditAlt.Cli.Audit;
using CreditAlt.Data;
using CreditAlt.Data.Audits;
using CreditAlt.Fairness.Audit;
using CreditAlt.Fairness.Input;
using CreditAlt.Fairness.Reports;
using Dapper;
using Npgsql;

namespace CreditAlt.Cli.Tests.Audit;

/// <summary>
/// The audit over the ledger (group counts by SQL aggregates) must give exactly the figures of the CSV audit of the
/// same decisions. One suite, one sealed subclass per engine (real SQLite file, real PostgreSQL).
/// </summary>
public abstract class LedgerAuditTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private Func<Task> _drop = () => Task.CompletedTask;

    protected abstract Task<(string Db, Func<Task> Drop)> CreateDatabaseAsync();

    /// <summary>A fresh database from the shared engine fixtures (CreditAlt.Testing).</summary>
    protected static async Task<(string Db, Func<Task> Drop)> Create(EngineProvider provider)
    {
        var database = await provider.CreateAsync();
        return (database.Db, async () => await database.DisposeAsync());
    }

    protected string Db { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        (Db, _drop) = await CreateDatabaseAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _drop();
        _temp.Dispose();
        GC.SuppressFinalize(this);
    }

    private sealed record Row(string ApplicationId, string Model, int? Score, string Decision, string? Race, string? Sex);

    /// <summary>
    /// 400 decisions of a fixed pseudo-random draw: groups with different approval rates, missing demographics,
    /// unscored (insufficient data) decisions, an application decided twice, and 40 decisions of another model.
    /// </summary>
    private static List<Row> Decisions()
    {
        var random = new Random(20261126);
        string?[] races = ["white", "white", "white", "black", "black", "asian", null];
        string?[] sexes = ["female", "male", "male", null];
        var rows = new List<Row>();
        for (int i = 0; i < 400; i++)
        {
            var race = races[random.Next(races.Length)];
            var sex = sexes[random.Next(sexes.Length)];
            double approve = race == "black" ? 0.45 : race == "asian" ? 0.6 : 0.7;
            double u = random.NextDouble();
            string decision = u < approve ? "approve" : u < approve + 0.1 ? "refer" : u < 0.95 ? "decline" : "insufficient_data";
            int? score = decision == "insufficient_data" ? null : 300 + random.Next(551);
            var id = i == 399 ? "APP-0007" : $"APP-{i:D4}";
            rows.Add(new Row(id, i % 10 == 3 ? "other" : "champion", score, decision, race, sex));
        }

        // APP-0007 decided twice: the ledger counts both decisions, and so does the CSV (two rows).
        rows[399] = rows[399] with { Race = rows[7].Race, Sex = rows[7].Sex };
        return rows;
    }

    private async Task<CreditAltDatabase> FillAsync(List<Row> rows)
    {
        var db = CreditAltDatabase.Open(Db);
        await db.MigrateAsync(TestContext.Current.CancellationToken);
        await using (var c = await db.OpenAsync(TestContext.Current.CancellationToken))
        {
            // Straight into the table: the audit reads only these columns, the hash chain is not under test here.
            await c.ExecuteAsync(
                "INSERT INTO decisions (seq, decision_id, lender_id, application_id, applicant_id, model_id, model_version, application_fingerprint, application_json, score, decision, recourse, as_of_date, recorded_at, idempotency_key, request_hash, prev_hash, hash) " +
                "VALUES (@Seq, @DecisionId, 'L1', @ApplicationId, 'C1', @Model, '1.0.0', 'f', '{}', @Score, @Decision, NULL, '2026-06-30', '2026-06-30T00:00:00Z', NULL, NULL, 'p', @DecisionId)",
                rows.Select((r, i) => new { Seq = (long)i + 1, DecisionId = $"D{i}", r.ApplicationId, r.Model, r.Score, r.Decision }));
        }

        var demographics = rows.DistinctBy(r => r.ApplicationId)
            .SelectMany(r => new[] { ("race", r.Race), ("sex", r.Sex) }.Where(t => t.Item2 is not null).Select(t => new DemographicRecord(r.ApplicationId, t.Item1, t.Item2!)))
            .ToList();
        await db.Demographics.SaveAsync(demographics, TestContext.Current.CancellationToken);
        return db;
    }

    private string WriteCsv(IEnumerable<Row> rows)
    {
        var sb = new StringBuilder("application_id,score,decision,race,sex\n");
        foreach (var r in rows)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{r.ApplicationId},{r.Score},{r.Decision},{r.Race},{r.Sex}\n");
        }

        var path = _temp.File("decisions.csv");
        File.WriteAllText(path, sb.ToString());
        return path;
    }

    [Theory]
    [InlineData(true)] // one cross-tabulation query, margins added up
    [InlineData(false)] // one query per attribute
    public async Task CountsAsync_SameDecisions_GivesTheCsvAuditFigures(bool intersections)
    {
        var rows = Decisions();
        await using var db = await FillAsync(rows);
        var csv = WriteCsv(rows.Where(r => r.Model == "champion"));
        var options = new AuditOptions { MinGroupSize = 10, Intersections = intersections, Source = "same", FavorableDescription = "approve" };

        var fromCsv = AuditEngine.Run(CsvAuditReader.Read(csv, new CsvAuditSpec("decision", "approve", ["race", "sex"], ScoreColumn: "score")), options);
        var counts = await LedgerAudit.CountsAsync(db, ["race", "sex"], options, "approve", "champion", null, null, TestContext.Current.CancellationToken);
        var fromLedger = AuditEngine.Summarise(counts, options);

        Assert.Equal(360, counts.RowCount);
        Assert.Equal(intersections ? ["race", "sex", "race × sex"] : ["race", "sex"], fromLedger.Attributes.Select(a => a.Attribute));
        Assert.Equal(Encoding.UTF8.GetString(FairnessReportWriter.ToJson(fromCsv)), Encoding.UTF8.GetString(FairnessReportWriter.ToJson(fromLedger)));
    }

    [Fact]
    public async Task AuditCommand_DbAndCsv_WriteTheSameReportButForTheSource()
    {
        var rows = Decisions();
        await (await FillAsync(rows)).DisposeAsync();
        var csv = WriteCsv(rows.Where(r => r.Model == "champion"));

        var ledger = CliRunner.Run("audit", "--db", Db, "--model-id", "champion", "--group-column", "race", "--group-column", "sex", "--intersections", "--min-group-size", "10", "--out", _temp.File("ledger"));
        var file = CliRunner.Run("audit", "--input", csv, "--decision-column", "decision", "--favorable-value", "approve", "--score-column", "score",
            "--group-column", "race", "--group-column", "sex", "--intersections", "--min-group-size", "10", "--out", _temp.File("csv"));

        Assert.Equal((0, ""), ledger);
        Assert.Equal((0, ""), file);
        var fromLedger = File.ReadAllText(Path.Combine(_temp.File("ledger"), "fairness-report.md"));
        var fromCsv = File.ReadAllText(Path.Combine(_temp.File("csv"), "fairness-report.md"));
        Assert.Contains("- Source: `decision ledger, model champion`\n", fromLedger, StringComparison.Ordinal);
        Assert.Equal(
            fromCsv.Replace("- Source: `decisions.csv`\n", "", StringComparison.Ordinal),
            fromLedger.Replace("- Source: `decision ledger, model champion`\n", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AuditCellsAsync_ThreeDecisions_SumsWeightsPerGroupAndScore()
    {
        List<Row> rows =
        [
            new("A1", "champion", 600, "approve", "white", "female"),
            new("A2", "champion", 600, "decline", "white", "male"),
            new("A3", "champion", null, "insufficient_data", null, "male"),
        ];
        await using var db = await FillAsync(rows);

        var cells = await db.AuditCellsAsync(["race"], "approve", ct: TestContext.Current.CancellationToken);

        var ordered = cells.OrderBy(c => c.Groups[0] ?? "~", StringComparer.Ordinal)
            .Select(c => (c.Groups[0], c.Score, c.Rows, c.Weight, c.WeightSquared, c.Favorable)).ToList();
        Assert.Equal([("white", (int?)600, 2L, 2.0, 2.0, 1.0), (null, null, 1L, 1.0, 1.0, 0.0)], ordered);
    }
}

public sealed class SqliteLedgerAuditTests : LedgerAuditTests
{
    protected override Task<(string Db, Func<Task> Drop)> CreateDatabaseAsync() => Create(new SqliteProvider());
}

public sealed class PostgresLedgerAuditTests : LedgerAuditTests
{
    protected override Task<(string Db, Func<Task> Drop)> CreateDatabaseAsync() => Create(new PostgresProvider());
}
