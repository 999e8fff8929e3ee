using System.Globalization;
using System.Threading.RateLimiting;
using CreditAlt.Api.Errors;
using CreditAlt.Api.Infrastructure;
using CreditAlt.Data.Security;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace CreditAlt.Api.Security;

/// <summary>
/// What is refused before any key is looked up, so that a refused request costs no database round trip:
/// a declared body over the size limit (413, and the connection closed since its body stays unread), and requests
/// without a key already known to be valid past their client address's rate (429). Known keys are limited per key
/// later, by the rate limiter; unknown, revoked and missing keys and applicant tokens share their address's bucket,
/// so guessing keys or tokens is as slow as the bucket.
/// </summary>
internal sealed class RequestGate(RequestDelegate next, IMemoryCache cache, IProblemDetailsService problems, AddressRateLimiter byAddress)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength is { } length && context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize is { } max && length > max)
        {
            context.Response.Headers.Connection = "close";
            await WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Request too large", $"The body may be at most {max} bytes.").ConfigureAwait(false);
            return;
        }

        if (context.GetEndpoint()?.Metadata.GetMetadata<DisableRateLimitingAttribute>() is null && !HasKnownKey(request))
        {
            using var lease = byAddress.Limiter.AttemptAcquire(context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            if (!lease.IsAcquired)
            {
                var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
                context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                await WriteAsync(context, StatusCodes.Status429TooManyRequests, "Too many requests",
                    $"Too many requests without a valid API key from this address; try again in {retryAfter} s.").ConfigureAwait(false);
                return;
            }
        }

        await next(context).ConfigureAwait(false);
    }

    /// <summary>True when the request carries an API key the authentication handler has looked up and found valid (cached).</summary>
    private bool HasKnownKey(HttpRequest request) =>
        ApiKeyAuthenticationHandler.ReadKey(request) is { } secret
        && cache.TryGetValue(ApiKeyAuthenticationHandler.CacheKey(secret), out ApiKeyRecord? record)
        && record is not null;

    private ValueTask WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = { Status = status, Title = title, Detail = detail } });
    }
}

/// <summary>One token bucket per client address, for requests without a known key (a singleton, so the host disposes its timer).</summary>
internal sealed class AddressRateLimiter : IDisposable
{
    public AddressRateLimiter(IOptions<ApiOptions> options)
    {
        var limits = options.Value.RateLimit;
        // Ten refills a second at high rates; below 10 per second, one token every 1/rate seconds.
        var fine = limits.AnonymousPermitsPerSecond >= 10;
        Limiter = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetTokenBucketLimiter(address, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = limits.AnonymousBurst,
            TokensPerPeriod = fine ? (int)(limits.AnonymousPermitsPerSecond / 10) : 1,
            ReplenishmentPeriod = fine ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromSeconds(1 / limits.AnonymousPermitsPerSecond),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    public PartitionedRateLimiter<string> Limiter { get; }

    public void Dispose() => Limiter.Dispose();
}
