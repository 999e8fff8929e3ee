using System.Text.Json;
using CreditAlt.Data;
using CreditAlt.Data.Audits;
using CreditAlt.Data.Lifecycle;
using Dapper;

namespace CreditAlt.Cli.Tests.Audit;

/// <summary>
/// <c>creditalt audit --db … --decision final</c> on a ledger built here: the final decision is the current final action
/// (a correction supersedes), else the model's; override rates by group with exact counts, Wilson intervals and Fisher
/// tests against the control group (figures by hand: scipy-style two-sided Fisher, Wilson with z = 1.959964).
/// One suite, one sealed subclass per engine.
/// </summary>
public abstract class FinalDecisionAuditTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private Func<Task> _drop = () => Task.CompletedTask;

    protected abstract EngineProvider Provider { get; }

    private string Db { get; set; } = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var database = await Provider.CreateAsync();
        (Db, _drop) = (database.Db, async () => await database.DisposeAsync());
    }

    public async ValueTask DisposeAsync()
    {
        await _drop();
        _temp.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// 51 decisions. Male (control): 10 approved by the model, 1 turned down by a final decline; 10 referred, 6 finished as
    /// approvals and 4 as declines; 5 declined, 1 approved by a person. Female: 10 approved, 3 turned down (2 declines, 1
    /// counteroffer); 10 referred, 2 approved and 8 declined (one of them first approved, then corrected to a decline); 5
    /// declined, none overridden. One referral without demographics, approved by a person.
    /// </summary>
    private async Task FillAsync()
    {
        var decisions = new List<(string Id, string App, string Decision, string? Sex)>();
        var finals = new List<(string DecisionId, string Action)>();
        var n = 0;
        void Add(string? sex, string model, int count, params string?[] finalActions)
        {
            for (var i = 0; i < count; i++)
            {
                var id = $"D{n++:D3}";
                decisions.Add((id, "A" + id, model, sex));
                if (i < finalActions.Length && finalActions[i] is { } action)
                    foreach (var step in action.Split('>'))
                        finals.Add((id, step));
            }
        }

        Add("male", "approve", 10, "decline");
        Add("male", "refer", 10, "approve", "approve", "approve", "approve", "approve", "approve", "decline", "decline", "decline", "decline");
        Add("male", "decline", 5, "approve");
        Add("female", "approve", 10, "decline", "decline", "counteroffer");
        Add("female", "refer", 10, "approve", "approve", "approve>decline", "decline", "decline", "decline", "decline", "decline", "decline", "decline");
        Add("female", "decline", 5);
        Add(null, "refer", 1, "approve");

        await using var db = CreditAltDatabase.Open(Db);
        await db.MigrateAsync(Ct);
        await using (var c = await db.OpenAsync(Ct))
        {
            // Straight into the table: the audit reads only these columns; the lifecycle events below go through the store.
            await c.ExecuteAsync(
                "INSERT INTO decisions (seq, decision_id, lender_id, application_id, applicant_id, model_id, model_version, application_fingerprint, application_json, score, decision, recourse, as_of_date, recorded_at, idempotency_key, request_hash, prev_hash, hash) " +
                "VALUES (@Seq, @Id, 'L1', @App, 'C1', 'champion', '1.0.0', 'f', '{}', 600, @Decision, NULL, '2026-06-30', '2026-06-30T00:00:00Z', NULL, NULL, 'p', @Id)",
                decisions.Select((d, i) => new { Seq = (long)i + 1, d.Id, d.App, d.Decision }));
        }

        await db.Demographics.SaveAsync(decisions.Where(d => d.Sex is not null).Select(d => new DemographicRecord(d.App, "sex", d.Sex!)).ToList(), Ct);
        var k = 0;
        foreach (var (decisionId, action) in finals)
            Assert.Equal(LifecycleAppendStatus.Recorded, (await db.Lifecycle.AppendAsync(
                new NewLifecycleEvent($"fa_{k++:D3}", LifecycleKinds.FinalAction, decisionId, null, null, $$"""{"action":"{{action}}","reasons":[]}"""), ct: Ct)).Status);
    }

    [Fact]
    public async Task AuditFinal_OverrideRatesByGroup_ExactCountsIntervalsAndTests()
    {
        await FillAsync();
        var dir = _temp.File("final");

        var (code, error) = CliRunner.Run("audit", "--db", Db, "--decision", "final", "--group-column", "sex", "--min-group-size", "5", "--out", dir);

        Assert.Equal((0, ""), (code, error));
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "fairness-report.json")));
        var root = json.RootElement;
        Assert.Equal("decision ledger, final decisions", root.GetProperty("source").GetString());
        Assert.Equal(51, root.GetProperty("rowCount").GetInt32());
        // The final decisions: male 9 + 6 + 1 approvals of 25, female 7 + 2 of 25 (the corrected one is a decline).
        var groups = root.GetProperty("attributes")[0].GetProperty("groups").EnumerateArray()
            .Where(g => !g.GetProperty("suppressed").GetBoolean()) // the one decision without demographics is below --min-group-size
            .ToDictionary(g => g.GetProperty("group").GetString()!, g => (g.GetProperty("count").GetDouble(), g.GetProperty("favorable").GetDouble()));
        Assert.Equal((25.0, 16.0), groups["male"]);
        Assert.Equal((25.0, 9.0), groups["female"]);

        var sex = root.GetProperty("overrideRates")[0];
        Assert.Equal("sex", sex.GetProperty("attribute").GetString());
        Assert.Equal("male", sex.GetProperty("control").GetString());
        var rows = sex.GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("group").GetString()!);
        Assert.Equal(["female", "male", "(missing)"], sex.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("group").GetString()));
        Assert.True(rows["male"].GetProperty("isControl").GetBoolean());
        Assert.True(rows["(missing)"].GetProperty("isMissing").GetBoolean());

        AssertRate(rows["male"].GetProperty("up"), 15, 7, 0.24809535365737387, 0.698830199745016, null, null);
        AssertRate(rows["male"].GetProperty("down"), 10, 1, 0.017876213095072868, 0.4041500267952385, null, null);
        AssertRate(rows["female"].GetProperty("up"), 15, 2, 0.03736125910306537, 0.37881982832322364, 2.0 / 7.0, 0.10864567716141929);
        AssertRate(rows["female"].GetProperty("down"), 10, 3, 0.10779126740630099, 0.6032218525388546, 3.0, 0.5820433436532508);
        AssertRate(rows["(missing)"].GetProperty("up"), 1, 1, 0.20654931437723745, 1.0, null, null);
        Assert.Equal(0, rows["(missing)"].GetProperty("down").GetProperty("eligible").GetDouble());

        var markdown = File.ReadAllText(Path.Combine(dir, "fairness-report.md"));
        Assert.Contains("## Override rates", markdown, StringComparison.Ordinal);
        Assert.Contains("| female | 15 | 2 | 13.3 % | 3.7 % – 37.9 % | 0.286 |", markdown, StringComparison.Ordinal);
        Assert.Contains("Override rates by sex", File.ReadAllText(Path.Combine(dir, "fairness-report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditModel_NoOverrideSection_AndBadDecisionValueIsRefused()
    {
        await FillAsync();
        var dir = _temp.File("model");

        Assert.Equal((0, ""), CliRunner.Run("audit", "--db", Db, "--group-column", "sex", "--min-group-size", "5", "--out", dir));
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "fairness-report.json")));
        Assert.False(json.RootElement.TryGetProperty("overrideRates", out _));
        var male = json.RootElement.GetProperty("attributes")[0].GetProperty("groups").EnumerateArray().First(g => g.GetProperty("group").GetString() == "male");
        Assert.Equal(10.0, male.GetProperty("favorable").GetDouble()); // the model approved 10 of the men

        var (code, error) = CliRunner.Run("audit", "--db", Db, "--decision", "underwriter", "--group-column", "sex", "--out", _temp.File("bad"));
        Assert.Equal(2, code);
        Assert.Contains("--decision: expected model or final, got 'underwriter'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OverrideCellsAsync_CountsPerGroup()
    {
        await FillAsync();
        await using var db = CreditAltDatabase.Open(Db);

        var cells = (await db.OverrideCellsAsync("sex", ct: Ct)).OrderBy(c => c.Group ?? "~", StringComparer.Ordinal).ToList();

        Assert.Equal(
            [new LedgerOverrideCell("female", 10, 3, 15, 2), new LedgerOverrideCell("male", 10, 1, 15, 7), new LedgerOverrideCell(null, 0, 0, 1, 1)],
            cells);
    }

    private static void AssertRate(JsonElement r, double eligible, double overrides, double ciLow, double ciHigh, double? ratio, double? p)
    {
        Assert.Equal(eligible, r.GetProperty("eligible").GetDouble());
        Assert.Equal(overrides, r.GetProperty("overrides").GetDouble());
        Assert.Equal(overrides / eligible, r.GetProperty("rate").GetDouble(), 12);
        Assert.Equal(ciLow, r.GetProperty("ciLow").GetDouble(), 9);
        Assert.Equal(ciHigh, r.GetProperty("ciHigh").GetDouble(), 9);
        if (ratio is null)
            Assert.Equal(JsonValueKind.Null, r.GetProperty("ratio").ValueKind);
        else
            Assert.Equal(ratio.Value, r.GetProperty("ratio").GetDouble(), 12);
        if (p is null)
            Assert.Equal(JsonValueKind.Null, r.GetProperty("pValue").ValueKind);
        else
            Assert.Equal(p.Value, r.GetProperty("pValue").GetDouble(), 9);
    }
}

public sealed class SqliteFinalDecisionAuditTests : FinalDecisionAuditTests
{
    protected override EngineProvider Provider => new SqliteProvider();
}

public sealed class PostgresFinalDecisionAuditTests : FinalDecisionAuditTests
{
    protected override EngineProvider Provider => new PostgresProvider();
}
