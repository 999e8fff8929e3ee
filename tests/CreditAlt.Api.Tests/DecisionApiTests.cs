using System.Net;
using System.Text.Json;
using CreditAlt.Api.Tests.Infrastructure;
using static CreditAlt.Api.Tests.Infrastructure.Applications;

namespace CreditAlt.Api.Tests;

/// <summary>Decisions through the real HTTP pipeline on one engine; one sealed subclass per engine below.</summary>
public abstract class DecisionApiTests<TEngine>(ApiHost<TEngine> host) : IClassFixture<ApiHost<TEngine>>
    where TEngine : IEngine, new()
{
    protected ApiHost<TEngine> Host { get; } = host;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected async Task<JsonElement> PostAsync(CreditAlt.Core.Applications.Application application, string? key = null, HttpStatusCode expected = HttpStatusCode.Created)
    {
        using var client = Host.Client(Host.LenderA);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/decisions") { Content = Body(application) };
        if (key is not null)
            request.Headers.Add("Idempotency-Key", key);
        using var response = await client.SendAsync(request, Ct);
        Assert.Equal(expected, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();
    }

    private static string[] Codes(JsonElement decision) => decision.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()!).ToArray();

    [Fact]
    public async Task PostDecision_PerfectRecord_Approves710WithoutReasons()
    {
        var d = await PostAsync(Approve());
        Assert.Equal("approve", d.GetProperty("decision").GetString());
        Assert.Equal(710, d.GetProperty("score").GetInt32());
        Assert.Equal(0, d.GetProperty("reasons").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, d.GetProperty("recourse").ValueKind);
        Assert.Equal("api-test-scorecard", d.GetProperty("model").GetProperty("modelId").GetString());
        Assert.Equal("2026.11-test", d.GetProperty("model").GetProperty("version").GetString());
        // The range the fixture scorecard can produce: base 560 plus every attribute's lowest (0) and highest (50+40+35+25) bin.
        Assert.Equal(560, d.GetProperty("scoreRange").GetProperty("minimum").GetInt32());
        Assert.Equal(710, d.GetProperty("scoreRange").GetProperty("maximum").GetInt32());
        Assert.Equal("2026-06-30", d.GetProperty("asOfDate").GetString());
        Assert.StartsWith("at_", d.GetProperty("applicantAccessToken").GetString(), StringComparison.Ordinal);
        var id = d.GetProperty("decisionId").GetString();
        Assert.Equal($"/v1/decisions/{id}/notice", d.GetProperty("noticeUrl").GetString());
    }

    [Fact]
    public async Task PostDecision_OneLatePayment_Refers645WithReasonsTiesInModelOrder()
    {
        var d = await PostAsync(Refer());
        Assert.Equal("refer", d.GetProperty("decision").GetString());
        Assert.Equal(645, d.GetProperty("score").GetInt32());
        // On-time share and lates both lose 25 (model order breaks the tie), lowest balance loses 15; NSF loses nothing.
        Assert.Equal(["RNT-OT12", "ALL-L30-12", "CF-LOW"], Codes(d));
        Assert.Equal("1 obligation payment was 30 or more days late in the last 12 months",
            d.GetProperty("reasons")[1].GetProperty("sentence").GetString());
    }

    [Fact]
    public async Task PostDecision_PoorRecord_Declines560WithFourReasonsAndTheTimePath()
    {
        var d = await PostAsync(Decline());
        Assert.Equal("decline", d.GetProperty("decision").GetString());
        Assert.Equal(560, d.GetProperty("score").GetInt32());
        Assert.Equal(["RNT-OT12", "ALL-L30-12", "CF-LOW", "CF-NSF"], Codes(d));
        var late = d.GetProperty("reasons")[1];
        Assert.Equal("4 obligation payments were 30 or more days late in the last 12 months", late.GetProperty("sentence").GetString());
        Assert.Equal((40, JsonValueKind.Null), (late.GetProperty("pointsBelowBest").GetInt32(), late.GetProperty("obligationType").ValueKind));
        Assert.Equal((50, "rent"), (d.GetProperty("reasons")[0].GetProperty("pointsBelowBest").GetInt32(), d.GetProperty("reasons")[0].GetProperty("obligationType").GetString()));
        // Paying on time from July 2026: at the end of April 2027 the April 2026 late leaves the 12-month window (on-time 12/12: 50,
        // no lates: 40), May's −$200 balance left the 6-month window in November (mean balance $716.67: 35), May and June NSF
        // items are still in (10): 695 ≥ 680. At the end of March 2027 the April late is still in: 25 + 15 + 35 + 0 = 635.
        var recourse = d.GetProperty("recourse");
        Assert.True(recourse.GetProperty("reachable").GetBoolean());
        Assert.Equal(("2027-04-30", 695), (recourse.GetProperty("approvedFrom").GetString(), recourse.GetProperty("approvedScore").GetInt32()));
        var time = Assert.Single(recourse.GetProperty("actions").EnumerateArray());
        Assert.Equal(("time", 10, "2027-04-30"), (time.GetProperty("kind").GetString(), time.GetProperty("months").GetInt32(), time.GetProperty("byDate").GetString()));
        Assert.Equal(
            "If you keep paying every bill on time, an application from April 2027 would be approved under this model: " +
            "your late payments of July 2025, October 2025, January 2026 and April 2026 leave the 12-month window then.",
            time.GetProperty("sentence").GetString());
    }

    [Fact]
    public async Task PostDecision_DeclineWithPaymentsTenDaysLate_TimePathReachesApprovalWhenTheyLeaveTheWindow()
    {
        var d = await PostAsync(DeclineWithRecourse());
        Assert.Equal("decline", d.GetProperty("decision").GetString());
        Assert.Equal(610, d.GetProperty("score").GetInt32());
        Assert.Equal(["RNT-OT12", "CF-LOW", "CF-NSF"], Codes(d));
        // The four 10-day lates cost on-time share until April 2027 leaves them behind: 50 + 40 + 35 + 10 = 695. The fixture
        // scorecard has no recourse bands, so there is no amount path, and bank data was shared, so no shareData action.
        var recourse = d.GetProperty("recourse");
        Assert.Equal(("2027-04-30", 695), (recourse.GetProperty("approvedFrom").GetString(), recourse.GetProperty("approvedScore").GetInt32()));
        Assert.Equal(["time"], recourse.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("kind").GetString()!));
        Assert.Equal(
            "If you keep paying every bill on time, an application from April 2027 would be approved under this model: " +
            "by then your record would show 10 more months of on-time payments.",
            recourse.GetProperty("summary")[0].GetString());
    }

    [Fact]
    public async Task PostDecision_ThreeMonthsOfHistory_InsufficientDataWithoutScore()
    {
        var d = await PostAsync(Thin());
        Assert.Equal("insufficient_data", d.GetProperty("decision").GetString());
        Assert.Equal(JsonValueKind.Null, d.GetProperty("score").ValueKind);
        Assert.Equal(["ALL-HST"], Codes(d));
        Assert.Equal("Only 3 months of obligation payment history", d.GetProperty("reasons")[0].GetProperty("sentence").GetString());
    }

    [Fact]
    public async Task PostDecision_SameKeySameBody_SameDecisionStoredOnce()
    {
        var before = await Host.Database.Ledger.CountAsync(Ct);
        var key = "idem-" + Guid.NewGuid().ToString("N");
        var first = await PostAsync(Refer("APP-IDEM-1"), key);
        var second = await PostAsync(Refer("APP-IDEM-1"), key, HttpStatusCode.OK);
        Assert.Equal(first.GetProperty("decisionId").GetString(), second.GetProperty("decisionId").GetString());
        Assert.Equal(first.GetProperty("recordedAt").GetString(), second.GetProperty("recordedAt").GetString());
        Assert.Equal(first.GetProperty("score").GetInt32(), second.GetProperty("score").GetInt32());
        Assert.Equal(before + 1, await Host.Database.Ledger.CountAsync(Ct));
    }

    [Fact]
    public async Task PostDecision_SameKeySameApplicationReformatted_Replays()
    {
        var key = "idem-" + Guid.NewGuid().ToString("N");
        var first = await PostAsync(Approve("APP-IDEM-2"), key);
        using var client = Host.Client(Host.LenderA);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/decisions")
        {
            Content = Body(CreditAlt.Core.Applications.ApplicationJson.ToJson(Approve("APP-IDEM-2"), indented: true)),
        };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("true", response.Headers.GetValues("Idempotent-Replayed").Single());
        var second = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal(first.GetProperty("decisionId").GetString(), second.GetProperty("decisionId").GetString());
    }

    [Fact]
    public async Task PostDecision_SameKeyOtherBody_Conflict409AndNothingStored()
    {
        var key = "idem-" + Guid.NewGuid().ToString("N");
        await PostAsync(Approve("APP-IDEM-3"), key);
        var before = await Host.Database.Ledger.CountAsync(Ct);
        var problem = await PostAsync(Approve("APP-IDEM-3-OTHER"), key, HttpStatusCode.Conflict);
        Assert.Equal(409, problem.GetProperty("status").GetInt32());
        Assert.Equal("Idempotency key reused", problem.GetProperty("title").GetString());
        Assert.Equal(before, await Host.Database.Ledger.CountAsync(Ct));
    }

    [Fact]
    public async Task PostDecision_SameKeyOtherLender_IsTheOtherLendersOwnKey()
    {
        var key = "idem-" + Guid.NewGuid().ToString("N");
        var a = await PostAsync(Approve("APP-IDEM-4"), key);
        using var client = Host.Client(Host.LenderB);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/decisions") { Content = Body(Decline("APP-IDEM-4-B")) };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var b = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.NotEqual(a.GetProperty("decisionId").GetString(), b.GetProperty("decisionId").GetString());
        Assert.Equal("decline", b.GetProperty("decision").GetString());
    }

    [Fact]
    public async Task PostDecision_ConcurrentRetriesOfOneKey_StoreOneDecision()
    {
        var before = await Host.Database.Ledger.CountAsync(Ct);
        var key = "idem-" + Guid.NewGuid().ToString("N");
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var client = Host.Client(Host.LenderA);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/decisions") { Content = Body(Approve("APP-IDEM-5")) };
            request.Headers.Add("Idempotency-Key", key);
            using var response = await client.SendAsync(request, Ct);
            return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("decisionId").GetString());
        }));
        Assert.Single(results.Select(r => r.Item2).Distinct());
        Assert.Equal(1, results.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(before + 1, await Host.Database.Ledger.CountAsync(Ct));
    }

    [Fact]
    public async Task GetDecision_Owner_SeesWhatPostReturnedWithoutToken()
    {
        var posted = await PostAsync(Decline("APP-GET-1"));
        var id = posted.GetProperty("decisionId").GetString();
        using var client = Host.Client(Host.LenderA);
        var got = JsonDocument.Parse(await client.GetStringAsync($"/v1/decisions/{id}", Ct)).RootElement;
        var expected = JsonSerializer.Serialize(posted).Replace($",\"applicantAccessToken\":\"{posted.GetProperty("applicantAccessToken").GetString()}\"", "", StringComparison.Ordinal);
        Assert.Equal(expected, JsonSerializer.Serialize(got));
    }

    [Fact]
    public async Task GetDecision_AnotherLender_404LikeAMissingDecision()
    {
        var id = (await PostAsync(Approve("APP-GET-2"))).GetProperty("decisionId").GetString();
        using var other = Host.Client(Host.LenderB);
        using var response = await other.GetAsync($"/v1/decisions/{id}", Ct);
        using var missing = await other.GetAsync("/v1/decisions/dec_doesnotexist", Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var a = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        var b = JsonDocument.Parse(await missing.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal(b.GetProperty("title").GetString(), a.GetProperty("title").GetString());
        Assert.Equal($"No decision '{id}' that this caller may read.", a.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task GetDecision_LenderResponse_HoldsNoDemographics()
    {
        var posted = await PostAsync(Approve("APP-DEMO-1"));
        await Host.Database.Demographics.SaveAsync(
            [new("APP-DEMO-1", "race", "Hispanic", 0.8), new("APP-DEMO-1", "sex", "female"), new("APP-DEMO-1", "age_band", "62+")], Ct);
        using var client = Host.Client(Host.LenderA);
        var body = await client.GetStringAsync($"/v1/decisions/{posted.GetProperty("decisionId").GetString()}", Ct);
        var root = JsonDocument.Parse(body).RootElement;
        var names = root.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(
            ["decisionId", "applicationId", "decision", "score", "scoreRange", "reasons", "recourse", "model", "asOfDate", "recordedAt", "applicationFingerprint", "noticeUrl"],
            names);
        // The instant is left out of the search: a time like ...13.1625162+00:00 contains "62+".
        var searched = body.Replace(root.GetProperty("recordedAt").GetString()!, "", StringComparison.Ordinal);
        foreach (var word in new[] { "Hispanic", "female", "62+" })
            Assert.DoesNotContain(word, searched, StringComparison.OrdinalIgnoreCase);
    }
}

public sealed class SqliteDecisionApiTests(ApiHost<SqliteEngine> host) : DecisionApiTests<SqliteEngine>(host);

public sealed class PostgresDecisionApiTests(ApiHost<PostgresEngine> host) : DecisionApiTests<PostgresEngine>(host);
