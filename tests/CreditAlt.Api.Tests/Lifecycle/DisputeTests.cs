using System.Net;
using System.Text.Json;
using CreditAlt.Api.Tests.Infrastructure;
using static CreditAlt.Api.Tests.Infrastructure.Applications;

namespace CreditAlt.Api.Tests.Lifecycle;

public sealed class SqliteDisputeTests(ApiHost<SqliteEngine> host) : DisputeTests<SqliteEngine>(host);

public sealed class PostgresDisputeTests(ApiHost<PostgresEngine> host) : DisputeTests<PostgresEngine>(host);

/// <summary>Disputes end to end: the applicant raises one, the lender lists and resolves it, a correction is re-decided and linked.</summary>
public abstract class DisputeTests<TEngine>(ApiHost<TEngine> host) : IClassFixture<ApiHost<TEngine>>
    where TEngine : IEngine, new()
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Decline(): rent due 2025-07-01 … 2026-06-01, months 1, 4, 7 and 10 (2025-07, 2025-10, 2026-01, 2026-04) paid 40 days late.
    private const string TwoLateMonths = """{"items":[{"accountId":"LEASE-0001","month":"2025-07","statement":"I paid on time; the landlord recorded it late"},{"accountId":"LEASE-0001","month":"2025-10","statement":"Paid by bank transfer on the 1st"}]}""";

    private async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string url, string? key, string? json = null)
    {
        using var client = host.Client(key);
        using var request = new HttpRequestMessage(method, url);
        if (json is not null)
            request.Content = Body(json);
        using var response = await client.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private async Task<(string DecisionId, string Token, string DisputeId)> DisputedDeclineAsync(string applicationId)
    {
        var (id, token, _) = await FinalActionTests<TEngine>.DecideAsync(host, Decline(applicationId));
        var (status, receipt) = await SendAsync(HttpMethod.Post, $"/v1/decisions/{id}/disputes", token, TwoLateMonths);
        Assert.Equal(HttpStatusCode.Created, status);
        return (id, token, receipt.GetProperty("disputeId").GetString()!);
    }

    [Fact]
    public async Task Dispute_CorrectedToAllOnTime_RedecidedByTheSameModelLinkedAndShownInTheNotice()
    {
        var (id, token, _) = await FinalActionTests<TEngine>.DecideAsync(host, Decline("APP-DSP-1"));
        var (status, receipt) = await SendAsync(HttpMethod.Post, $"/v1/decisions/{id}/disputes", token, TwoLateMonths);
        Assert.Equal(HttpStatusCode.Created, status);
        var disputeId = receipt.GetProperty("disputeId").GetString()!;
        Assert.StartsWith("dsp_", disputeId, StringComparison.Ordinal);
        var received = receipt.GetProperty("receivedAt").GetDateTimeOffset();
        Assert.Equal(DateOnly.FromDateTime(received.UtcDateTime).AddDays(30), DateOnly.Parse(receipt.GetProperty("dueBy").GetString()!, System.Globalization.CultureInfo.InvariantCulture));

        var (_, open) = await SendAsync(HttpMethod.Get, "/v1/disputes?status=open&limit=500", host.LenderA);
        var listed = open.GetProperty("items").EnumerateArray().Single(d => d.GetProperty("disputeId").GetString() == disputeId);
        Assert.Equal((id, "open", false, 2), (listed.GetProperty("decisionId").GetString(), listed.GetProperty("status").GetString(), listed.GetProperty("overdue").GetBoolean(), listed.GetProperty("items").GetArrayLength()));
        var (_, theirs) = await SendAsync(HttpMethod.Get, "/v1/disputes?status=open&limit=500", host.LenderB);
        Assert.DoesNotContain(disputeId, theirs.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("disputeId").GetString()));
        var (_, compliance) = await SendAsync(HttpMethod.Get, "/v1/disputes?status=all&limit=500", host.Compliance);
        Assert.Contains(disputeId, compliance.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("disputeId").GetString()));

        // The corrected record: every rent payment on time, and the bank data as it was: 560 + 50 + 40 + 0 + 0 = 650, refer.
        var corrected = Json(Make("APP-DSP-1", Rent(), CashFlow(-200m, 3)));
        var (resolved, resolution) = await SendAsync(HttpMethod.Post, $"/v1/disputes/{disputeId}/resolution", host.LenderA,
            $$"""{"outcome":"corrected","note":"landlord confirmed the payments","correctedApplication":{{corrected}}}""");
        Assert.Equal(HttpStatusCode.Created, resolved);
        Assert.Equal(("corrected", true), (resolution.GetProperty("outcome").GetString(), resolution.GetProperty("decisionChanged").GetBoolean()));
        var redecided = resolution.GetProperty("newDecision");
        Assert.Equal(("refer", 650), (redecided.GetProperty("decision").GetString(), redecided.GetProperty("score").GetInt32()));
        var newId = redecided.GetProperty("decisionId").GetString()!;

        var (_, stored) = await SendAsync(HttpMethod.Get, $"/v1/decisions/{newId}", host.LenderA);
        Assert.Equal(("refer", "APP-DSP-1"), (stored.GetProperty("decision").GetString(), stored.GetProperty("applicationId").GetString()));

        var (_, notice) = await SendAsync(HttpMethod.Get, $"/v1/decisions/{id}/notice", token);
        Assert.Equal((2, "decline"), (notice.GetProperty("version").GetInt32(), notice.GetProperty("decision").GetString()));
        var outcome = Assert.Single(notice.GetProperty("disputes").EnumerateArray());
        Assert.Equal((disputeId, newId, "refer", 650), (outcome.GetProperty("disputeId").GetString(), outcome.GetProperty("newDecisionId").GetString(),
            outcome.GetProperty("newDecision").GetString(), outcome.GetProperty("newScore").GetInt32()));
        Assert.Equal(
            $"We reinvestigated the 2 item(s) you disputed on {received.UtcDateTime.ToString("MMMM d, yyyy", System.Globalization.CultureInfo.InvariantCulture)}. " +
            "The records were corrected, and your application was decided again on the corrected data by the same model that made the original decision: " +
            "the decision is now referred to an underwriter (score 650). Our note: landlord confirmed the payments",
            outcome.GetProperty("wording").GetString());

        var (again, _) = await SendAsync(HttpMethod.Post, $"/v1/disputes/{disputeId}/resolution", host.LenderA, """{"outcome":"verified"}""");
        Assert.Equal(HttpStatusCode.Conflict, again);
        var (_, stillOpen) = await SendAsync(HttpMethod.Get, "/v1/disputes?status=open&limit=500", host.LenderA);
        Assert.DoesNotContain(disputeId, stillOpen.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("disputeId").GetString()));

        var v = await host.Database.Lifecycle.VerifyAsync(Ct);
        Assert.True(v.Intact, v.Problem?.Message);
        Assert.True((await host.Database.Ledger.VerifyAsync(Ct)).Intact);
    }

    [Fact]
    public async Task Dispute_Deleted_RescoredWithoutTheDisputedRecordsDecisionUnchanged()
    {
        var (id, token, disputeId) = await DisputedDeclineAsync("APP-DSP-2");
        var (status, resolution) = await SendAsync(HttpMethod.Post, $"/v1/disputes/{disputeId}/resolution", host.LenderA, """{"outcome":"deleted"}""");
        Assert.Equal(HttpStatusCode.Created, status);
        // 10 records left, 2 of them late: on-time 8/10 = 0.8 (25), two 30-day lates (15), lowest −200 (0), three NSF (0): 600, decline.
        var redecided = resolution.GetProperty("newDecision");
        Assert.Equal(("decline", 600, false), (redecided.GetProperty("decision").GetString(), redecided.GetProperty("score").GetInt32(), resolution.GetProperty("decisionChanged").GetBoolean()));
        var (_, notice) = await SendAsync(HttpMethod.Get, $"/v1/decisions/{id}/notice", token);
        Assert.EndsWith("the decision did not change (declined).", notice.GetProperty("disputes")[0].GetProperty("wording").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispute_Verified_NoNewDecisionAndTheNoticeSaysTheDecisionStands()
    {
        var (id, token, disputeId) = await DisputedDeclineAsync("APP-DSP-3");
        var (status, resolution) = await SendAsync(HttpMethod.Post, $"/v1/disputes/{disputeId}/resolution", host.LenderA, """{"outcome":"verified","note":"the landlord's ledger shows the dates"}""");
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(JsonValueKind.Null, resolution.GetProperty("newDecision").ValueKind);
        var (_, notice) = await SendAsync(HttpMethod.Get, $"/v1/decisions/{id}/notice", token);
        Assert.Contains("The records were verified as accurate, so the decision stands. Our note: the landlord's ledger shows the dates",
            notice.GetProperty("disputes")[0].GetProperty("wording").GetString(), StringComparison.Ordinal);
        var (_, v1) = await SendAsync(HttpMethod.Get, $"/v1/decisions/{id}/notice?version=1", token);
        Assert.False(v1.TryGetProperty("disputes", out _));
    }

    [Fact]
    public async Task Dispute_WhoMayRaiseAndResolve()
    {
        var (id, token, disputeId) = await DisputedDeclineAsync("APP-DSP-4");
        var (_, otherToken, _) = await FinalActionTests<TEngine>.DecideAsync(host, Decline("APP-DSP-4B"));
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(HttpMethod.Post, $"/v1/decisions/{id}/disputes", host.LenderA, TwoLateMonths)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(HttpMethod.Post, $"/v1/decisions/{id}/disputes", host.Compliance, TwoLateMonths)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(HttpMethod.Post, $"/v1/decisions/{id}/disputes", null, TwoLateMonths)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Post, $"/v1/decisions/{id}/disputes", otherToken, TwoLateMonths)).Status);
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(HttpMethod.Post, $"/v1/decisions/{id}/disputes?access_token={token}", null, TwoLateMonths)).Status);

        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Post, $"/v1/disputes/{disputeId}/resolution", host.LenderB, """{"outcome":"verified"}""")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(HttpMethod.Post, $"/v1/disputes/{disputeId}/resolution", host.Compliance, """{"outcome":"verified"}""")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(HttpMethod.Post, $"/v1/disputes/{disputeId}/resolution", token, """{"outcome":"verified"}""")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Post, "/v1/disputes/dsp_nope/resolution", host.LenderA, """{"outcome":"verified"}""")).Status);
    }

    public static TheoryData<string, string[]> BadDisputes() => new()
    {
        { """{}""", ["items"] },
        { """{"items":[]}""", ["items"] },
        { """{"items":[{"accountId":"NOPE","month":"2025-07","statement":"x"}]}""", ["items[0].accountId"] },
        { """{"items":[{"accountId":"LEASE-0001","month":"2024-01","statement":"x"}]}""", ["items[0].month"] },
        { $$"""{"items":[{"accountId":"LEASE-0001","month":"2025-07","statement":"{{new string('x', 2001)}}"}]}""", ["items[0].statement"] },
        { """{"items":[{"accountId":"LEASE-0001","month":"2025-07"}, 3],"why":1}""", ["items[0].statement", "items[1]", "why"] },
        { """{"items":""", ["$"] },
    };

    [Theory]
    [MemberData(nameof(BadDisputes))]
    public async Task Dispute_BadBody_400WithEveryJsonPath(string json, string[] paths)
    {
        var (id, token, _) = await FinalActionTests<TEngine>.DecideAsync(host, Decline("APP-DSP-BAD"));
        var (status, problem) = await SendAsync(HttpMethod.Post, $"/v1/decisions/{id}/disputes", token, json);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(paths.Order(StringComparer.Ordinal), problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    public static TheoryData<string, string[]> BadResolutions() => new()
    {
        { """{}""", ["outcome"] },
        { """{"outcome":"fixed"}""", ["outcome"] },
        { """{"outcome":"corrected"}""", ["correctedApplication"] },
        { $$"""{"outcome":"verified","correctedApplication":{{Json(Approve("APP-DSP-RES"))}}}""", ["correctedApplication"] },
        { $$"""{"outcome":"corrected","correctedApplication":{{Json(Approve("OTHER-ID"))}}}""", ["correctedApplication.applicationId"] },
        { """{"outcome":"corrected","correctedApplication":{"applicationId":"APP-DSP-RES"}}""", ["correctedApplication.applicantId", "correctedApplication.asOfDate", "correctedApplication.obligations", "correctedApplication.requestedAmount"] },
    };

    [Theory]
    [MemberData(nameof(BadResolutions))]
    public async Task Resolution_BadBody_400WithEveryJsonPath(string json, string[] paths)
    {
        var (_, _, disputeId) = await DisputedDeclineAsync("APP-DSP-RES");
        var (status, problem) = await SendAsync(HttpMethod.Post, $"/v1/disputes/{disputeId}/resolution", host.LenderA, json);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(paths.Order(StringComparer.Ordinal), problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("?status=closed", "status")]
    [InlineData("?status=open&limit=501", "limit")]
    public async Task ListDisputes_BadQuery_400(string query, string name)
    {
        var (status, problem) = await SendAsync(HttpMethod.Get, "/v1/disputes" + query, host.LenderA);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(problem.GetProperty("errors").TryGetProperty(name, out _));
    }
}
