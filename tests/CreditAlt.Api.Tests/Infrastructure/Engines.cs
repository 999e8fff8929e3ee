namespace CreditAlt.Api.Tests.Infrastructure;

/// <summary>A database engine the API is tested on; each host gets a fresh, empty database that is dropped afterwards.</summary>
public interface IEngine
{
    Task<(string Db, Func<Task> Drop)> CreateAsync();
}

public sealed class SqliteEngine : IEngine
{
    public Task<(string Db, Func<Task> Drop)> CreateAsync() => SharedEngines.CreateAsync(new SqliteProvider());
}

/// <summary>PostgreSQL from env <c>CREDITALT_POSTGRES</c> (the test script starts one); a schema per host.</summary>
public sealed class PostgresEngine : IEngine
{
    public Task<(string Db, Func<Task> Drop)> CreateAsync() => SharedEngines.CreateAsync(new PostgresProvider());
}

/// <summary>The engine fixtures shared by every test project (CreditAlt.Testing), in this project's shape.</summary>
internal static class SharedEngines
{
    public static async Task<(string Db, Func<Task> Drop)> CreateAsync(EngineProvider provider)
    {
        var database = await provider.CreateAsync();
        return (database.Db, async () => await database.DisposeAsync());
    }
}
