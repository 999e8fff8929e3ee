namespace CreditAlt.Data.Connections;

/// <summary>
/// Every piece of SQL that differs between engines, in one place so it can be tested as text.
/// Schema scripts are written once with type placeholders (<c>{key}</c>, <c>{text}</c>, ...) that
/// <see cref="Render"/> replaces with the engine's types.
/// </summary>
public abstract class SqlDialect
{
    public abstract DatabaseEngine Engine { get; }

    /// <summary>An indexable string: ids, hashes, codes, ISO timestamps.</summary>
    protected abstract string KeyType { get; }

    /// <summary>Unbounded text (JSON documents, sentences).</summary>
    protected abstract string TextType { get; }

    /// <summary>Money: exact decimal. SQLite has no exact decimal type, so it keeps the invariant text.</summary>
    protected abstract string MoneyType { get; }

    protected abstract string DateType { get; }

    protected abstract string RealType { get; }

    /// <summary>Bytes (the deflated application document).</summary>
    protected abstract string BlobType { get; }

    protected virtual string BigIntType => "bigint";

    protected virtual string IntType => "integer";

    public static SqlDialect For(DatabaseEngine engine) => engine switch
    {
        DatabaseEngine.Sqlite => SqliteDialect.Instance,
        DatabaseEngine.Postgres => PostgresDialect.Instance,
        DatabaseEngine.SqlServer => SqlServerDialect.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(engine), engine, null),
    };

    public string Render(string template) => template
        .Replace("{key}", KeyType, StringComparison.Ordinal)
        .Replace("{text}", TextType, StringComparison.Ordinal)
        .Replace("{money}", MoneyType, StringComparison.Ordinal)
        .Replace("{date}", DateType, StringComparison.Ordinal)
        .Replace("{real}", RealType, StringComparison.Ordinal)
        .Replace("{blob}", BlobType, StringComparison.Ordinal)
        .Replace("{bigint}", BigIntType, StringComparison.Ordinal)
        .Replace("{int}", IntType, StringComparison.Ordinal);

    /// <summary>A money parameter's value: the decimal, which the engine's exact type keeps with its scale.</summary>
    public virtual object MoneyParameter(decimal amount) => amount;

    /// <summary>A date parameter's value: the DateOnly, which Npgsql and SqlClient bind to the engine's date type.</summary>
    public virtual object DateParameter(DateOnly date) => date;

    /// <summary>Creates the migration bookkeeping table when it is missing.</summary>
    public abstract string CreateMigrationsTable { get; }

    /// <summary>
    /// Taken inside the migration transaction so two processes starting at once do not both migrate;
    /// null where the transaction itself already serialises writers (SQLite's BEGIN IMMEDIATE).
    /// </summary>
    public abstract string? MigrationLock { get; }

    /// <summary>Appends a row limit to a query that ends in ORDER BY; the limit is the parameter <c>@limit</c>.</summary>
    public abstract string Limit(string orderedQuery);

    /// <summary>
    /// A membership test against a list parameter. Dapper expands <c>IN @p</c> into one parameter per item,
    /// except on Npgsql, where it passes the array through and PostgreSQL wants <c>= ANY(@p)</c>.
    /// </summary>
    public virtual string InList(string column, string parameter) => $"{column} IN @{parameter}";

    /// <summary>Statements that make a table reject UPDATE and DELETE (the ledger is append-only).</summary>
    public abstract IReadOnlyList<string> AppendOnly(string table);

    /// <summary>Statements that remove <see cref="AppendOnly"/> again (used by tamper tests, and by nobody else).</summary>
    public abstract IReadOnlyList<string> DropAppendOnly(string table);

    public virtual IReadOnlyList<string> DropIndex(string table, string index) => [$"DROP INDEX {index}"];

    public virtual string RenameTable(string from, string to) => $"ALTER TABLE {from} RENAME TO {to}";

    /// <summary>Statements that make the engine compress a large text column with its fastest method, where it has a choice.</summary>
    public virtual IReadOnlyList<string> PreferFastCompression(string table, string column) => [];

    /// <summary>Lets <paramref name="column"/> (of the <paramref name="typeTemplate"/> type, e.g. <c>{text}</c>) hold NULL. SQLite cannot: rebuild the table there.</summary>
    public virtual string DropNotNull(string table, string column, string typeTemplate) =>
        throw new NotSupportedException($"{Engine} cannot drop a NOT NULL constraint in place; rebuild {table}");

    /// <summary>
    /// Migration 6: fills <c>decisions.reasons</c> from <c>decision_reasons</c> as a JSON array of
    /// <c>{"code", "sentence"}</c> in position order (see <see cref="Ledger.ReasonsColumn"/>); none gives NULL or <c>[]</c>.
    /// </summary>
    public abstract string ReasonsFromReasonTable { get; }

    /// <summary>The text of the top-level property <paramref name="property"/> of the JSON object in <paramref name="column"/> (null when absent).</summary>
    public string JsonText(string column, string property) => Engine switch
    {
        DatabaseEngine.Sqlite => $"json_extract({column}, '$.{property}')",
        DatabaseEngine.Postgres => $"(CAST({column} AS jsonb) ->> '{property}')",
        _ => $"JSON_VALUE({column}, '$.{property}')",
    };
}

public sealed class SqliteDialect : SqlDialect
{
    public static readonly SqliteDialect Instance = new();

    public override DatabaseEngine Engine => DatabaseEngine.Sqlite;
    protected override string KeyType => "TEXT";
    protected override string TextType => "TEXT";
    protected override string MoneyType => "TEXT";
    protected override string DateType => "TEXT";
    protected override string RealType => "REAL";
    protected override string BlobType => "BLOB";
    protected override string BigIntType => "INTEGER";
    protected override string IntType => "INTEGER";

