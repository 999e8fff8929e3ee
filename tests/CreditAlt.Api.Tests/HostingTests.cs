using System.Net;
using System.Text.Json;
using CreditAlt.Api.Tests.Infrastructure;
using CreditAlt.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Trace;
using static CreditAlt.Api.Tests.Infrastructure.Applications;

namespace CreditAlt.Api.Tests;

/// <summary>A host with a tiny per-key rate limit: 2 requests at once, then 1 per second.</summary>
public sealed class RateLimitedHost : ApiHost<SqliteEngine>
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["CreditAlt:RateLimit:PermitsPerSecond"] = "1",
        ["CreditAlt:RateLimit:Burst"] = "2",
    };
}

public sealed class RateLimitTests(RateLimitedHost host) : IClassFixture<RateLimitedHost>
{
    [Fact]
    public async Task Requests_OverTheKeysBurst_429WithRetryAfter_OtherKeysUnaffected()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = host.Client(host.Compliance);
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 3; i++)
        {
            var r = await client.GetAsync("/v1/models", ct);
            statuses.Add(r.StatusCode);
            limited = r;
        }
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal("1", limited!.Headers.GetValues("Retry-After").Single());
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType!.MediaType);

        using var other = host.Client(host.Admin);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/v1/models", ct)).StatusCode);
    }
}

/// <summary>A real server whose client addresses may send 3 requests at once without a known key, then one every 100 s.</summary>
public sealed class AnonymousLimitHost : IAsyncLifetime
{
    public KestrelApi Api { get; } = new();

    public async ValueTask InitializeAsync()
    {
        Api.Settings["CreditAlt:RateLimit:AnonymousPermitsPerSecond"] = "0.01";
        Api.Settings["CreditAlt:RateLimit:AnonymousBurst"] = "3";
        await Api.InitializeAsync();
    }

    public ValueTask DisposeAsync() => Api.DisposeAsync();
}

public sealed class AnonymousRateLimitTests(AnonymousLimitHost host) : IClassFixture<AnonymousLimitHost>
{
    [Fact]
    public async Task UnknownKeys_FromOneAddress_429AfterTheBurst_AKnownKeyStillServed()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = new HttpClient { BaseAddress = host.Api.BaseAddress };
        // A valid key, looked up once (that lookup draws from the address's bucket too), is then limited per key only.
        using (var known = new HttpRequestMessage(HttpMethod.Get, "/v1/models"))
        {
            known.Headers.Authorization = new("Bearer", host.Api.Lender);
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(known, ct)).StatusCode);
        }

        var statuses = new List<int>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            using var guess = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
            guess.Headers.Authorization = new("Bearer", "ca_guess" + Guid.NewGuid().ToString("N"));
            last = await client.SendAsync(guess, ct);
            statuses.Add((int)last.StatusCode);
        }
        using var anonymous = await client.GetAsync("/v1/models", ct);
        statuses.Add((int)anonymous.StatusCode);

        Assert.Equal([401, 401, 429, 429, 429], statuses);
        var retryAfter = int.Parse(last!.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 90, 100);
        Assert.Equal($"Too many requests without a valid API key from this address; try again in {retryAfter} s.",
            JsonDocument.Parse(await last.Content.ReadAsStringAsync(ct)).RootElement.GetProperty("detail").GetString());
        using var again = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        again.Headers.Authorization = new("Bearer", host.Api.Lender);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(again, ct)).StatusCode);
        // Health, metrics and the docs are never limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/alive", ct)).StatusCode);
    }

    [Fact]
    public async Task UnknownKeys_WhileTheDatabaseIsDown_429BeforeAnyLookup()
    {
        // Past the burst the answer is 429, not the 503 of a lookup that cannot reach the database: nothing was looked up.
        var ct = TestContext.Current.CancellationToken;
        await using var factory = ApiHost<SqliteEngine>.Create("Host=127.0.0.1;Port=1;Username=postgres;Database=postgres;Timeout=2", new Dictionary<string, string?>
        {
            ["CreditAlt:RateLimit:AnonymousPermitsPerSecond"] = "0.01",
            ["CreditAlt:RateLimit:AnonymousBurst"] = "2",
            ["CreditAlt:Storage:Resilience:MaxRetries"] = "1",
            ["CreditAlt:Storage:Resilience:BaseDelay"] = "00:00:00.010",
        });
        using var client = factory.CreateClient();
        var statuses = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            using var guess = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
            guess.Headers.Authorization = new("Bearer", "ca_guess" + Guid.NewGuid().ToString("N"));
            statuses.Add((int)(await client.SendAsync(guess, ct)).StatusCode);
        }
        Assert.Equal([503, 503, 429, 429], statuses);
    }
}

