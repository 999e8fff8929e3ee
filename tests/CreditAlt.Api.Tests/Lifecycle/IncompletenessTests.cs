using System.Globalization;
using System.Net;
using System.Text.Json;
using CreditAlt.Api.Tests.Infrastructure;
using static CreditAlt.Api.Tests.Infrastructure.Applications;

namespace CreditAlt.Api.Tests.Lifecycle;

public sealed class SqliteIncompletenessTests(ApiHost<SqliteEngine> host) : IncompletenessTests<SqliteEngine>(host);

public sealed class PostgresIncompletenessTests(ApiHost<PostgresEngine> host) : IncompletenessTests<PostgresEngine>(host);

/// <summary>A host whose lender-a sends notices of incompleteness by default.</summary>
public sealed class IncompleteByDefaultHost : ApiHost<SqliteEngine>
{
    protected override IReadOnlyDictionary<string, string?> Settings =>
        new Dictionary<string, string?> { ["CreditAlt:Lifecycle:IncompletenessByDefault:0"] = "lender-a" };
}

/// <summary>Notices of incompleteness (Regulation B §1002.9(c)) for insufficient-data decisions, through the real pipeline.</summary>
public abstract class IncompletenessTests<TEngine>(ApiHost<TEngine> host) : IClassFixture<ApiHost<TEngine>>
    where TEngine : IEngine, new()
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string InDays(int days) => Iso(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(days));

    private async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(string id, string json, string? key = null)
    {
        using var client = host.Client(key ?? host.LenderA);
        using var response = await client.PostAsync($"/v1/decisions/{id}/incompleteness-notice", Body(json), Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    [Fact]
    public async Task Incompleteness_InsufficientData_201NoticeListsWhatIsMissingAndTheDateAndIsNotAdverse()
    {
        var (id, token, decision) = await FinalActionTests<TEngine>.DecideAsync(host, Thin("APP-INC-1"));
        Assert.Equal("insufficient_data", decision.GetProperty("decision").GetString());
        var respondBy = InDays(21);

        var (status, sent) = await SendAsync(id, $$"""{"missing":["Rent payment history for the 6 months before April 2026","Bank statements for the last 6 months"],"respondBy":"{{respondBy}}"}""");

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.StartsWith("inc_", sent.GetProperty("noticeId").GetString(), StringComparison.Ordinal);
        using var client = host.Client(token);
        var n = JsonDocument.Parse(await client.GetStringAsync($"/v1/decisions/{id}/notice", Ct)).RootElement;
        Assert.Equal((2, false), (n.GetProperty("version").GetInt32(), n.GetProperty("isAdverseAction").GetBoolean()));
        Assert.Equal("CreditAlt Demonstration Lender needs more information before it can decide on your application.", n.GetProperty("actionTaken").GetString());
        Assert.Equal(0, n.GetProperty("principalReasons").GetArrayLength());
        var inc = n.GetProperty("incompleteness");
        Assert.Equal(["Rent payment history for the 6 months before April 2026", "Bank statements for the last 6 months"], inc.GetProperty("missing").EnumerateArray().Select(m => m.GetString()));
        var date = DateOnly.ParseExact(respondBy, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToString("MMMM d, yyyy", CultureInfo.InvariantCulture);
        Assert.Equal(
            "Thank you for your application for credit. Your application is incomplete: we need the information listed below before we can decide on it. " +
            "Please send it to CreditAlt Demonstration Lender, 100 Example Street, Springfield, ST 00000, email notices@lender.example or call 1-800-555-0100, by " +
            date + ". If we do not receive it by that date, your application will not be considered further.",
            inc.GetProperty("wording").GetString());

        var v1 = JsonDocument.Parse(await client.GetStringAsync($"/v1/decisions/{id}/notice?version=1", Ct)).RootElement;
        Assert.True(v1.GetProperty("isAdverseAction").GetBoolean());

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/decisions/{id}/notice");
        request.Headers.Accept.ParseAdd("text/html");
        using var page = await client.SendAsync(request, Ct);
        var html = await page.Content.ReadAsStringAsync(Ct);
        Assert.Contains("<h2>What we need from you</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<li>Bank statements for the last 6 months</li>", html, StringComparison.Ordinal);

        var (again, _) = await SendAsync(id, $$"""{"missing":["x"],"respondBy":"{{respondBy}}"}""");
        Assert.Equal(HttpStatusCode.Conflict, again);
    }

    [Fact]
    public async Task Incompleteness_WrongDecisionOrCaller_409_404_403()
    {
        var (declined, _, _) = await FinalActionTests<TEngine>.DecideAsync(host, Decline("APP-INC-DECL"));
        var (thin, _, _) = await FinalActionTests<TEngine>.DecideAsync(host, Thin("APP-INC-2"));
        var json = $$"""{"missing":["pay stubs"],"respondBy":"{{InDays(10)}}"}""";
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync(declined, json)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(thin, json, host.LenderB)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(thin, json, host.Compliance)).Status);
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(thin, json)).Status);
    }

    public static TheoryData<string, string[]> BadBodies() => new()
    {
        { """{}""", ["missing", "respondBy"] },
        { $$"""{"missing":[],"respondBy":"{{InDays(5)}}"}""", ["missing"] },
        { $$"""{"missing":["ok", "", 3],"respondBy":"{{InDays(5)}}"}""", ["missing[1]", "missing[2]"] },
        { """{"missing":["x"],"respondBy":"15/01/2027"}""", ["respondBy"] },
        { $$"""{"missing":["x"],"respondBy":"{{InDays(0)}}"}""", ["respondBy"] },
        { $$"""{"missing":["x"],"respondBy":"{{InDays(91)}}","extra":true}""", ["respondBy", "extra"] },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Incompleteness_BadBody_400WithEveryJsonPath(string json, string[] paths)
    {
        var (id, _, _) = await FinalActionTests<TEngine>.DecideAsync(host, Thin("APP-INC-BAD"));
        var (status, problem) = await SendAsync(id, json);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(paths.Order(StringComparer.Ordinal), problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }
}

/// <summary>The per-lender default: lender-a's insufficient-data notices are notices of incompleteness from version 1.</summary>
public sealed class IncompletenessDefaultTests(IncompleteByDefaultHost host) : IClassFixture<IncompleteByDefaultHost>
{
    [Fact]
    public async Task Notice_LenderWithIncompletenessByDefault_Version1IsTheDefaultNoticeOfIncompleteness()
    {
        var ct = TestContext.Current.CancellationToken;
        using var lender = host.Client(host.LenderA);
        using var created = await lender.PostAsync("/v1/decisions", Body(Thin("APP-INC-DEF")), ct);
        var d = JsonDocument.Parse(await created.Content.ReadAsStringAsync(ct)).RootElement;
        var recorded = d.GetProperty("recordedAt").GetDateTimeOffset();
        using var applicant = host.Client(d.GetProperty("applicantAccessToken").GetString());
        var n = JsonDocument.Parse(await applicant.GetStringAsync($"/v1/decisions/{d.GetProperty("decisionId").GetString()}/notice", ct)).RootElement;

        Assert.Equal((1, false), (n.GetProperty("version").GetInt32(), n.GetProperty("isAdverseAction").GetBoolean()));
        var inc = n.GetProperty("incompleteness");
        Assert.Equal(Iso(DateOnly.FromDateTime(recorded.UtcDateTime).AddDays(30)), inc.GetProperty("respondBy").GetString());
        Assert.StartsWith("At least 6 months of payment history", inc.GetProperty("missing")[0].GetString(), StringComparison.Ordinal);

        // Another lender on the same server keeps the adverse action notice.
        using var other = host.Client(host.LenderB);
        using var theirs = await other.PostAsync("/v1/decisions", Body(Thin("APP-INC-DEF-B")), ct);
        var t = JsonDocument.Parse(await theirs.Content.ReadAsStringAsync(ct)).RootElement;
        using var them = host.Client(t.GetProperty("applicantAccessToken").GetString());
        var tn = JsonDocument.Parse(await them.GetStringAsync($"/v1/decisions/{t.GetProperty("decisionId").GetString()}/notice", ct)).RootElement;
        Assert.True(tn.GetProperty("isAdverseAction").GetBoolean());
        Assert.False(tn.TryGetProperty("incompleteness", out _));
    }
}
