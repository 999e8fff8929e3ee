using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CreditAlt.Api.Tests.Infrastructure;
using static CreditAlt.Api.Tests.Infrastructure.Applications;

namespace CreditAlt.Api.Tests.Lifecycle;

public sealed class SqliteFinalActionTests(ApiHost<SqliteEngine> host) : FinalActionTests<SqliteEngine>(host);

public sealed class PostgresFinalActionTests(ApiHost<PostgresEngine> host) : FinalActionTests<PostgresEngine>(host);

/// <summary>Final actions and overrides through the real HTTP pipeline: recording, conflicts, notices and their versions, the pending list.</summary>
public abstract class FinalActionTests<TEngine>(ApiHost<TEngine> host) : IClassFixture<ApiHost<TEngine>>
    where TEngine : IEngine, new()
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static async Task<(string Id, string Token, JsonElement Decision)> DecideAsync(ApiHost<TEngine> host, CreditAlt.Core.Applications.Application application)
    {
        using var client = host.Client(host.LenderA);
        using var response = await client.PostAsync("/v1/decisions", Body(application), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var d = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();
        return (d.GetProperty("decisionId").GetString()!, d.GetProperty("applicantAccessToken").GetString()!, d);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> FinalAsync(string id, string json, string? key = null)
    {
        using var client = host.Client(key ?? host.LenderA);
        using var response = await client.PostAsync($"/v1/decisions/{id}/final-action", Body(json), Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private async Task<JsonElement> NoticeAsync(string id, string token, string query = "")
    {
        using var client = host.Client(token);
        return JsonDocument.Parse(await client.GetStringAsync($"/v1/decisions/{id}/notice{query}", Ct)).RootElement.Clone();
    }

    [Fact]
    public async Task FinalAction_ReferralDeclined_201NoticeCarriesUnderwriterReasonsAndVersion1StaysReadable()
    {
        var (id, token, decision) = await DecideAsync(host, Refer("APP-FA-1"));
        Assert.Equal("refer", decision.GetProperty("decision").GetString());
        var modelSentence = decision.GetProperty("reasons").EnumerateArray().First(r => r.GetProperty("code").GetString() == "RNT-OT12").GetProperty("sentence").GetString();

        var (status, fa) = await FinalAsync(id, """{"action":"decline","reasonCodes":["MAN-INC-UNVERIFIED","RNT-OT12"],"underwriterId":"uw-17","note":"pay stubs did not match deposits"}""");

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.StartsWith("fa_", fa.GetProperty("finalActionId").GetString(), StringComparison.Ordinal);
        Assert.Equal(("decline", "refer", false), (fa.GetProperty("action").GetString(), fa.GetProperty("modelDecision").GetString(), fa.GetProperty("override").GetBoolean()));
        Assert.Equal(JsonValueKind.Null, fa.GetProperty("overrideDirection").ValueKind);
        var reasons = fa.GetProperty("reasons").EnumerateArray().Select(r => (r.GetProperty("code").GetString(), r.GetProperty("sentence").GetString())).ToArray();
        Assert.Equal([("MAN-INC-UNVERIFIED", "Unable to verify income"), ("RNT-OT12", modelSentence)], reasons);

        using (var lender = host.Client(host.LenderA))
        {
            var got = JsonDocument.Parse(await lender.GetStringAsync($"/v1/decisions/{id}", Ct)).RootElement;
            Assert.Equal("refer", got.GetProperty("decision").GetString());
            Assert.Equal(fa.GetProperty("finalActionId").GetString(), got.GetProperty("finalAction").GetProperty("finalActionId").GetString());
        }

        var latest = await NoticeAsync(id, token);
        Assert.Equal((2, 2), (latest.GetProperty("version").GetInt32(), latest.GetProperty("versions").GetInt32()));
        Assert.Equal("decline", latest.GetProperty("decision").GetString());
        Assert.True(latest.GetProperty("isAdverseAction").GetBoolean());
        Assert.Equal("After an underwriter reviewed your application, CreditAlt Demonstration Lender is unable to approve your application for credit at this time.",
            latest.GetProperty("actionTaken").GetString());
        Assert.Equal(["MAN-INC-UNVERIFIED", "RNT-OT12"], latest.GetProperty("principalReasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()));
        Assert.Equal(645, latest.GetProperty("score").GetProperty("value").GetInt32());

        var first = await NoticeAsync(id, token, "?version=1");
        Assert.Equal(("refer", 1, 2), (first.GetProperty("decision").GetString(), first.GetProperty("version").GetInt32(), first.GetProperty("versions").GetInt32()));
        Assert.False(first.TryGetProperty("finalAction", out _));

        using var applicant = host.Client(token);
        using var missing = await applicant.GetAsync($"/v1/decisions/{id}/notice?version=3", Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task FinalAction_SecondWithoutSupersedes_409AndCorrectionNamingTheCurrentOne_201()
    {
        var (id, token, _) = await DecideAsync(host, Refer("APP-FA-2"));
        var (_, first) = await FinalAsync(id, """{"action":"approve","underwriterId":"uw-1"}""");
        var firstId = first.GetProperty("finalActionId").GetString();

        var (again, problem) = await FinalAsync(id, """{"action":"decline","reasonCodes":["MAN-COLLATERAL"],"underwriterId":"uw-2"}""");
        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.Contains($"\"supersedes\": \"{firstId}\"", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var (wrong, _) = await FinalAsync(id, """{"action":"decline","reasonCodes":["MAN-COLLATERAL"],"underwriterId":"uw-2","supersedes":"fa_nope"}""");
        Assert.Equal(HttpStatusCode.Conflict, wrong);

        var (corrected, second) = await FinalAsync(id, $$"""{"action":"decline","reasonCodes":["MAN-COLLATERAL"],"underwriterId":"uw-2","supersedes":"{{firstId}}"}""");
        Assert.Equal(HttpStatusCode.Created, corrected);
        Assert.Equal(firstId, second.GetProperty("supersedes").GetString());

        var notice = await NoticeAsync(id, token);
        Assert.Equal((3, "decline"), (notice.GetProperty("version").GetInt32(), notice.GetProperty("decision").GetString()));
        var v2 = await NoticeAsync(id, token, "?version=2");
        Assert.Equal(("approve", false), (v2.GetProperty("decision").GetString(), v2.GetProperty("isAdverseAction").GetBoolean()));
        Assert.Equal(0, v2.GetProperty("principalReasons").GetArrayLength());
    }

    [Theory]
    [InlineData("approve", "decline", """{"action":"decline","reasonCodes":["MAN-OBLIGATIONS"],"underwriterId":"uw-1"}""", "high-side")]
    [InlineData("decline", "approve", """{"action":"approve","underwriterId":"uw-1","note":"long relationship with us"}""", "low-side")]
    [InlineData("decline", "counteroffer", """{"action":"counteroffer","reasonCodes":["MAN-INC-INSUFFICIENT"],"underwriterId":"uw-1","counteroffer":{"amount":1000,"terms":"12 monthly payments at 9.9% APR"}}""", "low-side")]
    public async Task FinalAction_AgainstModel_IsOverrideWithDirection(string model, string action, string json, string direction)
    {
        var application = model == "approve" ? Approve("APP-FA-OV-" + action) : Decline("APP-FA-OV-" + action);
        var (id, _, _) = await DecideAsync(host, application);
        var (status, fa) = await FinalAsync(id, json);
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal((action, model, true, direction),
            (fa.GetProperty("action").GetString(), fa.GetProperty("modelDecision").GetString(), fa.GetProperty("override").GetBoolean(), fa.GetProperty("overrideDirection").GetString()));
    }

    [Fact]
    public async Task FinalAction_Counteroffer_NoticeHasRegulationBCounterofferWordingInJsonAndHtml()
    {
        var (id, token, _) = await DecideAsync(host, Refer("APP-FA-CO"));
        var (status, _) = await FinalAsync(id,
            """{"action":"counteroffer","reasonCodes":["MAN-INC-INSUFFICIENT"],"underwriterId":"uw-9","counteroffer":{"amount":1500.50,"terms":"18 monthly payments at 11.9% APR"}}""");
        Assert.Equal(HttpStatusCode.Created, status);

        var n = await NoticeAsync(id, token);
        Assert.Equal(("counteroffer", true), (n.GetProperty("decision").GetString(), n.GetProperty("isAdverseAction").GetBoolean()));
        Assert.Equal("We are unable to offer you credit on the terms that you requested, for the principal reasons below.", n.GetProperty("actionTaken").GetString());
        var co = n.GetProperty("counteroffer");
        Assert.Equal((1500.50m, 90), (co.GetProperty("amount").GetDecimal(), co.GetProperty("acceptWithinDays").GetInt32()));
        const string wording = "We can, however, offer you credit on the following terms: $1,500.50; 18 monthly payments at 11.9% APR. If this offer is acceptable to you, " +
            "please notify us within 90 days: write to CreditAlt Demonstration Lender, 100 Example Street, Springfield, ST 00000, email notices@lender.example or call 1-800-555-0100. " +
            "If you do not accept it, this notice is our notice of adverse action on your application: the principal reasons and the rights it describes apply.";
        Assert.Equal(wording, co.GetProperty("wording").GetString());
        Assert.Equal(["MAN-INC-INSUFFICIENT"], n.GetProperty("principalReasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()));

        using var client = host.Client(token);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/decisions/{id}/notice");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        using var response = await client.SendAsync(request, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("<h2>Our counteroffer</h2>", html, StringComparison.Ordinal);
        Assert.Contains("We can, however, offer you credit on the following terms: $1,500.50; 18 monthly payments at 11.9% APR.", html, StringComparison.Ordinal);
        Assert.Contains("Your rights under the Equal Credit Opportunity Act", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FinalAction_OtherLender404_Compliance403_UnknownDecision404()
    {
        var (id, _, _) = await DecideAsync(host, Refer("APP-FA-SEC"));
        const string json = """{"action":"approve","underwriterId":"uw-1"}""";
        Assert.Equal(HttpStatusCode.NotFound, (await FinalAsync(id, json, host.LenderB)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await FinalAsync(id, json, host.Compliance)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await FinalAsync("dec_doesnotexist", json)).Status);
        // Nothing was recorded by the refused calls: the owner's first final action still goes through.
        Assert.Equal(HttpStatusCode.Created, (await FinalAsync(id, json)).Status);
    }

    public static TheoryData<string, string[]> BadBodies() => new()
    {
        { """{"action":"maybe","reasonCodes":["NOPE"],"extra":1}""", ["action", "reasonCodes[0]", "underwriterId", "extra"] },
        { """{"action":"decline","underwriterId":"uw-1"}""", ["reasonCodes"] },
        { """{"action":"decline","reasonCodes":[],"underwriterId":"uw-1"}""", ["reasonCodes"] },
        { """{"action":"decline","reasonCodes":["CF-LOW","CF-LOW"],"underwriterId":"uw-1"}""", ["reasonCodes[1]"] },
        { """{"action":"decline","reasonCodes":["A","B","C","D","E"],"underwriterId":"uw-1"}""", ["reasonCodes"] },
        { """{"action":"counteroffer","reasonCodes":["MAN-TERMS"],"underwriterId":"uw-1"}""", ["counteroffer"] },
        { """{"action":"counteroffer","reasonCodes":["MAN-TERMS"],"underwriterId":"uw-1","counteroffer":{"amount":-5,"terms":""}}""", ["counteroffer.amount", "counteroffer.terms"] },
        { """{"action":"approve","underwriterId":"uw-1","counteroffer":{"amount":5,"terms":"x"}}""", ["counteroffer"] },
        { """{"action":"approve","underwriterId":"uw-1","note":12}""", ["note"] },
        { """[1,2]""", ["$"] },
        { """{"action":""", ["$"] },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task FinalAction_BadBody_400WithEveryJsonPath(string json, string[] paths)
    {
        var (id, _, _) = await DecideAsync(host, Refer("APP-FA-BAD"));
        var (status, problem) = await FinalAsync(id, json);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(paths.Order(StringComparer.Ordinal), problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task PendingList_ReferralsWithoutFinalAction_OwnLenderNewestFirstAndGoneOnceActedOn()
    {
        var (a, _, _) = await DecideAsync(host, Refer("APP-PEND-A"));
        var (b, _, _) = await DecideAsync(host, Refer("APP-PEND-B"));
        var (_, _, approved) = await DecideAsync(host, Approve("APP-PEND-C"));
        await FinalAsync(a, """{"action":"approve","underwriterId":"uw-1"}""");

        using var lender = host.Client(host.LenderA);
        var page = JsonDocument.Parse(await lender.GetStringAsync("/v1/decisions?status=awaiting-final-action&olderThanDays=0&limit=500", Ct)).RootElement;
        var ids = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("decisionId").GetString()).ToList();
        Assert.Contains(b, ids);
        Assert.DoesNotContain(a, ids);
        Assert.DoesNotContain(approved.GetProperty("decisionId").GetString(), ids);
        var item = page.GetProperty("items").EnumerateArray().First(i => i.GetProperty("decisionId").GetString() == b);
        Assert.Equal(("lender-a", "APP-PEND-B", 0), (item.GetProperty("lenderId").GetString(), item.GetProperty("applicationId").GetString(), item.GetProperty("daysWaiting").GetInt32()));

        var older = JsonDocument.Parse(await lender.GetStringAsync("/v1/decisions?status=awaiting-final-action&olderThanDays=1", Ct)).RootElement;
        Assert.DoesNotContain(b, older.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("decisionId").GetString()));

        using var other = host.Client(host.LenderB);
        var theirs = JsonDocument.Parse(await other.GetStringAsync("/v1/decisions?status=awaiting-final-action", Ct)).RootElement;
        Assert.DoesNotContain(b, theirs.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("decisionId").GetString()));

        using var compliance = host.Client(host.Compliance);
        var all = JsonDocument.Parse(await compliance.GetStringAsync("/v1/decisions?status=awaiting-final-action&limit=500", Ct)).RootElement;
        Assert.Contains(b, all.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("decisionId").GetString()));
    }

    [Theory]
    [InlineData("?status=open", "status")]
    [InlineData("", "status")]
    [InlineData("?status=awaiting-final-action&olderThanDays=-1", "olderThanDays")]
    [InlineData("?status=awaiting-final-action&limit=0", "limit")]
    [InlineData("?status=awaiting-final-action&offset=x", "offset")]
    public async Task PendingList_BadQuery_400NamingTheParameter(string query, string name)
    {
        using var lender = host.Client(host.LenderA);
        using var response = await lender.GetAsync("/v1/decisions" + query, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(name, out _));
    }

    [Fact]
    public async Task FinalActions_LedgerVerifyCoversThem()
    {
        var (id, _, _) = await DecideAsync(host, Refer("APP-FA-VERIFY"));
        await FinalAsync(id, """{"action":"approve","underwriterId":"uw-1"}""");
        var v = await host.Database.Lifecycle.VerifyAsync(Ct);
        Assert.True(v.Intact, v.Problem?.Message);
        Assert.True(v.RowsChecked >= 1);
    }
}
