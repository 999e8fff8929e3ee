using System.Data.Common;
using Dapper;

namespace CreditAlt.Data.Tests;

/// <summary>Gives each test its own empty database on the engine <typeparamref name="TProvider"/> names.</summary>
public abstract class StorageTestBase<TProvider> : IAsyncLifetime
    where TProvider : EngineProvider, new()
{
    private readonly List<IAsyncDisposable> _cleanup = [];

    protected TProvider Provider { get; } = new();

    protected FixedTime Clock { get; } = new(TestData.T0);

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The <c>--db</c> text of a fresh, empty database, dropped after the test.</summary>
    protected async Task<string> NewDatabaseTextAsync()
    {
        var test = await Provider.CreateAsync();
        _cleanup.Add(test);
        return test.Db;
    }

    /// <summary>Opens <paramref name="db"/> (closed after the test).</summary>
    protected CreditAltDatabase Open(string db, CreditAltDataOptions? options = null)
    {
        var database = CreditAltDatabase.Open(db, options, Clock);
        _cleanup.Add(database);
        return database;
    }

    /// <summary>A fresh, migrated database, dropped after the test.</summary>
    protected async Task<CreditAltDatabase> NewDatabaseAsync(CreditAltDataOptions? options = null)
    {
        var test = await Provider.CreateAsync();
        _cleanup.Add(test);
        options ??= new CreditAltDataOptions();
        options.Database = test.Db;
        var db = CreditAltDatabase.Open(test.Db, options, Clock);
        _cleanup.Add(db);
        await db.MigrateAsync(Ct);
        return db;
    }

    protected static async Task ExecAsync(CreditAltDatabase db, string sql, object? args = null)
    {
        await using DbConnection c = await db.OpenAsync(Ct);
        await c.ExecuteAsync(sql, args);
    }

    protected static async Task<T> ScalarAsync<T>(CreditAltDatabase db, string sql, object? args = null)
    {
        await using DbConnection c = await db.OpenAsync(Ct);
        return (await c.ExecuteScalarAsync<T>(sql, args))!;
    }

    protected static async Task<List<T>> QueryAsync<T>(CreditAltDatabase db, string sql, object? args = null)
    {
        await using DbConnection c = await db.OpenAsync(Ct);
        return (await c.QueryAsync<T>(sql, args)).ToList();
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        // Databases before their files/schemas: reverse order of creation.
        for (var i = _cleanup.Count - 1; i >= 0; i--)
            await _cleanup[i].DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
