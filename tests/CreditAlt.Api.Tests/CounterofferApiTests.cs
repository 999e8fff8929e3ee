using System.Net.Http.Headers;
using System.Text.Json;
using CreditAlt.Api.Tests.Infrastructure;
using static CreditAlt.Api.Tests.Infrastructure.Applications;

namespace CreditAlt.Api.Tests;

/// <summary>The test scorecard (Fixtures/scorecard.json) with the policy's ability-to-pay rule: 18 % a year over 36 months.</summary>
public sealed class AffordabilityHost : ApiHost<SqliteEngine>
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["CreditAlt:ModelPath"] = Path.Combine(AppContext.BaseDirectory, "Fixtures", "scorecard-affordability.json"),
    };
}

/// <summary>
/// The counteroffer through the real pipeline. Applications.Approve scores 710 (approve) at any amount: deposits 4,000 a
/// month, rent 1,200, so 2,800 a month is left for an instalment.
/// </summary>
public sealed class CounterofferApiTests(AffordabilityHost host) : IClassFixture<AffordabilityHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PostDecision_AmountBeyondResidualIncome_DeclinesWithCounteroffer()
    {
        // 100,000 at 18 % over 36 months: 100000 * 0.015 / (1 - 1.015^-36) = 3,615.24 a month; residual 2,800 - 3,615.24 =
        // -815.24 (ratio -0.2038). The highest whole 50 whose instalment fits in 2,800: 77,450 (2,800.00 to the cent;
        // 77,449.92 exactly), residual 0.00, still scored 710.
        var application = Approve("APP-COUNTER") with { RequestedAmount = 100_000m };
        using var client = host.Client(host.LenderA);
        using var response = await client.PostAsync("/v1/decisions", Body(application), Ct);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        var d = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();

        Assert.Equal("decline", d.GetProperty("decision").GetString());
        Assert.Equal(710, d.GetProperty("score").GetInt32());
        var reason = Assert.Single(d.GetProperty("reasons").EnumerateArray());
        Assert.Equal("CF-RES", reason.GetProperty("code").GetString());
        Assert.Equal("Obligations and the requested loan's instalment would exceed monthly deposits by 20% of deposits", reason.GetProperty("sentence").GetString());
        Assert.Equal(JsonValueKind.Null, d.GetProperty("recourse").ValueKind);
        var offer = d.GetProperty("counteroffer");
        Assert.Equal(77_450m, offer.GetProperty("amount").GetDecimal());
        Assert.Equal(2800.00m, offer.GetProperty("monthlyPayment").GetDecimal());
        Assert.Equal(0.18m, offer.GetProperty("annualRate").GetDecimal());
        Assert.Equal(36, offer.GetProperty("termMonths").GetInt32());
        Assert.Equal(0.00m, offer.GetProperty("residualIncome").GetDecimal());
        Assert.Equal(710, offer.GetProperty("score").GetInt32());
        Assert.Equal(3615.24m, offer.GetProperty("requestedMonthlyPayment").GetDecimal());
        Assert.Equal(-815.24m, offer.GetProperty("requestedResidualIncome").GetDecimal());
        Assert.Equal(
            "We cannot lend the $100,000.00 you asked for: its monthly instalment of $3,615.24 is more than the $2,800.00 a month that your typical " +
            "monthly deposits ($4,000.00) leave after your obligations ($1,200.00). We can offer $77,450.00 instead, repaid in 36 monthly instalments " +
            "of $2,800.00 at 18 % a year, which leaves $0.00 a month.",
            offer.GetProperty("sentence").GetString());

        // Read back, the same offer (assessed again from the stored application by the model that decided).
        var id = d.GetProperty("decisionId").GetString();
        var stored = JsonDocument.Parse(await client.GetStringAsync($"/v1/decisions/{id}", Ct)).RootElement;
        Assert.Equal(offer.GetRawText(), stored.GetProperty("counteroffer").GetRawText());

        // The applicant's notice: the counteroffer's action wording (form C-4) and the offer with how to accept it.
        using var applicant = host.Client();
        applicant.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", d.GetProperty("applicantAccessToken").GetString());
        var n = JsonDocument.Parse(await applicant.GetStringAsync($"/v1/decisions/{id}/notice", Ct)).RootElement;
        Assert.True(n.GetProperty("isAdverseAction").GetBoolean());
        Assert.Equal(
            "We are unable to offer you credit on the terms that you requested: the monthly instalment of the $100,000.00 you asked for ($3,615.24) " +
            "is more than what your typical monthly deposits leave after your obligations. We can offer a lower amount, below.",
            n.GetProperty("actionTaken").GetString());
        var notice = n.GetProperty("counteroffer");
        Assert.Equal(77_450m, notice.GetProperty("amount").GetDecimal());
        Assert.Equal("36 monthly instalments of $2,800.00 at 18 % a year", notice.GetProperty("terms").GetString());
        Assert.StartsWith("We can, however, offer you credit on the following terms: $77,450.00; 36 monthly instalments of $2,800.00 at 18 % a year.",
            notice.GetProperty("wording").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostDecision_AffordableAmount_ApprovesWithoutCounteroffer()
    {
        // 2,500 costs 90.38 a month: well within 2,800.
        using var client = host.Client(host.LenderA);
        using var response = await client.PostAsync("/v1/decisions", Body(Approve("APP-AFFORD")), Ct);
        var d = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal("approve", d.GetProperty("decision").GetString());
        Assert.False(d.TryGetProperty("counteroffer", out _));
    }
}
