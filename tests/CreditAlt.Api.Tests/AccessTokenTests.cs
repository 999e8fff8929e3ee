using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CreditAlt.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static CreditAlt.Api.Tests.Infrastructure.Applications;

namespace CreditAlt.Api.Tests;

/// <summary>The system clock moved by <see cref="Offset"/>; timers stay real, so storage timeouts still fire.</summary>
public sealed class ShiftedClock : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}

/// <summary>A host whose clock a test can move, and with no replay window: every replay replaces the decision's token.</summary>
public sealed class ClockedHost<TEngine> : ApiHost<TEngine>
    where TEngine : IEngine, new()
{
    public ShiftedClock Clock { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["CreditAlt:AccessTokenReplayWindow"] = "00:00:00",
    };

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}

/// <summary>
/// Applicant access tokens: they open the notice for 180 days from the decision (evaluated on the service's
/// TimeProvider, never in scoring), and a decision has at most one live token however often it is replayed.
/// </summary>
public abstract class AccessTokenTests<TEngine>(ClockedHost<TEngine> host) : IClassFixture<ClockedHost<TEngine>>
    where TEngine : IEngine, new()
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<JsonElement> PostAsync(string id, string key, HttpStatusCode expected)
    {
        using var client = host.Client(host.LenderA);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/decisions") { Content = Body(Decline(id)) };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await client.SendAsync(request, Ct);
        Assert.Equal(expected, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();
    }

    private async Task<HttpStatusCode> NoticeAsync(string id, string secret)
    {
        using var client = host.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/decisions/{id}/notice");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return (await client.SendAsync(request, Ct)).StatusCode;
    }

    [Fact]
    public async Task Token_OpensFor180DaysFromTheDecision_ThenNot_TheLenderStillReads()
    {
        host.Clock.Offset = TimeSpan.Zero;
        var decision = await PostAsync("APP-TOKEN-LIFE", "life-" + Guid.NewGuid().ToString("N"), HttpStatusCode.Created);
        var id = decision.GetProperty("decisionId").GetString()!;
        var token = decision.GetProperty("applicantAccessToken").GetString()!;
        // recordedAt is the clock's reading when the decision was made; the token expires 180 days after it.
        var recordedAt = decision.GetProperty("recordedAt").GetDateTimeOffset();
        var offsetAtDecision = recordedAt - TimeProvider.System.GetUtcNow();
        try
        {
            host.Clock.Offset = TimeSpan.FromDays(180) - TimeSpan.FromMinutes(1);
            Assert.Equal(HttpStatusCode.OK, await NoticeAsync(id, token));
            host.Clock.Offset = TimeSpan.FromDays(180) + TimeSpan.FromSeconds(1) - offsetAtDecision;
            Assert.Equal(HttpStatusCode.NotFound, await NoticeAsync(id, token));
            Assert.Equal(HttpStatusCode.OK, await NoticeAsync(id, host.LenderA));
        }
        finally
        {
            host.Clock.Offset = TimeSpan.Zero;
        }
    }

    [Fact]
    public async Task Replays_EachReplacesTheToken_OneLiveTokenPerDecision_ExpiryStillFromTheDecision()
    {
        host.Clock.Offset = TimeSpan.Zero;
        var key = "replay-" + Guid.NewGuid().ToString("N");
        var first = await PostAsync("APP-TOKEN-REPLAY", key, HttpStatusCode.Created);
        var id = first.GetProperty("decisionId").GetString()!;
        var tokens = new List<string> { first.GetProperty("applicantAccessToken").GetString()! };
        for (var i = 0; i < 3; i++)
            tokens.Add((await PostAsync("APP-TOKEN-REPLAY", key, HttpStatusCode.OK)).GetProperty("applicantAccessToken").GetString()!);

        Assert.Equal(4, tokens.Distinct().Count());
        Assert.Equal(1, await host.Database.AccessTokens.CountAsync(id, Ct));
        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.OK],
            await Task.WhenAll(tokens.Select(t => NoticeAsync(id, t))));

        // A replay 200 days later does not make a token that opens: the lifetime runs from the decision.
        try
        {
            host.Clock.Offset = TimeSpan.FromDays(200);
            var late = (await PostAsync("APP-TOKEN-REPLAY", key, HttpStatusCode.OK)).GetProperty("applicantAccessToken").GetString()!;
            Assert.Equal(HttpStatusCode.NotFound, await NoticeAsync(id, late));
        }
        finally
        {
            host.Clock.Offset = TimeSpan.Zero;
        }
    }
}

public sealed class SqliteAccessTokenTests(ClockedHost<SqliteEngine> host) : AccessTokenTests<SqliteEngine>(host);

public sealed class PostgresAccessTokenTests(ClockedHost<PostgresEngine> host) : AccessTokenTests<PostgresEngine>(host);
