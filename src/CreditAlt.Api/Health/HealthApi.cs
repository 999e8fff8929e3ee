using CreditAlt.Data;
using CreditAlt.Data.Resilience;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CreditAlt.Api.Health;

/// <summary>Readiness includes a database round trip; a failing database makes the service unhealthy (503), not the process dead.</summary>
internal sealed class DatabaseHealthCheck(CreditAltDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await database.PingAsync(cancellationToken).ConfigureAwait(false)
                ? HealthCheckResult.Healthy(database.Target.Engine.ToString())
                : HealthCheckResult.Unhealthy("the database answered SELECT 1 with something else");
        }
        catch (StorageUnavailableException ex)
        {
            return HealthCheckResult.Unhealthy(ex.Message);
        }
    }
}

internal static class HealthApi
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        // /health: ready to serve, database included. /alive: the process answers (liveness; checks nothing else).
        routes.MapHealthChecks("/health", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { ResponseWriter = WriteAsync })
            .DisableRateLimiting().WithTags("Health");
        routes.MapHealthChecks("/alive", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync })
            .DisableRateLimiting().WithTags("Health");
        return routes;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString().ToLowerInvariant(), detail = e.Value.Description });
        return context.Response.WriteAsJsonAsync(new { status = report.Status.ToString().ToLowerInvariant(), checks });
    }
}
