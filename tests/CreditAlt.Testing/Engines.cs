using CreditAlt.Data.Connections;
using Dapper;
using Microsoft.Data.SqlClient;
using Npgsql;

namespace CreditAlt.Testing;

/// <summary>A fresh, empty database on one engine for one test; disposing it drops it.</summary>
public sealed class TestDatabase(string db, Func<Task> drop) : IAsyncDisposable
{
    /// <summary>The <c>--db</c> text for this database.</summary>
    public string Db { get; } = db;

    public ValueTask DisposeAsync() => new(drop());
}

/// <summary>Creates throwaway databases on one engine (after DapperLib/Dapper's provider-per-subclass tests).</summary>
public abstract class EngineProvider
{
    public abstract DatabaseEngine Engine { get; }

    public abstract Task<TestDatabase> CreateAsync();
}

public sealed class SqliteProvider : EngineProvider
{
    public override DatabaseEngine Engine => DatabaseEngine.Sqlite;

    public override Task<TestDatabase> CreateAsync()
    {
        var dir = Path.Combine(Path.GetTempPath(), "creditalt-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return Task.FromResult(new TestDatabase("sqlite:" + Path.Combine(dir, "test.db"), () =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
                // A connection still closing in the pool; the temp directory is cleaned up by the OS.
            }
            return Task.CompletedTask;
        }));
    }
}

public sealed class PostgresProvider : EngineProvider
{
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("CREDITALT_POSTGRES") is { Length: > 0 } s ? s : "Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres";

    public override DatabaseEngine Engine => DatabaseEngine.Postgres;

    /// <summary>A new schema per test, reached through <c>Search Path</c>; dropped with everything in it afterwards.</summary>
    public override async Task<TestDatabase> CreateAsync()
    {
        var schema = "t_" + Guid.NewGuid().ToString("N");
        await using (var c = new NpgsqlConnection(ConnectionString))
            await c.ExecuteAsync($"CREATE SCHEMA {schema}");
        var b = new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = schema };
        return new TestDatabase("postgres:" + b.ConnectionString, async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await using var c = new NpgsqlConnection(ConnectionString);
            await c.ExecuteAsync($"DROP SCHEMA {schema} CASCADE");
        });
    }
}

public sealed class SqlServerProvider : EngineProvider
{
    public static string? ConnectionString => Environment.GetEnvironmentVariable("CREDITALT_SQLSERVER") is { Length: > 0 } s ? s : null;

    public override DatabaseEngine Engine => DatabaseEngine.SqlServer;

    /// <summary>A new database per test; skipped (the one allowed skip) when no server is configured.</summary>
    public override async Task<TestDatabase> CreateAsync()
    {
        Assert.SkipWhen(ConnectionString is null, "CREDITALT_SQLSERVER is not set: no SQL Server to test against");
        var name = "creditalt_t_" + Guid.NewGuid().ToString("N");
        await using (var c = new SqlConnection(ConnectionString))
            await c.ExecuteAsync($"CREATE DATABASE [{name}]");
        var b = new SqlConnectionStringBuilder(ConnectionString) { InitialCatalog = name };
        return new TestDatabase("sqlserver:" + b.ConnectionString, async () =>
        {
            SqlConnection.ClearAllPools();
            await using var c = new SqlConnection(ConnectionString);
            await c.ExecuteAsync($"ALTER DATABASE [{name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{name}]");
        });
    }
}
