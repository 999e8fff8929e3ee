using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CreditAlt.Api.Tests.Infrastructure;
using static CreditAlt.Api.Tests.Infrastructure.Applications;

namespace CreditAlt.Api.Tests;

/// <summary>
/// Every endpoint × every kind of caller, with the status each must get. The decision under test is made by lender A;
/// "applicant" holds that decision's access token. Another lender's request for it answers 404, never 403, so a
/// decision id reveals nothing.
/// </summary>
public abstract class SecurityMatrixTests<TEngine>(ApiHost<TEngine> host) : IClassFixture<ApiHost<TEngine>>
    where TEngine : IEngine, new()
{
    public static TheoryData<string, string, int> Matrix()
    {
        var rows = new (string Endpoint, int[] Expected)[]
        {
            //                           anonymous bad-key lender-a lender-b compliance admin applicant
            ("POST /v1/decisions",        [401,      401,    201,     201,     403,       403,  401]),
            ("POST /v1/decisions (transactions)", [401, 401, 201,     201,     403,       403,  401]),
            ("POST /v1/consents/{consent}/revocation", [401, 401, 200,  404,     403,       403,  401]),
            ("GET /v1/decisions/{id}",    [401,      401,    200,     404,     200,       403,  401]),
            ("GET /v1/decisions/{id}/notice", [401,  401,    200,     404,     200,       404,  200]),
            ("POST /v1/decisions/{id}/final-action", [401, 401, 201,   404,     403,       403,  401]),
            ("GET /v1/decisions?status=awaiting-final-action", [401, 401, 200, 200, 200,   403,  401]),
            ("POST /v1/decisions/{id}/disputes", [401, 401,  403,     403,     403,       403,  201]),
            ("GET /v1/disputes?status=open", [401,   401,    200,     200,     200,       403,  401]),
            ("POST /v1/disputes/{dispute}/resolution", [401, 401, 201, 404,    403,       403,  401]),
            ("POST /v1/decisions/{id}/incompleteness-notice", [401, 401, 201, 404, 403,   403,  401]),
            ("GET /v1/models",            [401,      401,    200,     200,     200,       200,  401]),
            ("GET /health",               [200,      200,    200,     200,     200,       200,  200]),
            ("GET /alive",                [200,      200,    200,     200,     200,       200,  200]),
            ("GET /metrics",              [200,      200,    200,     200,     200,       200,  200]),
            ("GET /openapi/v1.json",      [200,      200,    200,     200,     200,       200,  200]),
            ("GET /scalar/",              [200,      200,    200,     200,     200,       200,  200]),
        };
        string[] callers = ["anonymous", "bad-key", "lender-a", "lender-b", "compliance", "admin", "applicant"];
        var data = new TheoryData<string, string, int>();
        foreach (var (endpoint, expected) in rows)
            for (var i = 0; i < callers.Length; i++)
                data.Add(endpoint, callers[i], expected[i]);
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Endpoint_Caller_GetsExpectedStatus(string endpoint, string caller, int expected)
    {
        var ct = TestContext.Current.CancellationToken;
        using var setup = host.Client(host.LenderA);
        using var created = await setup.PostAsync("/v1/decisions", Body(LifecycleBodies.DecisionFor(endpoint) ?? Decline("APP-MATRIX")), ct);
        var decision = JsonDocument.Parse(await created.Content.ReadAsStringAsync(ct)).RootElement;
        var id = decision.GetProperty("decisionId").GetString()!;
        var token = decision.GetProperty("applicantAccessToken").GetString()!;

        var secret = caller switch
        {
            "bad-key" => "ca_thisKeyWasNeverIssued0000000000000000000000",
            "lender-a" => host.LenderA,
            "lender-b" => host.LenderB,
            "compliance" => host.Compliance,
            "admin" => host.Admin,
            "applicant" => token,
            _ => null,
        };
        using var client = host.Client();
        var parts = endpoint.Split(' ');
        var path = parts[1].Replace("{id}", id, StringComparison.Ordinal);
        if (path.Contains("{dispute}", StringComparison.Ordinal))
            path = path.Replace("{dispute}", await LifecycleBodies.DisputeAsync(setup, id, token, ct), StringComparison.Ordinal);
        if (path.Contains("{consent}", StringComparison.Ordinal))
            path = path.Replace("{consent}", await Transactions.TransactionBodies.ConsentAsync(setup, ct), StringComparison.Ordinal);
        using var request = new HttpRequestMessage(new HttpMethod(parts[0]), path);
        if (secret is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        if (parts[0] == "POST")
            request.Content = LifecycleBodies.For(parts[1]) ?? Transactions.TransactionBodies.For(parts[1], parts.Length > 2, caller) ?? Body(Approve("APP-MATRIX-" + caller));
        using var response = await client.SendAsync(request, ct);

        Assert.Equal(expected, (int)response.StatusCode);
        if (expected >= 400)
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ApiKey_InXApiKeyHeader_Authenticates()
    {
        using var client = host.Client();
        client.DefaultRequestHeaders.Add("X-Api-Key", host.Compliance);
        using var response = await client.GetAsync("/v1/models", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ApiKey_Revoked_RejectedOnceTheCacheExpires()
    {
        var ct = TestContext.Current.CancellationToken;
        var issued = await host.Database.ApiKeys.CreateAsync("compliance", null, ct);
        await host.Database.ApiKeys.RevokeAsync(issued.Key.KeyId, ct);
        using var client = host.Client(issued.Secret);
        using var response = await client.GetAsync("/v1/models", ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}

public sealed class SqliteSecurityMatrixTests(ApiHost<SqliteEngine> host) : SecurityMatrixTests<SqliteEngine>(host);

public sealed class PostgresSecurityMatrixTests(ApiHost<PostgresEngine> host) : SecurityMatrixTests<PostgresEngine>(host);
