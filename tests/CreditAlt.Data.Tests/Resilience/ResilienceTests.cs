using System.Diagnostics;
using CreditAlt.Data.Resilience;
using Polly.CircuitBreaker;

namespace CreditAlt.Data.Tests.Resilience;

/// <summary>Against a PostgreSQL address where nothing listens (a stopped server looks the same to a client).</summary>
public sealed class ResilienceTests
{
    private const string Unreachable = "Host=127.0.0.1;Port=1;Username=postgres;Database=postgres;Timeout=2";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AppendAsync_DatabaseDown_ThrowsStorageUnavailableAfterRetrying()
    {
        var retries = 0;
        var options = new CreditAltDataOptions
        {
            Resilience = new StorageResilienceOptions { MaxRetries = 2, BaseDelay = TimeSpan.FromMilliseconds(20), MinimumThroughput = 100, BreakDuration = TimeSpan.FromSeconds(7) },
        };
        options.Resilience.OnRetry = () => Interlocked.Increment(ref retries);
        await using var db = CreditAltDatabase.Open(Unreachable, options);
        var watch = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<StorageUnavailableException>(() => db.Ledger.AppendAsync(TestData.Decision("D-1"), Ct));

        Assert.Equal("storage unavailable: cannot reach the database (ConnectionRefused)", ex.Message);
        Assert.Equal((TimeSpan.FromSeconds(7), 2), (ex.RetryAfter, retries));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task PingAsync_RepeatedFailures_CircuitOpensAndFailsFast()
    {
        var options = new CreditAltDataOptions
        {
            Resilience = new StorageResilienceOptions { MaxRetries = 0, MinimumThroughput = 2, FailureRatio = 0.5, BreakDuration = TimeSpan.FromSeconds(30) },
        };
        await using var db = CreditAltDatabase.Open(Unreachable, options);
        await Assert.ThrowsAsync<StorageUnavailableException>(() => db.PingAsync(Ct));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => db.PingAsync(Ct));

        var ex = await Assert.ThrowsAsync<StorageUnavailableException>(() => db.PingAsync(Ct));

        Assert.IsType<BrokenCircuitException>(ex.InnerException);
        Assert.Equal("storage unavailable: the database failed repeatedly; calls are paused", ex.Message);
        Assert.InRange(ex.RetryAfter, TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task AppendAsync_DatabaseDown_LaterAppendToHealthyDatabaseUnaffected()
    {
        // One database's failures do not leak into another's circuit.
        await using var down = CreditAltDatabase.Open(Unreachable, new CreditAltDataOptions { Resilience = new StorageResilienceOptions { MaxRetries = 0 } });
        await Assert.ThrowsAsync<StorageUnavailableException>(() => down.PingAsync(Ct));
        var dir = Path.Combine(Path.GetTempPath(), "creditalt-tests", Guid.NewGuid().ToString("N"));
        await using var up = CreditAltDatabase.Open("sqlite:" + Path.Combine(dir, "up.db"));

        Assert.True(await up.PingAsync(Ct));
    }

    [Theory]
    [InlineData(typeof(TimeoutException), true)]
    [InlineData(typeof(InvalidOperationException), false)]
    [InlineData(typeof(ArgumentException), false)]
    public void IsTransient_ExceptionType_Classified(Type type, bool expected) =>
        Assert.Equal(expected, StorageResilience.IsTransient((Exception)Activator.CreateInstance(type)!));

    [Fact]
    public void IsTransient_SqliteBusyAndConstraint_OnlyBusyIsTransient()
    {
        Assert.True(StorageResilience.IsTransient(new Microsoft.Data.Sqlite.SqliteException("busy", 5)));
        Assert.False(StorageResilience.IsTransient(new Microsoft.Data.Sqlite.SqliteException("constraint", 19)));
    }
}
