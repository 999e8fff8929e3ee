using System.Net;
using System.Text;
using System.Text.Json;
using CreditAlt.Api.Tests.Infrastructure;
using static CreditAlt.Api.Tests.Infrastructure.Applications;

namespace CreditAlt.Api.Tests;

/// <summary>Everything a client can get wrong answers with an RFC 9457 problem, never a 500.</summary>
public abstract class ErrorTests<TEngine>(ApiHost<TEngine> host) : IClassFixture<ApiHost<TEngine>>
    where TEngine : IEngine, new()
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(HttpStatusCode Status, string? MediaType, JsonElement Body, HttpResponseMessage Response)> SendAsync(HttpRequestMessage request, string? key = "lender")
    {
        using var client = host.Client(key == "lender" ? host.LenderA : key);
        var response = await client.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, text.Length > 0 ? JsonDocument.Parse(text).RootElement.Clone() : default, response);
    }

    private static HttpRequestMessage Post(HttpContent content) => new(HttpMethod.Post, "/v1/decisions") { Content = content };

    [Fact]
    public async Task PostDecision_ManyBadFields_EveryPathInOne400()
    {
        const string json = """
            {"applicationId":"A1","applicantId":7,"asOfDate":"2026-13-01","requestedAmount":"lots",
             "obligations":[{"accountId":"R1","type":"mortgage","furnisher":"X","monthlyAmount":-5,
               "payments":[{"dueDate":"2026-01-01","amountDue":100,"paidDate":"yesterday","amountPaid":100}]}],
             "shoeSize":44}
            """;
        var (status, media, body, _) = await SendAsync(Post(Body(json)));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", media);
        Assert.Equal("The application is not valid", body.GetProperty("title").GetString());
        var errors = body.GetProperty("errors").EnumerateObject().ToDictionary(p => p.Name, p => p.Value[0].GetString());
        Assert.Equal(new Dictionary<string, string?>
        {
            ["shoeSize"] = "expected no such field; expected only applicationId, applicantId, asOfDate, requestedAmount, obligations, cashFlow, cashFlowSource, applicant",
            ["applicantId"] = "expected a string, got 7",
            ["asOfDate"] = "expected a date as yyyy-MM-dd, got '2026-13-01'",
            ["requestedAmount"] = "expected a number, got the string 'lots'",
            ["obligations[0].type"] = "expected one of rent, utility, telecom, childcare, insurance, other, got 'mortgage'",
            ["obligations[0].monthlyAmount"] = "expected an amount of 0 or more, got -5",
            ["obligations[0].payments[0].paidDate"] = "expected a date as yyyy-MM-dd, got 'yesterday'",
        }, errors);
    }

    [Theory]
    [InlineData("{\"applicationId\": ")]
    [InlineData("[1,2")]
    [InlineData("nul")]
    public async Task PostDecision_TruncatedJson_400AtRoot(string json)
    {
        var (status, _, body, _) = await SendAsync(Post(Body(json)));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("expected a well-formed JSON document at line 1", body.GetProperty("errors").GetProperty("$")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostDecision_InvalidUtf8_400()
    {
        var content = new ByteArrayContent([(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}']);
        content.Headers.ContentType = new("application/json");
        var (status, _, body, _) = await SendAsync(Post(content));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("expected a UTF-8 encoded JSON document", body.GetProperty("errors").GetProperty("$")[0].GetString());
    }

    [Fact]
    public async Task PostDecision_DeepNesting_400()
    {
        var json = new string('[', 10_000) + new string(']', 10_000);
        var (status, _, body, _) = await SendAsync(Post(Body(json)));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("depth", body.GetProperty("errors").GetProperty("$")[0].GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task PostDecision_HugeNumber_400NamingTheField()
    {
        var json = Json(Approve()).Replace("\"requestedAmount\":2500", "\"requestedAmount\":1e400", StringComparison.Ordinal);
        var (status, _, body, _) = await SendAsync(Post(Body(json)));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("expected an amount of at most 10000000, got 1e400", body.GetProperty("errors").GetProperty("requestedAmount")[0].GetString());
    }

    [Fact]
    public async Task PostDecision_DuplicateProperty_400()
    {
        var json = "{\"requestedAmount\":\"dup\"," + Json(Approve())[1..];
        var (status, _, body, _) = await SendAsync(Post(Body(json)));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("expected each field once; this one appears more than once in the object",
            body.GetProperty("errors").GetProperty("requestedAmount").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task PostDecision_TextPlain_415()
    {
        var (status, media, body, _) = await SendAsync(Post(new StringContent(Json(Approve()), Encoding.UTF8, "text/plain")));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Equal("application/problem+json", media);
        Assert.Equal(415, body.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task PostDecision_BodyOver256KB_413()
    {
        var big = "{\"applicationId\":\"" + new string('x', 300 * 1024) + "\"}";
        var (status, media, body, _) = await SendAsync(Post(Body(big)));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("application/problem+json", media);
        Assert.Equal("The body may be at most 262144 bytes.", body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task PostDecision_EmptyBody_400()
    {
        var (status, _, body, _) = await SendAsync(Post(Body("")));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Empty body", body.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("k-over-200-characters-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]
    [InlineData("ünïcode")]
    public async Task PostDecision_BadIdempotencyKey_400NamingTheHeader(string key)
    {
        var request = Post(Body(Approve()));
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        var (status, _, body, _) = await SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("expected one value of 1 to 200 visible ASCII characters", body.GetProperty("errors").GetProperty("Idempotency-Key")[0].GetString());
    }

    [Fact]
    public async Task UnknownRoute_404Problem()
    {
        var (status, media, body, _) = await SendAsync(new HttpRequestMessage(HttpMethod.Get, "/v1/nothing-here"));
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("application/problem+json", media);
        Assert.Equal(404, body.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task WrongMethod_405Problem()
    {
        var (status, media, body, _) = await SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/v1/models"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, status);
        Assert.Equal("application/problem+json", media);
        Assert.Equal(405, body.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Health_DatabaseUp_HealthyWithDatabaseCheck()
    {
        var (status, _, body, _) = await SendAsync(new HttpRequestMessage(HttpMethod.Get, "/health"), null);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        Assert.Equal("healthy", body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Metrics_AfterADecline_CountsItByOutcome()
    {
        using (var lender = host.Client(host.LenderA))
            (await lender.PostAsync("/v1/decisions", Body(Decline("APP-METRICS")), Ct)).EnsureSuccessStatusCode();
        using var client = host.Client();
        var text = await client.GetStringAsync("/metrics", Ct);
        Assert.Contains("creditalt_decisions_total{", text, StringComparison.Ordinal);
        Assert.Contains("outcome=\"decline\"", text, StringComparison.Ordinal);
        Assert.Contains("creditalt_decision_score_bucket{", text, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds_bucket{", text, StringComparison.Ordinal);
        // ASP.NET Core's per-request routing and rate-limiting meters are not collected (they cost CPU on every request).
        Assert.DoesNotContain("aspnetcore_routing_match_attempts", text, StringComparison.Ordinal);
        Assert.DoesNotContain("aspnetcore_rate_limiting", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetModels_AnyKey_ActiveModelWithPolicyAndAttributes()
    {
        var (status, _, body, _) = await SendAsync(new HttpRequestMessage(HttpMethod.Get, "/v1/models"), host.Admin);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("api-test-scorecard", body.GetProperty("modelId").GetString());
        Assert.Equal(680, body.GetProperty("approveAt").GetInt32());
        Assert.Equal(620, body.GetProperty("declineBelow").GetInt32());
        Assert.Equal(["rent_ontime_share_12m", "all_late30_count_12m", "cashflow_lowest_balance_6m", "cashflow_nsf_count_12m"],
            body.GetProperty("attributes").EnumerateArray().Select(a => a.GetProperty("id").GetString()).ToArray());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(ApiHost<TEngine>.ModelPath, Ct))),
            body.GetProperty("artifactSha256").GetString());
    }
}

public sealed class SqliteErrorTests(ApiHost<SqliteEngine> host) : ErrorTests<SqliteEngine>(host);

public sealed class PostgresErrorTests(ApiHost<PostgresEngine> host) : ErrorTests<PostgresEngine>(host);
