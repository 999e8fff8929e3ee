using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CreditAlt.Api.Tests.Infrastructure;
using CreditAlt.Data.Audits;
using static CreditAlt.Api.Tests.Infrastructure.Applications;

namespace CreditAlt.Api.Tests;

/// <summary><c>/v1/audits</c> through the real pipeline: compliance only, figures from the ledger's decisions and stored demographics.</summary>
public abstract class AuditsApiTests<TEngine>(ApiHost<TEngine> host) : IClassFixture<ApiHost<TEngine>>
    where TEngine : IEngine, new()
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly object Request = new { groupAttributes = new[] { "race" }, minGroupSize = 1 };

    /// <summary>Records 8 decisions through POST /v1/decisions and their demographics (white 3 of 4 approved, black 1 of 3, one without).</summary>
    private async Task RecordAsync()
    {
        using var lender = host.Client(host.LenderA);
        var cases = new (string Id, bool Approve, string? Race)[]
        {
            ("AUD-1", true, "white"), ("AUD-2", true, "white"), ("AUD-3", true, "white"), ("AUD-4", false, "white"),
            ("AUD-5", true, "black"), ("AUD-6", false, "black"), ("AUD-7", false, "black"), ("AUD-8", true, null),
        };
        foreach (var (id, approve, _) in cases)
        {
            // 560 + 50 + 40 + 35 + 25 = 710 approve; with a negative lowest balance 560 + 50 + 40 + 0 + 25 = 675 refer.
            var application = Make(id, Rent(), CashFlow(approve ? 900m : -100m, 0));
            using var response = await lender.PostAsync("/v1/decisions", Body(application), Ct);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        await host.Database.Demographics.SaveAsync(cases.Where(c => c.Race is not null).Select(c => new DemographicRecord(c.Id, "race", c.Race!)).ToList(), Ct);
    }

    [Fact]
    public async Task PostAudit_LenderKey_Is403()
    {
        using var client = host.Client(host.LenderA);
        using var response = await client.PostAsJsonAsync("/v1/audits", Request, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task GetAudit_LenderKey_Is403()
    {
        using var client = host.Client(host.LenderA);
        using var response = await client.GetAsync("/v1/audits/aud_x", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task PostAudit_NoAttributes_Is400NamingTheField()
    {
        using var client = host.Client(host.Compliance);
        using var response = await client.PostAsJsonAsync("/v1/audits", new { groupAttributes = Array.Empty<string>() }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(["expected 1 to 5 distinct, non-empty attribute names of the demographics table"],
            problem.RootElement.GetProperty("errors").GetProperty("$.groupAttributes").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task PostAudit_BodyOver16KB_Is413()
    {
        // The audit runs inside its request, so the request is small and bounded (docs/api.md).
        using var client = host.Client(host.Compliance);
        var body = "{\"groupAttributes\":[\"race\"],\"modelId\":\"" + new string('m', 16 * 1024) + "\"}";
        using var response = await client.PostAsync("/v1/audits", Body(body), Ct);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("The body may be at most 16384 bytes.", problem.RootElement.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("{\"groupAttributes\":[\"race\"],\"minGroupSize\":\"3\"}", "$.minGroupSize", "expected a whole number")]
    [InlineData("{\"groupAttributes\":[\"race\"],\"shoeSize\":44}", "$.shoeSize", "expected only groupAttributes, intersections, favorableDecision, modelId, modelVersion, minGroupSize, referenceGroups")]
    [InlineData("{\"groupAttributes\":", "$", "expected a well-formed JSON object (line 1, byte 20)")]
    public async Task PostAudit_BadRequestJson_Is400NamingThePath(string json, string path, string expected)
    {
        using var client = host.Client(host.Compliance);
        using var response = await client.PostAsync("/v1/audits", Body(json), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal([expected], problem.RootElement.GetProperty("errors").GetProperty(path).EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task GetAudit_UnknownRun_Is404()
    {
        using var client = host.Client(host.Compliance);
        using var response = await client.GetAsync("/v1/audits/aud_unknown", Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task PostAudit_ComplianceKey_Is201WithTheFiguresAndGetReadsTheStoredRun()
    {
        await RecordAsync();
        using var client = host.Client(host.Compliance);

        using var created = await client.PostAsJsonAsync("/v1/audits", Request, Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var run = JsonDocument.Parse(await created.Content.ReadAsStringAsync(Ct));
        var runId = run.RootElement.GetProperty("runId").GetString()!;
        Assert.Equal($"/v1/audits/{runId}", created.Headers.Location!.OriginalString);
        Assert.Equal("succeeded", run.RootElement.GetProperty("status").GetString());
        var race = run.RootElement.GetProperty("result").GetProperty("attributes")[0];
        Assert.Equal("white", race.GetProperty("reference").GetString());
        var groups = race.GetProperty("groups").EnumerateArray()
            .Select(g => (g.GetProperty("group").GetString(), g.GetProperty("count").GetDouble(), g.GetProperty("favorable").GetDouble()))
            .ToList();
        Assert.Equal([("black", 3.0, 1.0), ("white", 4.0, 3.0), ("(missing)", 1.0, 1.0)], groups);
        // AIR of black: (1/3) / (3/4) = 4/9.
        Assert.Equal(4.0 / 9.0, race.GetProperty("groups")[0].GetProperty("air").GetDouble(), 12);
        Assert.True(race.GetProperty("groups")[0].GetProperty("fourFifthsFlag").GetBoolean());

        using var read = await client.GetAsync($"/v1/audits/{runId}", Ct);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        using var stored = JsonDocument.Parse(await read.Content.ReadAsStringAsync(Ct));
        Assert.Equal(run.RootElement.GetProperty("result").GetRawText(), stored.RootElement.GetProperty("result").GetRawText());
        Assert.Equal(run.RootElement.GetProperty("requestedBy").GetString(), stored.RootElement.GetProperty("requestedBy").GetString());
    }
}

public sealed class SqliteAuditsApiTests(ApiHost<SqliteEngine> host) : AuditsApiTests<SqliteEngine>(host);

public sealed class PostgresAuditsApiTests(ApiHost<PostgresEngine> host) : AuditsApiTests<PostgresEngine>(host);
