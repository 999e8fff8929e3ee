using System.Globalization;
using System.Net;
using System.Text.Json;
using CreditAlt.Api.Tests.Infrastructure;
using UglyToad.PdfPig;
using static CreditAlt.Api.Tests.Infrastructure.Applications;

namespace CreditAlt.Api.Tests.Lifecycle;

public sealed class SqliteWalkThroughTests(ApiHost<SqliteEngine> host) : WalkThroughTests<SqliteEngine>(host);

public sealed class PostgresWalkThroughTests(ApiHost<PostgresEngine> host) : WalkThroughTests<PostgresEngine>(host);

/// <summary>The walk-through of docs/api.md ("Walk-through: after the model"), step by step, in one run.</summary>
public abstract class WalkThroughTests<TEngine>(ApiHost<TEngine> host) : IClassFixture<ApiHost<TEngine>>
    where TEngine : IEngine, new()
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string url, string? key, string json)
    {
        using var client = host.Client(key);
        using var response = await client.PostAsync(url, Body(json), Ct);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone());
    }

    [Fact]
    public async Task WalkThrough_FinishOverrideDisputeCorrectIncompletenessLetterAndMailBatch()
    {
        var (referral, _, _) = await FinalActionTests<TEngine>.DecideAsync(host, Refer("APP-WALK-1"));
        var (approved, _, _) = await FinalActionTests<TEngine>.DecideAsync(host, Approve("APP-WALK-2"));
        var (declined, token, _) = await FinalActionTests<TEngine>.DecideAsync(host, Decline("APP-WALK-3"));
        var (thin, _, _) = await FinalActionTests<TEngine>.DecideAsync(host, Thin("APP-WALK-4"));

        // 1. Finish a referral.
        var (s1, finished) = await PostAsync($"/v1/decisions/{referral}/final-action", host.LenderA,
            """{"action":"approve","underwriterId":"uw-17","note":"pay stubs verified"}""");
        Assert.Equal(HttpStatusCode.Created, s1);
        Assert.Equal(("approve", "refer", false), (finished.GetProperty("action").GetString(), finished.GetProperty("modelDecision").GetString(), finished.GetProperty("override").GetBoolean()));

        // 2. Record an override.
        var (s2, overridden) = await PostAsync($"/v1/decisions/{approved}/final-action", host.LenderA,
            """{"action":"decline","reasonCodes":["MAN-INC-UNVERIFIED"],"underwriterId":"uw-17"}""");
        Assert.Equal(HttpStatusCode.Created, s2);
        Assert.Equal((true, "high-side"), (overridden.GetProperty("override").GetBoolean(), overridden.GetProperty("overrideDirection").GetString()));

        // 3. Raise a dispute (the applicant's token).
        var (s3, receipt) = await PostAsync($"/v1/decisions/{declined}/disputes?access_token={token}", null,
            """{"items":[{"accountId":"LEASE-0001","month":"2026-01","statement":"I paid on time; the landlord recorded it late"}]}""");
        Assert.Equal(HttpStatusCode.Created, s3);
        var dispute = receipt.GetProperty("disputeId").GetString()!;

        // 4. Correct and re-decide: every rent payment on time (560 + 50 + 40 + 0 + 0 = 650, refer).
        var corrected = Json(Make("APP-WALK-3", Rent(), CashFlow(-200m, 3)));
        var (s4, resolution) = await PostAsync($"/v1/disputes/{dispute}/resolution", host.LenderA,
            $$"""{"outcome":"corrected","note":"landlord confirmed","correctedApplication":{{corrected}}}""");
        Assert.Equal(HttpStatusCode.Created, s4);
        Assert.True(resolution.GetProperty("decisionChanged").GetBoolean());
        Assert.Equal("refer", resolution.GetProperty("newDecision").GetProperty("decision").GetString());

        // 5. A notice of incompleteness.
        var respondBy = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(40).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var (s5, incomplete) = await PostAsync($"/v1/decisions/{thin}/incompleteness-notice", host.LenderA,
            $$"""{"missing":["Rent payment history for the 6 months before June 2026"],"respondBy":"{{respondBy}}"}""");
        Assert.Equal(HttpStatusCode.Created, s5);
        Assert.Equal(respondBy, incomplete.GetProperty("respondBy").GetString());

        // 6. The declined applicant's letter, which now tells the dispute's outcome.
        using var client = host.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/decisions/{declined}/notice?access_token={token}");
        request.Headers.Accept.ParseAdd("application/pdf");
        using var response = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var letter = await response.Content.ReadAsByteArrayAsync(Ct);
        using (var pdf = PdfDocument.Open(letter))
            Assert.Contains("the decision is now referred to an underwriter (score 650).",
                string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text)), StringComparison.Ordinal);

        // 7. The mail-house batch: the finished referral, the override, the decline, the thin file; the re-decision is a referral (not adverse).
        using var dir = new NoticesCommandTests<TEngine>.TempDirectory();
        var (code, _, error) = NoticesCommandTests<TEngine>.Cli("notices", "--db", host.Db, "--since", DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "--out", dir.Path, "--model", ApiHost<TEngine>.ModelPath);
        Assert.True(code == 0, error);
        Assert.Equal(new[] { referral, approved, declined, thin }.Select(id => id + ".pdf").Order(StringComparer.Ordinal),
            Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}
