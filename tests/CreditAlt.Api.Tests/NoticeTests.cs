using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CreditAlt.Api.Tests.Infrastructure;
using static CreditAlt.Api.Tests.Infrastructure.Applications;

namespace CreditAlt.Api.Tests;

/// <summary>The applicant's notice: who may open it, and that it holds what Regulation B and the FCRA expect.</summary>
public abstract class NoticeTests<TEngine>(ApiHost<TEngine> host) : IClassFixture<ApiHost<TEngine>>
    where TEngine : IEngine, new()
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(string Id, string Token)> DecideAsync(CreditAlt.Core.Applications.Application application)
    {
        using var client = host.Client(host.LenderA);
        using var response = await client.PostAsync("/v1/decisions", Body(application), Ct);
        var d = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        return (d.GetProperty("decisionId").GetString()!, d.GetProperty("applicantAccessToken").GetString()!);
    }

    private HttpClient Applicant(string token)
    {
        var client = host.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task GetNotice_Decline_JsonHoldsReasonsScoreAccountsAndRights()
    {
        var (id, token) = await DecideAsync(Decline("APP-NOTICE-1"));
        using var client = Applicant(token);
        var n = JsonDocument.Parse(await client.GetStringAsync($"/v1/decisions/{id}/notice", Ct)).RootElement;

        Assert.Equal("decline", n.GetProperty("decision").GetString());
        Assert.True(n.GetProperty("isAdverseAction").GetBoolean());
        Assert.Equal("CreditAlt Demonstration Lender is unable to approve your application for credit at this time.", n.GetProperty("actionTaken").GetString());
        Assert.Equal(["RNT-OT12", "ALL-L30-12", "CF-LOW", "CF-NSF"],
            n.GetProperty("principalReasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()).ToArray());
        var score = n.GetProperty("score");
        Assert.Equal(560, score.GetProperty("value").GetInt32());
        Assert.Equal(560, score.GetProperty("minimum").GetInt32());
        Assert.Equal(710, score.GetProperty("maximum").GetInt32());
        // The key factors are the principal reasons: referred to by code and a sentence, never repeated in full.
        Assert.Equal(["RNT-OT12", "ALL-L30-12", "CF-LOW", "CF-NSF"], score.GetProperty("keyFactors").EnumerateArray().Select(k => k.GetString()!));
        Assert.Equal("The key factors that adversely affected your score are the principal reasons listed above.", score.GetProperty("keyFactorsNote").GetString());
        var account = Assert.Single(n.GetProperty("accountsUsed").EnumerateArray());
        Assert.Equal("rent", account.GetProperty("type").GetString());
        Assert.Equal("Maple Court Apartments", account.GetProperty("furnisher").GetString());
        Assert.Equal("…0001", account.GetProperty("accountReference").GetString());
        Assert.Equal(12, account.GetProperty("paymentRecords").GetInt32());
        Assert.Equal("2025-07-01", account.GetProperty("firstDueDate").GetString());
        Assert.Equal("2026-06-01", account.GetProperty("lastDueDate").GetString());
        Assert.Equal(6, n.GetProperty("cashFlowMonthsUsed").GetInt32());
        Assert.Equal("2027-04-30", n.GetProperty("recourse").GetProperty("approvedFrom").GetString());
        Assert.Equal(
            "The Federal Equal Credit Opportunity Act prohibits creditors from discriminating against credit applicants on the basis of race, color, religion, " +
            "national origin, sex, marital status, age (provided the applicant has the capacity to enter into a binding contract); because all or part of the " +
            "applicant's income derives from any public assistance program; or because the applicant has in good faith exercised any right under the Consumer " +
            "Credit Protection Act. The Federal agency that administers compliance with this law concerning this creditor is: Consumer Financial Protection " +
            "Bureau, 1700 G Street NW, Washington, DC 20552.",
            n.GetProperty("ecoaNotice").GetString());
        Assert.StartsWith("The reasons above are the principal ones. You may ask for more detail", n.GetProperty("moreDetail").GetString(), StringComparison.Ordinal);
        Assert.Contains("you have the right to dispute it", n.GetProperty("dispute").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetNotice_AcceptHtml_SelfContainedPageWithEverySection()
    {
        var (id, token) = await DecideAsync(DeclineWithRecourse("APP-NOTICE-2"));
        using var client = Applicant(token);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/decisions/{id}/notice");
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        using var response = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var html = await response.Content.ReadAsStringAsync(Ct);
        foreach (var heading in new[] { "Action taken", "Principal reasons for our decision", "Your credit score", "Key factors that adversely affected your score",
                     "What would change the outcome", "The information we used", "How to get more detail", "How to dispute an item",
                     "Your rights under the Equal Credit Opportunity Act" })
            Assert.Contains(heading, html, StringComparison.Ordinal);
        Assert.Contains("<b>610</b>", html, StringComparison.Ordinal);
        Assert.Contains("Maple Court Apartments", html, StringComparison.Ordinal);
        // Self-contained: nothing is fetched from elsewhere, nothing runs.
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task GetNotice_FurnisherWithMarkup_IsEncoded()
    {
        var rent = Rent() with { Furnisher = "<script>alert(1)</script> & Sons" };
        var (id, token) = await DecideAsync(Make("APP-NOTICE-XSS", rent, CashFlow(-200m, 3)));
        using var client = Applicant(token);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/decisions/{id}/notice");
        request.Headers.Accept.ParseAdd("text/html");
        var html = await (await client.SendAsync(request, Ct)).Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Sons", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetNotice_TokenInQuery_Opens()
    {
        var (id, token) = await DecideAsync(Approve("APP-NOTICE-3"));
        using var client = host.Client();
        var n = JsonDocument.Parse(await client.GetStringAsync($"/v1/decisions/{id}/notice?access_token={token}", Ct)).RootElement;
        Assert.Equal("approve", n.GetProperty("decision").GetString());
        Assert.False(n.GetProperty("isAdverseAction").GetBoolean());
        Assert.Equal(0, n.GetProperty("principalReasons").GetArrayLength());
    }

    [Fact]
    public async Task GetNotice_AnotherDecisionsToken_404()
    {
        var (id, _) = await DecideAsync(Approve("APP-NOTICE-4"));
        var (_, otherToken) = await DecideAsync(Approve("APP-NOTICE-5"));
        using var client = Applicant(otherToken);
        using var response = await client.GetAsync($"/v1/decisions/{id}/notice", Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task GetNotice_MadeUpToken_404()
    {
        var (id, _) = await DecideAsync(Approve("APP-NOTICE-6"));
        using var client = Applicant("at_madeUpTokenmadeUpTokenmadeUpTokenmadeUpTok");
        using var response = await client.GetAsync($"/v1/decisions/{id}/notice", Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task GetNotice_InsufficientData_NoScoreAndHistoryReason()
    {
        var (id, token) = await DecideAsync(Thin("APP-NOTICE-7"));
        using var client = Applicant(token);
        var n = JsonDocument.Parse(await client.GetStringAsync($"/v1/decisions/{id}/notice", Ct)).RootElement;
        Assert.Equal(JsonValueKind.Null, n.GetProperty("score").ValueKind);
        Assert.True(n.GetProperty("isAdverseAction").GetBoolean());
        Assert.Equal("Only 3 months of obligation payment history", n.GetProperty("principalReasons")[0].GetProperty("sentence").GetString());
    }
}

public sealed class SqliteNoticeTests(ApiHost<SqliteEngine> host) : NoticeTests<SqliteEngine>(host);

public sealed class PostgresNoticeTests(ApiHost<PostgresEngine> host) : NoticeTests<PostgresEngine>(host);
