using System.Data.Common;
using System.Net.Sockets;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace CreditAlt.Data.Resilience;

/// <summary>
/// Runs database work through retry (jittered exponential back-off) → circuit breaker → per-attempt
/// timeout, and turns "still failing" into <see cref="StorageUnavailableException"/>. Work passed in
/// must be safe to repeat: every write in this library is idempotent (unique keys, checked first).
/// </summary>
public sealed class StorageResilience
{
    private readonly ResiliencePipeline _pipeline;
    private readonly StorageResilienceOptions _options;

    /// <summary>Polly's pipeline name, as its telemetry (meter <c>Polly</c>) reports it.</summary>
    public const string PipelineName = "creditalt-storage";

    /// <param name="options">Retry, breaker and timeout settings.</param>
    /// <param name="time">The clock of back-off delays, the breaker's window and break, and the timeout (a fake one in tests).</param>
    public StorageResilience(StorageResilienceOptions? options = null, TimeProvider? time = null)
    {
        _options = options ?? new StorageResilienceOptions();
        var handle = new PredicateBuilder().Handle<Exception>(IsTransient);
        var builder = new ResiliencePipelineBuilder { Name = PipelineName, TimeProvider = time ?? TimeProvider.System };
        // Retries, breaks and timeouts as metrics on the meter "Polly" (the API exports it with Npgsql's telemetry).
        builder.ConfigureTelemetry(new Polly.Telemetry.TelemetryOptions());
        if (_options.MaxRetries > 0)
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = handle,
                MaxRetryAttempts = _options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.BaseDelay,
                OnRetry = _ =>
                {
                    _options.OnRetry?.Invoke();
                    return ValueTask.CompletedTask;
                },
            });
        _pipeline = builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = handle,
                FailureRatio = _options.FailureRatio,
                SamplingDuration = _options.SamplingDuration,
                MinimumThroughput = _options.MinimumThroughput,
                BreakDuration = _options.BreakDuration,
            })
            .AddTimeout(_options.AttemptTimeout)
            .Build();
    }

    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken ct = default)
    {
        try
        {
            return await _pipeline.ExecuteAsync(async token => await work(token).ConfigureAwait(false), ct).ConfigureAwait(false);
        }
        catch (BrokenCircuitException ex)
        {
            throw new StorageUnavailableException("storage unavailable: the database failed repeatedly; calls are paused", ex.RetryAfter ?? _options.BreakDuration, ex);
        }
        catch (Exception ex) when (IsTransient(ex) && !ct.IsCancellationRequested)
        {
            throw new StorageUnavailableException($"storage unavailable: {Describe(ex)}", _options.BreakDuration, ex);
        }
    }

    public Task ExecuteAsync(Func<CancellationToken, Task> work, CancellationToken ct = default) =>
        ExecuteAsync(async token =>
        {
            await work(token).ConfigureAwait(false);
            return true;
        }, ct);

    /// <summary>
    /// Errors worth retrying: the server is unreachable or restarting, a lock or serialization conflict,
    /// a timeout. Constraint violations and SQL errors are bugs or bad data and are not retried.
    /// </summary>
    public static bool IsTransient(Exception ex) => ex switch
    {
        TimeoutRejectedException or TimeoutException or SocketException => true,
        PostgresException pg => pg.IsTransient || pg.SqlState is "57P01" or "57P02" or "57P03" or "53300" or "40001" or "40P01",
        NpgsqlException npg => npg.IsTransient || npg.InnerException is SocketException or IOException or TimeoutException,
        SqliteException sqlite => sqlite.SqliteErrorCode is 5 or 6, // SQLITE_BUSY, SQLITE_LOCKED
        SqlException sql => sql.Errors.Cast<SqlError>().Any(e => SqlServerTransientNumbers.Contains(e.Number)),
        DbException db => db.IsTransient,
        _ => false,
    };

    // Connection loss, failover, throttling, deadlock victim, lock timeout (Azure SQL's documented list, abridged).
    private static readonly HashSet<int> SqlServerTransientNumbers =
        [-2, 20, 64, 233, 1205, 1222, 4060, 4221, 10053, 10054, 10060, 10928, 10929, 40143, 40197, 40501, 40540, 40613, 49918, 49919, 49920];

    private static string Describe(Exception ex) => ex switch
    {
        TimeoutRejectedException => "the database did not answer in time",
        _ => ex.InnerException is SocketException se ? $"cannot reach the database ({se.SocketErrorCode})" : ex.Message,
    };
}
