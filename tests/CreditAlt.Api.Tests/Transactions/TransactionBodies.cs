using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CreditAlt.Api.Tests.Transactions;

/// <summary>Decision requests with bank transactions: the samples in data-samples/transactions with a consent in force now.</summary>
internal static class TransactionBodies
{
    public static string Sample(string file) => File.ReadAllText(RepoRoot.Path("data-samples", "transactions", file));

    public static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A consent for <paramref name="applicationId"/> granted an hour ago for 30 days, over both sample accounts and the samples' dates.</summary>
    public static JsonObject Consent(string consentId, string applicationId, string applicantId = "CUS-T1", DateTimeOffset? granted = null, DateTimeOffset? expires = null)
    {
        var g = granted ?? DateTimeOffset.UtcNow.AddHours(-1);
        return new JsonObject
        {
            ["consentId"] = consentId,
            ["applicantId"] = applicantId,
            ["thirdParty"] = "Acme Lending",
            ["dataProvider"] = "First Example Bank",
            ["accounts"] = new JsonArray("CHK-1", "SAV-1"),
            ["dataScope"] = new JsonObject { ["categories"] = new JsonArray("transactions", "balances"), ["from"] = "2025-07-01", ["to"] = "2026-06-30" },
            ["purpose"] = new JsonObject { ["use"] = "credit_underwriting", ["applicationId"] = applicationId },
            ["grantedAt"] = Instant(g),
            ["expiresAt"] = Instant(expires ?? g.AddDays(30)),
            ["revocation"] = null,
        };
    }

    /// <summary>The provider document of a sample with its <c>format</c> property.</summary>
    public static JsonObject Transactions(string format = "fdx")
    {
        var doc = JsonNode.Parse(Sample(format == "plaid" ? "plaid.json" : "fdx.json"))!.AsObject();
        var withFormat = new JsonObject { ["format"] = format };
        foreach (var (k, v) in doc.ToList())
        {
            doc.Remove(k);
            withFormat[k] = v;
        }
        return withFormat;
    }

    public static JsonObject Request(string applicationId, string consentId, string format = "fdx") => new()
    {
        ["applicationId"] = applicationId,
        ["applicantId"] = "CUS-T1",
        ["asOfDate"] = "2026-06-30",
        ["requestedAmount"] = 3000,
        ["consent"] = Consent(consentId, applicationId),
        ["transactions"] = Transactions(format),
    };

    public static StringContent Body(JsonNode request) => new(request.ToJsonString(), Encoding.UTF8, "application/json");

    /// <summary>The security matrix's bodies: a transaction request, or a revocation.</summary>
    public static StringContent? For(string path, bool transactions, string caller) =>
        transactions ? Body(Request("APP-MATRIX-TX-" + caller, "cns-matrix-" + caller))
        : path.EndsWith("/revocation", StringComparison.Ordinal) ? new StringContent("""{"requestedBy":"applicant","reason":"asked by phone"}""", Encoding.UTF8, "application/json")
        : null;

    /// <summary>Records a decision from transactions as <paramref name="client"/>'s lender; returns its consent id.</summary>
    public static async Task<string> ConsentAsync(HttpClient client, CancellationToken ct)
    {
        var id = "cns-" + Guid.NewGuid().ToString("N");
        using var response = await client.PostAsync("/v1/decisions", Body(Request("APP-" + id, id)), ct);
        response.EnsureSuccessStatusCode();
        return id;
    }
}
