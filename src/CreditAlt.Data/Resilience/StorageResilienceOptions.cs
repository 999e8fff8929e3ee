namespace CreditAlt.Data.Resilience;

/// <summary>Retry, timeout and circuit-breaker settings for every database call.</summary>
public sealed class StorageResilienceOptions
{
    /// <summary>Retries after the first attempt.</summary>
    /// <value>3</value>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Base delay of the exponential, jittered back-off.</summary>
    /// <value>100 ms</value>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Time allowed for one attempt (one call or one group-commit batch).</summary>
    /// <value>10 s</value>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Share of failed calls in <see cref="SamplingDuration"/> that opens the circuit.</summary>
    /// <value>0.5</value>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Window over which <see cref="FailureRatio"/> is measured.</summary>
    /// <value>10 s</value>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Calls needed in the window before the circuit may open.</summary>
    /// <value>8</value>
    public int MinimumThroughput { get; set; } = 8;

    /// <summary>How long an open circuit refuses calls at once (and the Retry-After callers are given).</summary>
    /// <value>5 s</value>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Called before each retry (for metrics and tests).</summary>
    /// <value>null</value>
    public Action? OnRetry { get; set; }
}
