using CreditAlt.Data.Resilience;
using Microsoft.Extensions.Time.Testing;
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
        var time = new FakeTimeProvider(TestData.T0);
        var options = new CreditAltDataOptions
        {
            Resilience = new StorageResilienceOptions { MaxRetries = 2, BaseDelay = TimeSpan.FromSeconds(1), MinimumThroughput = 100, BreakDuration = TimeSpan.FromSeconds(7) },
        };
        options.Resilience.OnRetry = () => Interlocked.Increment(ref retries);
        await using var db = CreditAltDatabase.Open(Unreachable, options, time);

        var append = db.Ledger.AppendAsync(TestData.Decision("D-1"), Ct);
        // The back-off waits on the fake clock: nothing happens until it is moved (each refused connection is real I/O).
        var moved = await MoveClockUntilDoneAsync(append, time);

        var ex = await Assert.ThrowsAsync<StorageUnavailableException>(() => append);
        Assert.Equal("storage unavailable: cannot reach the database (ConnectionRefused)", ex.Message);
        Assert.Equal((TimeSpan.FromSeconds(7), 2), (ex.RetryAfter, retries));
        Assert.True(moved > TimeSpan.Zero, "the back-off should have waited on the fake clock");
    }

    [Fact]
    public async Task PingAsync_RepeatedFailures_CircuitOpensFailsFastAndProbesAfterTheBreak()
    {
        var time = new FakeTimeProvider(TestData.T0);
        var options = new CreditAltDataOptions
        {
            Resilience = new StorageResilienceOptions { MaxRetries = 0, MinimumThroughput = 2, FailureRatio = 0.5, BreakDuration = TimeSpan.FromSeconds(30) },
        };
        await using var db = CreditAltDatabase.Open(Unreachable, options, time);
        await Assert.ThrowsAsync<StorageUnavailableException>(() => db.PingAsync(Ct));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => db.PingAsync(Ct));

        var open = await Assert.ThrowsAsync<StorageUnavailableException>(() => db.PingAsync(Ct));
        time.Advance(TimeSpan.FromSeconds(29));
        var stillOpen = await Assert.ThrowsAsync<StorageUnavailableException>(() => db.PingAsync(Ct));
        time.Advance(TimeSpan.FromSeconds(1));
        var probe = await Assert.ThrowsAsync<StorageUnavailableException>(() => db.PingAsync(Ct));

        Assert.IsType<BrokenCircuitException>(open.InnerException);
        Assert.Equal("storage unavailable: the database failed repeatedly; calls are paused", open.Message);
        Assert.Equal(TimeSpan.FromSeconds(30), open.RetryAfter);    // no wall-clock time has passed on the breaker's clock
        Assert.Equal(TimeSpan.FromSeconds(1), stillOpen.RetryAfter);
        Assert.IsNotType<BrokenCircuitException>(probe.InnerException); // half-open: one call goes to the database again
        Assert.Equal("storage unavailable: cannot reach the database (ConnectionRefused)", probe.Message);
    }

    /// <summary>Moves the fake clock a second at a time until <paramref name="task"/> ends; returns how far it was moved.</summary>
    private static async Task<TimeSpan> MoveClockUntilDoneAsync(Task task, FakeTimeProvider time)
    {
        var moved = TimeSpan.Zero;
        for (var i = 0; i < 600 && !task.IsCompleted; i++)
        {
            // Lets a refused connection (real I/O) finish before the clock moves on.
            await Task.WhenAny(task, Task.Delay(20, Ct));
            if (task.IsCompleted) break;
            time.Advance(TimeSpan.FromSeconds(1));
            moved += TimeSpan.FromSeconds(1);
        }

        return moved;
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
