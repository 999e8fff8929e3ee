using static CreditAlt.Api.Tests.Infrastructure.Applications;

namespace CreditAlt.Api.Tests;

/// <summary>A valid body for each lifecycle endpoint of the security matrix (null: not a lifecycle endpoint).</summary>
internal static class LifecycleBodies
{
    public static StringContent? For(string path) =>
        path.EndsWith("/final-action", StringComparison.Ordinal) ? Body("""{"action":"approve","underwriterId":"uw-matrix"}""")
        : path.EndsWith("/disputes", StringComparison.Ordinal) ? Body(Dispute)
        : path.EndsWith("/resolution", StringComparison.Ordinal) ? Body("""{"outcome":"verified"}""")
        : null;

    private const string Dispute = """{"items":[{"accountId":"LEASE-0001","month":"2025-07","statement":"paid on time"}]}""";

    /// <summary>Raises a dispute on <paramref name="decisionId"/> as its applicant; returns the dispute id.</summary>
    public static async Task<string> DisputeAsync(HttpClient client, string decisionId, string token, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/decisions/{decisionId}/disputes") { Content = Body(Dispute) };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        return System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement.GetProperty("disputeId").GetString()!;
    }
}
