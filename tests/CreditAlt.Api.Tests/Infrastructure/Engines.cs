using Dapper;
using Npgsql;

namespace CreditAlt.Api.Tests.Infrastructure;

/// <summary>A database engine the API is tested on; each host gets a fresh, empty database that is dropped afterwards.</summary>
public interface IEngine
{
    Task<(string Db, Func<Task> Drop)> CreateAsync();
}

public sealed class SqliteEngine : IEngine
{
    public Task<(string Db, Func<Task> Drop)> CreateAsync()
    {
        var dir = Path.Combine(Path.GetTempPath(), "creditalt-api-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return Task.FromResult<(string, Func<Task>)>(("sqlite:" + Path.Combine(dir, "api.db"), () =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
                // A pooled connection still closing; the OS cleans the temp directory.
            }
            return Task.CompletedTask;
        }));
    }
}

/// <summary>PostgreSQL from env <c>CREDITALT_POSTGRES</c> (the test script starts one); a schema per host.</summary>
public sealed class PostgresEngine : IEngine
{
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("CREDITALT_POSTGRES") is { Length: > 0 } s ? s : "Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres";

    public async Task<(string Db, Func<Task> Drop)> CreateAsync()
    {
        var schema = "api_" + Guid.NewGuid().ToString("N");
        await using (var c = new NpgsqlConnection(ConnectionString))
            await c.ExecuteAsync($"CREATE SCHEMA {schema}");
        var b = new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = schema };
        return ("postgres:" + b.ConnectionString, async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await using var c = new NpgsqlConnection(ConnectionString);
            await c.ExecuteAsync($"DROP SCHEMA {schema} CASCADE");
        });
    }
}
