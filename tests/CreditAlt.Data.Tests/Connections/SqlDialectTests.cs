using CreditAlt.Data.Connections;
using CreditAlt.Data.Migrations;

namespace CreditAlt.Data.Tests.Connections;

/// <summary>The SQL that differs by engine, as text (SQL Server's cannot run here, so this is its only check).</summary>
public sealed class SqlDialectTests
{
    private const string Template = "CREATE TABLE t (a {key} NOT NULL, b {text}, c {money}, d {date}, e {real}, f {bigint}, g {int})";

    [Fact]
    public void Render_Sqlite_TextForKeysMoneyAndDates() =>
        Assert.Equal("CREATE TABLE t (a TEXT NOT NULL, b TEXT, c TEXT, d TEXT, e REAL, f INTEGER, g INTEGER)", SqliteDialect.Instance.Render(Template));

    [Fact]
    public void Render_Postgres_NativeTypes() =>
        Assert.Equal("CREATE TABLE t (a text NOT NULL, b text, c numeric, d date, e double precision, f bigint, g integer)", PostgresDialect.Instance.Render(Template));

    [Fact]
    public void Render_SqlServer_BoundedKeysAndMaxText() =>
        Assert.Equal("CREATE TABLE t (a nvarchar(200) NOT NULL, b nvarchar(max), c decimal(19,4), d date, e float, f bigint, g int)", SqlServerDialect.Instance.Render(Template));

    [Fact]
    public void Limit_EachEngine_OwnSyntax()
    {
        const string q = "SELECT seq FROM decisions ORDER BY seq";
        Assert.Equal(
            ["SELECT seq FROM decisions ORDER BY seq LIMIT @limit", "SELECT seq FROM decisions ORDER BY seq LIMIT @limit", "SELECT seq FROM decisions ORDER BY seq OFFSET 0 ROWS FETCH NEXT @limit ROWS ONLY"],
            new[] { SqliteDialect.Instance.Limit(q), PostgresDialect.Instance.Limit(q), SqlServerDialect.Instance.Limit(q) });
    }

    [Fact]
    public void InList_Postgres_AnyOfArrayOthersDapperExpansion() =>
        Assert.Equal(["decision_id IN @ids", "decision_id = ANY(@ids)", "decision_id IN @ids"],
            new[] { SqliteDialect.Instance.InList("decision_id", "ids"), PostgresDialect.Instance.InList("decision_id", "ids"), SqlServerDialect.Instance.InList("decision_id", "ids") });

    [Fact]
    public void MigrationLock_EachEngine_TransactionScopedLock()
    {
        Assert.Null(SqliteDialect.Instance.MigrationLock);
        Assert.Equal("SELECT pg_advisory_xact_lock(7273620401)", PostgresDialect.Instance.MigrationLock);
        Assert.Equal("EXEC sp_getapplock @Resource = N'creditalt-migrations', @LockMode = 'Exclusive', @LockOwner = 'Transaction', @LockTimeout = 60000", SqlServerDialect.Instance.MigrationLock);
    }

    [Fact]
    public void AppendOnly_SqlServer_InsteadOfTriggerThatThrows() =>
        Assert.Equal(["CREATE TRIGGER decisions_append_only ON decisions INSTEAD OF UPDATE, DELETE AS BEGIN THROW 50001, N'decisions is append-only', 1; END"],
            SqlServerDialect.Instance.AppendOnly("decisions"));

    [Fact]
    public void CreateMigrationsTable_SqlServer_GuardedByObjectId() =>
        Assert.Equal("IF OBJECT_ID(N'schema_migrations', N'U') IS NULL CREATE TABLE schema_migrations (version int NOT NULL PRIMARY KEY, name nvarchar(200) NOT NULL, applied_at nvarchar(200) NOT NULL)",
            SqlServerDialect.Instance.CreateMigrationsTable);