public sealed class HostingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StorageDown_Decision503WithRetryAfter_Health503()
    {
        // Nothing listens on port 1; one quick retry and a short timeout keep the test fast.
        await using var factory = ApiHost<SqliteEngine>.Create("Host=127.0.0.1;Port=1;Username=postgres;Database=postgres;Timeout=2", new Dictionary<string, string?>
        {
            ["CreditAlt:Storage:Resilience:MaxRetries"] = "1",
            ["CreditAlt:Storage:Resilience:BaseDelay"] = "00:00:00.010",
            ["CreditAlt:Storage:Resilience:AttemptTimeout"] = "00:00:02",
            ["CreditAlt:Storage:Resilience:BreakDuration"] = "00:00:07",
        });
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", "ca_someKeyThatCannotBeCheckedWhileTheDatabaseIsDown000");
        using var response = await client.PostAsync("/v1/decisions", Body(Approve()), Ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("7", response.Headers.GetValues("Retry-After").Single());
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal("Storage unavailable", problem.GetProperty("title").GetString());

        using var health = await client.GetAsync("/health", Ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        var healthBody = await health.Content.ReadAsStringAsync(Ct);
        Assert.True(healthBody.StartsWith("{\"status\":\"unhealthy\"", StringComparison.Ordinal), healthBody);

        using var alive = await client.GetAsync("/alive", Ct);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    [Fact]
    public async Task Tracing_OnlyWithAnOtlpCollector_BuildsATracerProvider()
    {
        var db = "sqlite:" + Path.Combine(Path.GetTempPath(), $"ca-{Guid.NewGuid():N}.db");
        await using (var plain = ApiHost<SqliteEngine>.Create(db, new Dictionary<string, string?>()))
            Assert.Null(plain.Services.GetService<TracerProvider>());
        // Nothing listens on port 1 of loopback: the exporter's failures are its own and never reach a request.
        await using var exporting = ApiHost<SqliteEngine>.Create(db, new Dictionary<string, string?> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:1" });
        Assert.Equal("TracerProviderSdk", exporting.Services.GetService<TracerProvider>()?.GetType().Name);
    }

    [Fact]
    public async Task Start_BadDatabaseSetting_FailsNamingTheSetting()
    {
        await using var factory = ApiHost<SqliteEngine>.Create("Foo=bar", new Dictionary<string, string?>());
        var ex = Assert.Throws<OptionsValidationException>(() => factory.Services.GetRequiredService<CreditAltDatabase>());
        Assert.StartsWith("CreditAlt:Database: cannot tell the database engine from 'Foo=bar'", Assert.Single(ex.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_MissingModel_FailsNamingTheSettingAndPath()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-dir", "scorecard.json");
        await using var factory = ApiHost<SqliteEngine>.Create("sqlite:" + Path.Combine(Path.GetTempPath(), $"ca-{Guid.NewGuid():N}.db"),
            new Dictionary<string, string?> { ["CreditAlt:ModelPath"] = path });
        var ex = Assert.Throws<OptionsValidationException>(() => factory.Services);
        Assert.StartsWith($"CreditAlt:ModelPath: no scorecard at '{path}'", Assert.Single(ex.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_BrokenModelFile_FailsWithTheJsonPath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"broken-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, """{"format":"creditalt-scorecard/1","modelId":"x"}""", Ct);
        await using var factory = ApiHost<SqliteEngine>.Create("sqlite:" + Path.Combine(Path.GetTempPath(), $"ca-{Guid.NewGuid():N}.db"),
            new Dictionary<string, string?> { ["CreditAlt:ModelPath"] = path });
        var ex = Assert.Throws<OptionsValidationException>(() => factory.Services);
        Assert.StartsWith($"CreditAlt:ModelPath: '{path}': Not a valid scorecard", Assert.Single(ex.Failures), StringComparison.Ordinal);
    }
}
