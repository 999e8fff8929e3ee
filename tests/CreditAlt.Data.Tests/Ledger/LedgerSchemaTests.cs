using System.Globalization;
using CreditAlt.Data.Connections;
using CreditAlt.Data.Ledger;
using CreditAlt.Data.Migrations;

namespace CreditAlt.Data.Tests.Ledger;

public sealed class SqliteLedgerSchemaTests : LedgerSchemaTests<SqliteProvider>;

public sealed class PostgresLedgerSchemaTests : LedgerSchemaTests<PostgresProvider>;

/// <summary>Migrations 4 to 6: the decisions table keeps only the indexes something reads through; one row per decision.</summary>
public abstract class LedgerSchemaTests<TProvider> : StorageTestBase<TProvider>
    where TProvider : EngineProvider, new()
{
    [Fact]
    public async Task Migrate_Version6_DecisionsIndexedBySeqDecisionIdLenderAndIdempotencyKeyOnly()
    {
        var db = await NewDatabaseAsync();

        var indexes = await QueryAsync<string>(db, Provider.Engine == DatabaseEngine.Postgres
            ? "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'decisions' ORDER BY indexname"
            : "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'decisions' ORDER BY name");

        Assert.Equal(Provider.Engine == DatabaseEngine.Postgres
            ? ["decisions_pkey", "ix_decisions_lender", "ux_decisions_decision_id", "ux_decisions_idempotency_key"]
            : ["ix_decisions_lender", "ux_decisions_decision_id", "ux_decisions_idempotency_key"], indexes);
    }

    [Fact]
    public async Task Migrate_Version5_TokensIssuedBeforeStillOpenTheirDecision()
    {
        var dbText = await NewDatabaseTextAsync();
        var db = Open(dbText, new CreditAltDataOptions { MigrateOnStart = false });
        await using (var c = await db.OpenAsync(Ct))
            await MigrationRunner.ApplyAsync(c, db.Dialect, Clock, Schema.All.Where(m => m.Version <= 4).ToList(), Ct);
        var secret = await db.AccessTokens.IssueAsync("D-1", TestData.T0.AddDays(1), Ct);

        Assert.Equal([5, 6, 7, 8, 9], await db.MigrateAsync(Ct));

        Assert.Equal((true, false), (await db.AccessTokens.OpensAsync("D-1", secret, Ct), await db.AccessTokens.OpensAsync("D-2", secret, Ct)));
        Assert.Equal(1L, await ScalarAsync<long>(db, "SELECT COUNT(*) FROM applicant_tokens"));
    }

    [Fact]
    public async Task AppendAsync_AfterMigration4_VerifyStillNamesAReorderedRowWithoutTheHashIndex()
    {
        var db = await NewDatabaseAsync();
        for (var i = 1; i <= 4; i++)
            await db.Ledger.AppendAsync(TestData.Decision($"D-{i}"), Ct);
        foreach (var sql in db.Dialect.DropAppendOnly("decisions"))
            await ExecAsync(db, sql);
        await ExecAsync(db, "UPDATE decisions SET seq = -2 WHERE seq = 2; UPDATE decisions SET seq = 2 WHERE seq = 3; UPDATE decisions SET seq = 3 WHERE seq = -2");

        var problem = (await db.Ledger.VerifyAsync(Ct)).Problem;

        Assert.Equal((Data.Ledger.TamperKind.Reordered, 2L), (problem!.Kind, problem.Sequence));
    }

    [Fact]
    public async Task Migrate_Version6_EarlierDecisionsKeepReasonsKeysAndChain()
    {
        var dbText = await NewDatabaseTextAsync();
        var db = Open(dbText, new CreditAltDataOptions { MigrateOnStart = false });
        await using (var c = await db.OpenAsync(Ct))
            await MigrationRunner.ApplyAsync(c, db.Dialect, Clock, Schema.All.Where(m => m.Version <= 5).ToList(), Ct);
        var keyed = TestData.Decision("D-1", idempotencyKey: "K-1", requestHash: "RH-1");
        var approved = TestData.Decision("D-2", score: 720, decision: "approve") with { Reasons = [] };
        var h1 = await InsertAsVersion5StoredItAsync(db, 1, keyed, Schema.GenesisHash);
        await InsertAsVersion5StoredItAsync(db, 2, approved, h1);

        Assert.Equal([6, 7, 8, 9], await db.MigrateAsync(Ct));

        Assert.Equal((true, 2L), ((await db.Ledger.VerifyAsync(Ct)).Intact, (await db.Ledger.VerifyAsync(Ct)).RowsChecked));
        Assert.Equal(keyed.Reasons, (await db.Ledger.GetAsync("D-1", Ct))!.Reasons);
        Assert.Empty((await db.Ledger.GetAsync("D-2", Ct))!.Reasons);
        var replay = await db.Ledger.AppendAsync(TestData.Decision("D-3", idempotencyKey: "K-1", requestHash: "RH-1"), Ct);
        var conflict = await db.Ledger.AppendAsync(TestData.Decision("D-4", idempotencyKey: "K-1", requestHash: "RH-2"), Ct);
        var next = await db.Ledger.AppendAsync(TestData.Decision("D-5"), Ct);
        Assert.Equal(
            [(AppendStatus.Replayed, "D-1", (long?)null), (AppendStatus.IdempotencyConflict, "D-1", null), (AppendStatus.Recorded, "D-5", 3L)],
            new[] { replay, conflict, next }.Select(r => (r.Status, r.DecisionId, r.Sequence)));
        Assert.True((await db.Ledger.VerifyAsync(Ct)).Intact);
    }

    /// <summary>Writes <paramref name="d"/> as migration 5's schema held it: reasons in their own table, the key in idempotency_keys. Returns its hash.</summary>
    private static async Task<string> InsertAsVersion5StoredItAsync(CreditAltDatabase db, long seq, DecisionToRecord d, string prevHash)
    {
        var asOf = d.AsOfDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var at = d.RecordedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        var fields = new List<string?>
        {
            LedgerHash.FormatTag, seq.ToString(CultureInfo.InvariantCulture), d.DecisionId, d.LenderId, d.ApplicationId, d.ApplicantId,
            d.ModelId, d.ModelVersion, d.ApplicationFingerprint, d.Score?.ToString(CultureInfo.InvariantCulture), d.Decision,
            d.Reasons.Count.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var r in d.Reasons)
            fields.AddRange([r.Code, r.Sentence]);
        fields.AddRange([d.Recourse, asOf, at, d.IdempotencyKey, d.RequestHash, prevHash]);
        var hash = TestData.Sha256Hex(LedgerHash.Encode([.. fields]));
        await ExecAsync(db,
            "INSERT INTO decisions (seq, decision_id, lender_id, application_id, applicant_id, model_id, model_version, application_fingerprint, " +
            "application_json, score, decision, recourse, as_of_date, recorded_at, idempotency_key, request_hash, prev_hash, hash) VALUES " +
            "(@seq, @DecisionId, @LenderId, @ApplicationId, @ApplicantId, @ModelId, @ModelVersion, @ApplicationFingerprint, @ApplicationJson, " +
            "@Score, @Decision, @Recourse, @asOf, @at, @IdempotencyKey, @RequestHash, @prevHash, @hash)",
            new
            {
                seq, d.DecisionId, d.LenderId, d.ApplicationId, d.ApplicantId, d.ModelId, d.ModelVersion, d.ApplicationFingerprint, ApplicationJson = System.Text.Encoding.UTF8.GetString(d.ApplicationJson.Utf8.Span),
                d.Score, d.Decision, d.Recourse, asOf, at, d.IdempotencyKey, d.RequestHash, prevHash, hash,
            });
        for (var i = 0; i < d.Reasons.Count; i++)
            await ExecAsync(db, "INSERT INTO decision_reasons (seq, position, code, sentence) VALUES (@seq, @position, @Code, @Sentence)",
                new { seq, position = i + 1, d.Reasons[i].Code, d.Reasons[i].Sentence });
        if (d.IdempotencyKey is not null)
            await ExecAsync(db, "INSERT INTO idempotency_keys (lender_id, idempotency_key, request_hash, decision_id, created_at) VALUES (@LenderId, @IdempotencyKey, @rh, @DecisionId, @at)",
                new { d.LenderId, d.IdempotencyKey, rh = d.RequestHash ?? "", d.DecisionId, at });
        await ExecAsync(db, "UPDATE ledger_head SET seq = @seq, hash = @hash WHERE id = 1", new { seq, hash });
        return hash;
    }
}

public sealed class PostgresApplicationJsonCompressionTests : StorageTestBase<PostgresProvider>
{
    // Rows stored as text before migration 7 keep the column's lz4 setting of migration 4.
    [Fact]
    public async Task Migrate_OnPostgres_ApplicationJsonTextColumnKeepsLz4()
    {
        var db = await NewDatabaseAsync();

        Assert.Equal("l", await ScalarAsync<string>(db,
            "SELECT attcompression::text FROM pg_attribute WHERE attrelid = 'decisions'::regclass AND attname = 'application_json'"));
    }
}