    [Fact]
    public void Schema_SqlServer_NoPlaceholderLeftAndLedgerTablesAppendOnly()
    {
        var statements = Schema.All.SelectMany(m => m.Statements(SqlServerDialect.Instance)).ToList();

        Assert.DoesNotContain(statements, s => s.Contains('{', StringComparison.Ordinal));
        // decisions and decision_reasons in migration 2; decisions again in 6, around the reasons backfill; lifecycle_events in 8.
        Assert.Equal(4, statements.Count(s => s.StartsWith("CREATE TRIGGER", StringComparison.Ordinal)));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9], Schema.All.Select(m => m.Version));
    }

    [Fact]
    public void Migration7_PostgresAndSqlServer_ApplicationJsonNullableAndDeflateColumnAdded()
    {
        Assert.Equal(
            ["ALTER TABLE decisions ALTER COLUMN application_json DROP NOT NULL", "ALTER TABLE decisions ADD application_json_deflate bytea NULL"],
            Schema.All.Single(m => m.Version == 7).Statements(PostgresDialect.Instance));
        Assert.Equal(
            ["ALTER TABLE decisions ALTER COLUMN application_json nvarchar(max) NULL", "ALTER TABLE decisions ADD application_json_deflate varbinary(max) NULL"],
            Schema.All.Single(m => m.Version == 7).Statements(SqlServerDialect.Instance));
    }

    [Fact]
    public void DropNotNull_Sqlite_RefusedBecauseItCannot() =>
        Assert.Throws<NotSupportedException>(() => SqliteDialect.Instance.DropNotNull("decisions", "application_json", "{text}"));

    [Fact]
    public void ReasonsFromReasonTable_SqlServer_ForJsonPathInPositionOrder() =>
        Assert.Equal(
            "UPDATE decisions SET reasons = (SELECT r.code, r.sentence FROM decision_reasons r WHERE r.seq = decisions.seq ORDER BY r.position FOR JSON PATH)",
            SqlServerDialect.Instance.ReasonsFromReasonTable);

    [Fact]
    public void Migration6_SqlServer_BackfillRunsWithoutTheAppendOnlyTriggerWhichComesBack()
    {
        var statements = Schema.All.Single(m => m.Version == 6).Statements(SqlServerDialect.Instance);

        Assert.Equal(
        [
            "ALTER TABLE decisions ADD reasons nvarchar(max) NULL",
            "DROP TRIGGER IF EXISTS decisions_append_only",
            SqlServerDialect.Instance.ReasonsFromReasonTable,
            "CREATE TRIGGER decisions_append_only ON decisions INSTEAD OF UPDATE, DELETE AS BEGIN THROW 50001, N'decisions is append-only', 1; END",
            "DROP TRIGGER IF EXISTS decision_reasons_append_only",
            "DROP TABLE decision_reasons",
            "CREATE UNIQUE INDEX ux_decisions_idempotency_key ON decisions (lender_id, idempotency_key) WHERE idempotency_key IS NOT NULL",
            "DROP TABLE idempotency_keys",
        ], statements);
    }

    [Fact]
    public void DropIndex_SqlServer_NamesTheTable() =>
        Assert.Equal(["DROP INDEX ux_decisions_hash", "DROP INDEX ux_decisions_hash", "DROP INDEX ux_decisions_hash ON decisions"],
            new[] { SqliteDialect.Instance, PostgresDialect.Instance, (SqlDialect)SqlServerDialect.Instance }.SelectMany(d => d.DropIndex("decisions", "ux_decisions_hash")));

    [Fact]
    public void PreferFastCompression_OnlyPostgres_Lz4GuardedByExceptionBlock()
    {
        Assert.Empty(SqliteDialect.Instance.PreferFastCompression("decisions", "application_json"));
        Assert.Empty(SqlServerDialect.Instance.PreferFastCompression("decisions", "application_json"));
        Assert.Equal(
            ["DO $$ BEGIN EXECUTE 'ALTER TABLE decisions ALTER COLUMN application_json SET COMPRESSION lz4'; EXCEPTION WHEN OTHERS THEN RAISE NOTICE 'lz4 compression not available: %', SQLERRM; END $$"],
            PostgresDialect.Instance.PreferFastCompression("decisions", "application_json"));
    }

    [Fact]
    public void RenameTable_SqlServer_SpRename() =>
        Assert.Equal(["ALTER TABLE a RENAME TO b", "ALTER TABLE a RENAME TO b", "EXEC sp_rename N'a', N'b'"],
            new[] { SqliteDialect.Instance, PostgresDialect.Instance, (SqlDialect)SqlServerDialect.Instance }.Select(d => d.RenameTable("a", "b")));
}
