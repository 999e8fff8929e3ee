namespace CreditAlt.Data.Resilience;

/// <summary>
/// The database did not answer within the retry budget, or the circuit breaker is open.
/// Callers can try again after <see cref="RetryAfter"/> (the API answers 503 with Retry-After).
/// </summary>
public sealed class StorageUnavailableException(string message, TimeSpan retryAfter, Exception? inner = null)
    : Exception(message, inner)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
