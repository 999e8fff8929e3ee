using System.Data.Common;
using CreditAlt.Data.Applications;
using CreditAlt.Data.Audits;
using CreditAlt.Data.Connections;
using CreditAlt.Data.Ledger;
using CreditAlt.Data.Lifecycle;
using CreditAlt.Data.Migrations;
using CreditAlt.Data.Registry;
using CreditAlt.Data.Resilience;
using CreditAlt.Data.Security;
using Dapper;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CreditAlt.Data;

/// <summary>Options for <see cref="CreditAltDatabase"/>.</summary>
public sealed class CreditAltDataOptions
{
    /// <summary>The <c>--db</c> text; see <see cref="StorageTarget.Parse"/>.</summary>
    /// <value>sqlite:.creditalt/creditalt.db</value>
    public string Database { get; set; } = "sqlite:" + StorageTarget.DefaultSqlitePath;

    /// <summary>Apply pending migrations when the database is first used.</summary>
    /// <value>true</value>
    public bool MigrateOnStart { get; set; } = true;

    public StorageResilienceOptions Resilience { get; set; } = new();

    public LedgerOptions Ledger { get; set; } = new();
}

/// <summary>
/// The one entry point to storage: opens connections for the configured engine, applies migrations, and
/// hands out the stores. Thread-safe; create one per process (the ledger's group-commit writer lives here).
/// </summary>
public sealed class CreditAltDatabase : IAsyncDisposable
{
    private readonly NpgsqlDataSource? _postgres;
    private readonly Lazy<NpgsqlDataSource>? _postgresLedger;
    private readonly SemaphoreSlim _migrateGate = new(1, 1);
    private volatile bool _migrated;

    public CreditAltDatabase(StorageTarget target, CreditAltDataOptions? options = null, TimeProvider? time = null)
    {
        Target = target;
        Options = options ?? new CreditAltDataOptions();
        Time = time ?? TimeProvider.System;
        Dialect = SqlDialect.For(target.Engine);
        Resilience = new StorageResilience(Options.Resilience, Time);
        if (target.Engine == DatabaseEngine.Postgres)
        {
            _postgres = NpgsqlDataSource.Create(target.ConnectionString);
            // The ledger writer's connections, named so they can be told apart on the server.
            _postgresLedger = new Lazy<NpgsqlDataSource>(() => NpgsqlDataSource.Create(
                new NpgsqlConnectionStringBuilder(target.ConnectionString) { ApplicationName = LedgerApplicationName, MaxAutoPrepare = 16, AutoPrepareMinUsages = 2 }.ConnectionString));
        }
        if (target.Engine == DatabaseEngine.Sqlite)
            PrepareSqliteFile(target.ConnectionString);
        Ledger = new DecisionLedger(this, Options.Ledger);
        Applications = new ApplicationStore(this);
        Models = new ModelRegistry(this);
        AuditRuns = new AuditRunStore(this);
        Demographics = new DemographicStore(this);
        ApiKeys = new ApiKeyStore(this);
        AccessTokens = new AccessTokenStore(this);
        Lifecycle = new LifecycleStore(this);
        Consents = new Consents.ConsentStore(this);
    }

    public static CreditAltDatabase Open(string? db, CreditAltDataOptions? options = null, TimeProvider? time = null) =>
        new(StorageTarget.Parse(db), options, time);

    public StorageTarget Target { get; }
    public CreditAltDataOptions Options { get; }
    public TimeProvider Time { get; }
    public SqlDialect Dialect { get; }
    public StorageResilience Resilience { get; }
    public DecisionLedger Ledger { get; }
    public ApplicationStore Applications { get; }
    public ModelRegistry Models { get; }
    public AuditRunStore AuditRuns { get; }
    public DemographicStore Demographics { get; }
    public ApiKeyStore ApiKeys { get; }
    public AccessTokenStore AccessTokens { get; }

    /// <summary>Final actions, disputes, resolutions and incompleteness notices: the events after a decision.</summary>
    public LifecycleStore Lifecycle { get; }

    /// <summary>Bank-data consents and the raw transaction sets received under them.</summary>
    public Consents.ConsentStore Consents { get; }

    /// <summary>Applies pending migrations (with retries); returns the versions applied now.</summary>
    public async Task<IReadOnlyList<int>> MigrateAsync(CancellationToken ct = default)
    {
        var applied = await Resilience.ExecuteAsync(async token =>
        {
            await using var c = await OpenRawAsync(token).ConfigureAwait(false);
            return await MigrationRunner.ApplyAsync(c, Dialect, Time, ct: token).ConfigureAwait(false);
        }, ct).ConfigureAwait(false);
        _migrated = true;
        return applied;
    }