    // Money as invariant text with the scale as written (Microsoft.Data.Sqlite would drop trailing zeros), dates as ISO text.
    public override object MoneyParameter(decimal amount) => amount.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public override object DateParameter(DateOnly date) => Ledger.LedgerRow.FormatDate(date);

    public override string CreateMigrationsTable =>
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";

    public override string? MigrationLock => null;

    public override string Limit(string orderedQuery) => orderedQuery + " LIMIT @limit";

    public override IReadOnlyList<string> AppendOnly(string table) =>
    [
        $"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END",
        $"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END",
    ];

    public override IReadOnlyList<string> DropAppendOnly(string table) =>
        [$"DROP TRIGGER IF EXISTS {table}_no_update", $"DROP TRIGGER IF EXISTS {table}_no_delete"];

    public override string ReasonsFromReasonTable =>
        "UPDATE decisions SET reasons = (SELECT json_group_array(json_object('code', r.code, 'sentence', r.sentence) ORDER BY r.position) " +
        "FROM decision_reasons r WHERE r.seq = decisions.seq)";
}

public sealed class PostgresDialect : SqlDialect
{
    public static readonly PostgresDialect Instance = new();

    public override DatabaseEngine Engine => DatabaseEngine.Postgres;
    protected override string KeyType => "text";
    protected override string TextType => "text";
    // Unconstrained numeric keeps the scale written (2500.00 stays 2500.00), so canonical JSON round-trips.
    protected override string MoneyType => "numeric";
    protected override string DateType => "date";
    protected override string RealType => "double precision";
    protected override string BlobType => "bytea";

    public override string CreateMigrationsTable =>
        "CREATE TABLE IF NOT EXISTS schema_migrations (version integer NOT NULL PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)";

    // Transaction-scoped, so it is released by COMMIT or ROLLBACK even if the process dies.
    public override string? MigrationLock => "SELECT pg_advisory_xact_lock(7273620401)";

    public override string Limit(string orderedQuery) => orderedQuery + " LIMIT @limit";

    public override string InList(string column, string parameter) => $"{column} = ANY(@{parameter})";

    public override string DropNotNull(string table, string column, string typeTemplate) => $"ALTER TABLE {table} ALTER COLUMN {column} DROP NOT NULL";

    public override IReadOnlyList<string> AppendOnly(string table) =>
    [
        "CREATE OR REPLACE FUNCTION creditalt_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$",
        $"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION creditalt_append_only()",
        $"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION creditalt_append_only()",
    ];

    public override IReadOnlyList<string> DropAppendOnly(string table) =>
        [$"DROP TRIGGER IF EXISTS {table}_append_only ON {table}", $"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}"];

    public override string ReasonsFromReasonTable =>
        "UPDATE decisions d SET reasons = (SELECT json_agg(json_build_object('code', r.code, 'sentence', r.sentence) ORDER BY r.position)::text " +
        "FROM decision_reasons r WHERE r.seq = d.seq)";

    // lz4 needs PostgreSQL 14+ built with it; elsewhere the column keeps pglz (the block swallows only this step's error).
    public override IReadOnlyList<string> PreferFastCompression(string table, string column) =>
    [
        $"DO $$ BEGIN EXECUTE 'ALTER TABLE {table} ALTER COLUMN {column} SET COMPRESSION lz4'; " +
        "EXCEPTION WHEN OTHERS THEN RAISE NOTICE 'lz4 compression not available: %', SQLERRM; END $$",
    ];
}

public sealed class SqlServerDialect : SqlDialect
{
    public static readonly SqlServerDialect Instance = new();

    public override DatabaseEngine Engine => DatabaseEngine.SqlServer;
    // 200 characters keeps a two-column key under SQL Server's 1,700-byte index limit.
    protected override string KeyType => "nvarchar(200)";
    protected override string TextType => "nvarchar(max)";
    protected override string MoneyType => "decimal(19,4)";
    protected override string DateType => "date";
    protected override string RealType => "float";
    protected override string BlobType => "varbinary(max)";
    protected override string IntType => "int";

    public override string CreateMigrationsTable =>
        "IF OBJECT_ID(N'schema_migrations', N'U') IS NULL CREATE TABLE schema_migrations (version int NOT NULL PRIMARY KEY, name nvarchar(200) NOT NULL, applied_at nvarchar(200) NOT NULL)";

    public override string? MigrationLock =>
        "EXEC sp_getapplock @Resource = N'creditalt-migrations', @LockMode = 'Exclusive', @LockOwner = 'Transaction', @LockTimeout = 60000";

    public override string Limit(string orderedQuery) => orderedQuery + " OFFSET 0 ROWS FETCH NEXT @limit ROWS ONLY";

    public override IReadOnlyList<string> AppendOnly(string table) =>
        [$"CREATE TRIGGER {table}_append_only ON {table} INSTEAD OF UPDATE, DELETE AS BEGIN THROW 50001, N'{table} is append-only', 1; END"];

    public override IReadOnlyList<string> DropAppendOnly(string table) =>
        [$"DROP TRIGGER IF EXISTS {table}_append_only"];

    public override string ReasonsFromReasonTable =>
        "UPDATE decisions SET reasons = (SELECT r.code, r.sentence FROM decision_reasons r WHERE r.seq = decisions.seq ORDER BY r.position FOR JSON PATH)";

    public override IReadOnlyList<string> DropIndex(string table, string index) => [$"DROP INDEX {index} ON {table}"];

    public override string RenameTable(string from, string to) => $"EXEC sp_rename N'{from}', N'{to}'";

    public override string DropNotNull(string table, string column, string typeTemplate) => Render($"ALTER TABLE {table} ALTER COLUMN {column} {typeTemplate} NULL");
}
