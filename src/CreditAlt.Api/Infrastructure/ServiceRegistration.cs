using System.Globalization;
using System.Threading.RateLimiting;
using CreditAlt.Api.Decisions;
using CreditAlt.Api.Errors;
using CreditAlt.Api.Health;
using CreditAlt.Api.Models;
using CreditAlt.Api.Security;
using CreditAlt.Data;
using CreditAlt.Data.Connections;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CreditAlt.Api.Infrastructure;

/// <summary>Every concern of the service in one registration, so Program.cs stays a table of contents.</summary>
internal static class ServiceRegistration
{
    public static WebApplicationBuilder AddCreditAltApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiOptions>, ApiOptionsValidator>();
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<ApiOptions>>((kestrel, api) =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = api.Value.MaxRequestBodyBytes;
        });

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp =>
        {
            // Built here rather than through AddCreditAltData so the database comes from validated options and the
            // storage tuning (CreditAlt:Storage:Resilience, :Ledger) from configuration.
            var api = sp.GetRequiredService<IOptions<ApiOptions>>().Value;
            var data = sp.GetRequiredService<IConfiguration>().GetSection("CreditAlt:Storage").Get<CreditAltDataOptions>() ?? new CreditAltDataOptions();
            data.Database = api.Database;
            return new CreditAltDatabase(StorageTarget.Parse(api.Database), data, sp.GetRequiredService<TimeProvider>());
        });
        services.AddHostedService<StartupMigration>();
        services.AddSingleton<ActiveModel>();
        services.AddSingleton<DecisionService>();
        services.AddSingleton<CreditAlt.Api.Transactions.TransactionCategoriser>();
        services.AddSingleton<ApiMetrics>();
        services.AddMemoryCache(o => o.SizeLimit = 100_000);

        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, DecisionJsonContext.Default);
            // Numbers are numbers: the application reader refuses "2500" for an amount, so the OpenAPI document must not
            // type amounts as "number | string" (what the web defaults' AllowReadingFromString would make it say).
            o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
        });
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();

        // No default scheme: a key is looked up only for endpoints whose policy asks for one, so /health, /metrics and
        // the docs answer even while the key store (the database) is down, whatever headers a caller sends.
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder().AddCreditAltPolicies();
        services.AddRateLimiter(ConfigureRateLimiting);
        services.AddSingleton<AddressRateLimiter>();

        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.AddOpenApi(o => o.AddDocumentTransformer<OpenApiDocumentTransformer>());
        builder.AddObservability();
        services.AddSecretRedaction();
        return builder;
    }

    private static void ConfigureRateLimiting(RateLimiterOptions options)
    {
        options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            var limits = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.RateLimit;
            // One bucket per API key; requests without a key share a bucket per client address.
            var partition = context.User.KeyId() ?? "ip:" + context.Connection.RemoteIpAddress;
            var fine = limits.PermitsPerSecond >= 10;
            return RateLimitPartition.GetTokenBucketLimiter(partition, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = limits.Burst,
                TokensPerPeriod = fine ? limits.PermitsPerSecond / 10 : limits.PermitsPerSecond,
                ReplenishmentPeriod = fine ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        });
        options.OnRejected = async (context, ct) =>
        {
            var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
            var response = context.HttpContext.Response;
            response.StatusCode = StatusCodes.Status429TooManyRequests;
            response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
            await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context.HttpContext,
                ProblemDetails =
                {
                    Status = StatusCodes.Status429TooManyRequests,
                    Title = "Too many requests",
                    Detail = $"This API key is over its request rate; try again in {retryAfter} s.",
                },
            }).ConfigureAwait(false);
        };
    }

    private static void AddObservability(this WebApplicationBuilder builder)
    {
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("creditalt-api"))
            // Only the hosting meter (http.server.request.duration) of ASP.NET Core's six: the routing, rate-limiting and
            // Kestrel meters record on every request too, and nothing reads them (docs/api.md lists what /metrics serves).
            .WithMetrics(m => m
                .AddMeter(AspNetCoreHostingMeter, ApiMetrics.MeterName)
                .AddPrometheusExporter());
        builder.Logging.AddOpenTelemetry(l =>
        {
            l.IncludeFormattedMessage = true;
            l.IncludeScopes = false;
        });
        // As in eShop's ServiceDefaults: export over OTLP only when a collector is configured. Spans are recorded only
        // then too: without a collector nobody reads them, and building one per request costs a measurable share of a
        // decision's CPU under load (docs/benchmarks.md, Scoring API).
        // The storage's own telemetry goes with it: Npgsql's spans, and Polly's retries, breaks and timeouts (meter
        // "Polly", pipeline "creditalt-storage"). Microsoft.Data.Sqlite emits no spans or metrics of its own.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.WithTracing(t => t
                    .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsInfrastructure(context.Request.Path))
                    .AddNpgsql())
                .WithMetrics(m => m.AddMeter(PollyMeter))
                .UseOtlpExporter();
        }
    }

    private const string AspNetCoreHostingMeter = "Microsoft.AspNetCore.Hosting";

    private const string PollyMeter = "Polly";

    private static bool IsInfrastructure(PathString path) =>
        path.StartsWithSegments("/metrics") || path.StartsWithSegments("/health") || path.StartsWithSegments("/alive");
}

/// <summary>Applies migrations when the service starts; a database that is down is reported and retried on first use, not fatal.</summary>
internal sealed partial class StartupMigration(CreditAltDatabase database, ActiveModel model, ILogger<StartupMigration> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        LogModel(log, model.Scorecard.ModelId, model.Scorecard.Version, model.ArtifactSha256);
        try
        {
            var applied = await database.MigrateAsync(cancellationToken).ConfigureAwait(false);
            LogMigrated(log, database.Target.Engine.ToString(), applied.Count);
        }
        catch (Data.Resilience.StorageUnavailableException ex)
        {
            LogUnavailable(log, database.Target.Describe(), ex.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Scoring with model {ModelId} version {ModelVersion} (sha256 {Sha256})")]
    private static partial void LogModel(ILogger logger, string modelId, string modelVersion, string sha256);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Database {Engine} ready; {Applied} migration(s) applied now")]
    private static partial void LogMigrated(ILogger logger, string engine, int applied);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "Database {Database} unavailable at start-up ({Message}); requests get 503 until it answers")]
    private static partial void LogUnavailable(ILogger logger, string database, string message);
}