    /// <summary>An open connection to a migrated database. The caller disposes it.</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken ct = default)
    {
        await EnsureMigratedAsync(ct).ConfigureAwait(false);
        return await OpenRawAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// A SQLite connection of its own, outside the pool, to a migrated database: the ledger's writer keeps it open
    /// with compiled statements, and closing it really closes it (rolling back anything left open).
    /// </summary>
    internal async Task<SqliteConnection> OpenDedicatedSqliteAsync(CancellationToken ct)
    {
        await EnsureMigratedAsync(ct).ConfigureAwait(false);
        var c = new SqliteConnection(new SqliteConnectionStringBuilder(Target.ConnectionString) { Pooling = false }.ConnectionString);
        try
        {
            await c.OpenAsync(ct).ConfigureAwait(false);
            await ConfigureSqliteAsync(c).ConfigureAwait(false);
            return c;
        }
        catch
        {
            await c.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The PostgreSQL application name of the ledger writer's connections.</summary>
    public const string LedgerApplicationName = "creditalt-ledger";

    /// <summary>A PostgreSQL connection to a migrated database for the ledger's writer.</summary>
    internal async Task<NpgsqlConnection> OpenLedgerPostgresAsync(CancellationToken ct)
    {
        await EnsureMigratedAsync(ct).ConfigureAwait(false);
        return await _postgresLedger!.Value.OpenConnectionAsync(ct).ConfigureAwait(false);
    }

    private async Task EnsureMigratedAsync(CancellationToken ct)
    {
        if (_migrated || !Options.MigrateOnStart)
            return;
        await _migrateGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (!_migrated)
            {
                await using var c = await OpenRawAsync(ct).ConfigureAwait(false);
                await MigrationRunner.ApplyAsync(c, Dialect, Time, ct: ct).ConfigureAwait(false);
                _migrated = true;
            }
        }
        finally
        {
            _migrateGate.Release();
        }
    }

    /// <summary>Runs <paramref name="work"/> on a fresh connection per attempt, through the resilience pipeline.</summary>
    public Task<T> RunAsync<T>(Func<DbConnection, CancellationToken, Task<T>> work, CancellationToken ct = default) =>
        Resilience.ExecuteAsync(async token =>
        {
            await using var c = await OpenAsync(token).ConfigureAwait(false);
            return await work(c, token).ConfigureAwait(false);
        }, ct);

    /// <summary>A quick round trip, for health checks. Throws <see cref="StorageUnavailableException"/> when down.</summary>
    public Task<bool> PingAsync(CancellationToken ct = default) =>
        RunAsync(async (c, token) => await c.ExecuteScalarAsync<int>(new CommandDefinition("SELECT 1", cancellationToken: token)).ConfigureAwait(false) == 1, ct);

    private async Task<DbConnection> OpenRawAsync(CancellationToken ct)
    {
        switch (Target.Engine)
        {
            case DatabaseEngine.Postgres:
                return await _postgres!.OpenConnectionAsync(ct).ConfigureAwait(false);
            case DatabaseEngine.SqlServer:
            {
                var c = new SqlConnection(Target.ConnectionString);
                await c.OpenAsync(ct).ConfigureAwait(false);
                return c;
            }
            default:
            {
                var c = new SqliteConnection(Target.ConnectionString);
                await c.OpenAsync(ct).ConfigureAwait(false);
                await ConfigureSqliteAsync(c).ConfigureAwait(false);
                return c;
            }
        }
    }

    // Per connection: FULL makes every commit fsync the WAL, so an acknowledged write survives power loss, not
    // only a process crash (NORMAL in WAL mode may lose the last commits).
    private static Task ConfigureSqliteAsync(SqliteConnection c) =>
        c.ExecuteAsync($"PRAGMA synchronous=FULL; PRAGMA busy_timeout={SqliteBusyTimeoutMs}; PRAGMA foreign_keys=ON");

    /// <summary>How long a SQLite connection waits for another writer's lock.</summary>
    internal const int SqliteBusyTimeoutMs = 10_000;

    private static void PrepareSqliteFile(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is ":memory:" || builder.Mode == SqliteOpenMode.Memory)
            return;
        var dir = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(dir))
            Directory.CreateDirectory(dir);
        using var c = new SqliteConnection(connectionString);
        c.Open();
        // WAL is a property of the file, set once: readers no longer block the writer.
        c.Execute("PRAGMA journal_mode=WAL");
    }

    public async ValueTask DisposeAsync()
    {
        await Ledger.DisposeAsync().ConfigureAwait(false);
        if (_postgres is not null)
            await _postgres.DisposeAsync().ConfigureAwait(false);
        if (_postgresLedger is { IsValueCreated: true })
            await _postgresLedger.Value.DisposeAsync().ConfigureAwait(false);
        _migrateGate.Dispose();
    }
}
