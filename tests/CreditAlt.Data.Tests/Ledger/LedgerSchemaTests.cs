using CreditAlt.Data.Connections;
using CreditAlt.Data.Migrations;
using CreditAlt.Data.Tests.Engines;

namespace CreditAlt.Data.Tests.Ledger;

public sealed class SqliteLedgerSchemaTests : LedgerSchemaTests<SqliteProvider>;

public sealed class PostgresLedgerSchemaTests : LedgerSchemaTests<PostgresProvider>;

/// <summary>Migration 4: the decisions table keeps only the indexes something reads through.</summary>
public abstract class LedgerSchemaTests<TProvider> : StorageTestBase<TProvider>
    where TProvider : EngineProvider, new()
{
    [Fact]
    public async Task Migrate_Version4_DecisionsIndexedBySeqDecisionIdAndLenderOnly()
    {
        var db = await NewDatabaseAsync();

        var indexes = await QueryAsync<string>(db, Provider.Engine == DatabaseEngine.Postgres
            ? "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'decisions' ORDER BY indexname"
            : "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'decisions' ORDER BY name");

        Assert.Equal(Provider.Engine == DatabaseEngine.Postgres
            ? ["decisions_pkey", "ix_decisions_lender", "ux_decisions_decision_id"]
            : ["ix_decisions_lender", "ux_decisions_decision_id"], indexes);
    }

    [Fact]
    public async Task Migrate_Version5_TokensIssuedBeforeStillOpenTheirDecision()
    {
        var dbText = await NewDatabaseTextAsync();
        var db = Open(dbText, new CreditAltDataOptions { MigrateOnStart = false });
        await using (var c = await db.OpenAsync(Ct))
            await MigrationRunner.ApplyAsync(c, db.Dialect, Clock, Schema.All.Where(m => m.Version <= 4).ToList(), Ct);
        var secret = await db.AccessTokens.IssueAsync("D-1", TestData.T0.AddDays(1), Ct);

        Assert.Equal([5], await db.MigrateAsync(Ct));

        Assert.Equal((true, false), (await db.AccessTokens.OpensAsync("D-1", secret, Ct), await db.AccessTokens.OpensAsync("D-2", secret, Ct)));
        Assert.Equal(1L, await ScalarAsync<long>(db, "SELECT COUNT(*) FROM applicant_tokens"));
    }

    [Fact]
    public async Task AppendAsync_AfterMigration4_VerifyStillNamesAReorderedRowWithoutTheHashIndex()
    {
        var db = await NewDatabaseAsync();
        for (var i = 1; i <= 4; i++)
            await db.Ledger.AppendAsync(TestData.Decision($"D-{i}"), Ct);
        foreach (var table in new[] { "decisions", "decision_reasons" })
            foreach (var sql in db.Dialect.DropAppendOnly(table))
                await ExecAsync(db, sql);
        foreach (var table in new[] { "decision_reasons", "decisions" })
            await ExecAsync(db, $"UPDATE {table} SET seq = -2 WHERE seq = 2; UPDATE {table} SET seq = 2 WHERE seq = 3; UPDATE {table} SET seq = 3 WHERE seq = -2");

        var problem = (await db.Ledger.VerifyAsync(Ct)).Problem;

        Assert.Equal((Data.Ledger.TamperKind.Reordered, 2L), (problem!.Kind, problem.Sequence));
    }
}

public sealed class PostgresApplicationJsonCompressionTests : StorageTestBase<PostgresProvider>
{
    [Fact]
    public async Task AppendAsync_OnPostgres_ApplicationJsonStoredLz4Compressed()
    {
        var db = await NewDatabaseAsync();
        var d = TestData.Decision("D-1");
        await db.Ledger.AppendAsync(d with { ApplicationJson = d.ApplicationJson + new string(' ', 4000), ApplicationFingerprint = Fingerprint(d.ApplicationJson + new string(' ', 4000)) }, Ct);

        Assert.Equal("lz4", await ScalarAsync<string>(db, "SELECT pg_column_compression(application_json) FROM decisions"));
    }

    private static string Fingerprint(string json) => TestData.Sha256Hex(System.Text.Encoding.UTF8.GetBytes(json));
}
