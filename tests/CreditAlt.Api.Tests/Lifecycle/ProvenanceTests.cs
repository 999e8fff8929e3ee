using System.Net;
using System.Text.Json;
using CreditAlt.Api.Tests.Infrastructure;
using CreditAlt.Core.Applications;
using static CreditAlt.Api.Tests.Infrastructure.Applications;

namespace CreditAlt.Api.Tests.Lifecycle;

public sealed class SqliteProvenanceTests(ApiHost<SqliteEngine> host) : ProvenanceTests<SqliteEngine>(host);

public sealed class PostgresProvenanceTests(ApiHost<PostgresEngine> host) : ProvenanceTests<PostgresEngine>(host);

/// <summary>Data provenance (<c>source</c>) and the FCRA §615(a) block of the adverse action notice.</summary>
public abstract class ProvenanceTests<TEngine>(ApiHost<TEngine> host) : IClassFixture<ApiHost<TEngine>>
    where TEngine : IEngine, new()
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DataSource Bureau = new("Rent Reporting Bureau, Inc.", "PO Box 1000, Atlanta, GA 30301", "1-800-555-0199", true);

    private static Application WithRentSource(Application a, DataSource source) =>
        a with { Obligations = [a.Obligations[0] with { Source = source }] };

    private async Task<JsonElement> NoticeOfAsync(Application application)
    {
        var (id, token, _) = await FinalActionTests<TEngine>.DecideAsync(host, application);
        using var client = host.Client(token);
        return JsonDocument.Parse(await client.GetStringAsync($"/v1/decisions/{id}/notice", Ct)).RootElement.Clone();
    }

    [Fact]
    public async Task Notice_DeclineOnAgencyData_Carries615aBlockAndScoreSource()
    {
        var n = await NoticeOfAsync(WithRentSource(Decline("APP-PROV-1"), Bureau) with
        {
            CashFlowSource = new DataSource("Bank Data Aggregator LLC", "1 Data Way, Austin, TX 78701", "1-888-555-0123", true),
        });

        var agencies = n.GetProperty("consumerReports").GetProperty("agencies").EnumerateArray().ToArray();
        Assert.Equal(["Rent Reporting Bureau, Inc.", "Bank Data Aggregator LLC"], agencies.Select(a => a.GetProperty("name").GetString()));
        var first = agencies[0];
        Assert.Equal(("PO Box 1000, Atlanta, GA 30301", "1-800-555-0199"), (first.GetProperty("address").GetString(), first.GetProperty("phone").GetString()));
        Assert.Equal(
        [
            "Our decision was based in whole or in part on information obtained in a report from Rent Reporting Bureau, Inc., PO Box 1000, Atlanta, GA 30301, telephone 1-800-555-0199.",
            "Rent Reporting Bureau, Inc. did not make the decision and is unable to provide you the specific reasons why it was made.",
            "You have the right to obtain a free copy of your report from Rent Reporting Bureau, Inc. if you ask for it within 60 days of receiving this notice.",
            "You have the right to dispute directly with Rent Reporting Bureau, Inc. the accuracy or completeness of any information in the report it furnished.",
        ], first.GetProperty("statements").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(JsonValueKind.Null, n.GetProperty("consumerReports").GetProperty("statement").ValueKind);
        Assert.Equal("CreditAlt Demonstration Lender's own model, api-test-scorecard version 2026.11-test", n.GetProperty("score").GetProperty("providedBy").GetString());
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow), DateOnly.Parse(n.GetProperty("score").GetProperty("date").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Notice_DeclineOnPermissionedDataOnly_SaysNoAgencyWasUsed()
    {
        var n = await NoticeOfAsync(WithRentSource(Decline("APP-PROV-2"), new DataSource("Maple Court Apartments", null, null, false)));
        var reports = n.GetProperty("consumerReports");
        Assert.Equal(0, reports.GetProperty("agencies").GetArrayLength());
        Assert.StartsWith("This decision used only the information you provided or permissioned us to obtain", reports.GetProperty("statement").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notice_Approval_HasNoConsumerReportBlock()
    {
        var n = await NoticeOfAsync(WithRentSource(Approve("APP-PROV-3"), Bureau));
        Assert.False(n.TryGetProperty("consumerReports", out _));
    }

    [Fact]
    public async Task Decision_SourceStoredInTheCanonicalApplicationAndFingerprintCoversIt()
    {
        var plain = Decline("APP-PROV-4");
        var sourced = WithRentSource(plain, Bureau);
        Assert.NotEqual(CanonicalApplicationJson.Of(plain).Fingerprint, CanonicalApplicationJson.Of(sourced).Fingerprint);
        var (_, _, decision) = await FinalActionTests<TEngine>.DecideAsync(host, sourced);
        Assert.Equal(CanonicalApplicationJson.Of(sourced).Fingerprint, decision.GetProperty("applicationFingerprint").GetString());
        Assert.Contains("\"source\":{\"name\":\"Rent Reporting Bureau, Inc.\"", Json(sourced), StringComparison.Ordinal);
    }

    public static TheoryData<string, string[]> BadSources() => new()
    {
        { """{"isConsumerReportingAgency":true}""", ["obligations[0].source.name", "obligations[0].source.address", "obligations[0].source.phone"] },
        { """{"name":"","isConsumerReportingAgency":"yes"}""", ["obligations[0].source.name", "obligations[0].source.isConsumerReportingAgency"] },
        { "\"Equifax\"", ["obligations[0].source"] },
    };

    [Theory]
    [MemberData(nameof(BadSources))]
    public async Task PostDecision_BadSource_400NamingThePath(string source, string[] paths)
    {
        var json = Json(Decline("APP-PROV-BAD")).Replace("\"payments\":", $"\"source\":{source},\"payments\":", StringComparison.Ordinal);
        using var client = host.Client(host.LenderA);
        using var response = await client.PostAsync("/v1/decisions", Body(json), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("errors");
        Assert.Equal(paths.Order(StringComparer.Ordinal), errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }
}
