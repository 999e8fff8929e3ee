using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CreditAlt.Api.Tests.Infrastructure;
using CreditAlt.Core.Applications;
using CreditAlt.Data.Consents;
using CreditAlt.Transactions.Categorising;
using CreditAlt.Transactions.Deriving;
using CreditAlt.Transactions.Parsing;
using static CreditAlt.Api.Tests.Transactions.TransactionBodies;

namespace CreditAlt.Api.Tests.Transactions;

public sealed class SqliteTransactionDecisionTests(ApiHost<SqliteEngine> host) : TransactionDecisionTests<SqliteEngine>(host);

public sealed class PostgresTransactionDecisionTests(ApiHost<PostgresEngine> host) : TransactionDecisionTests<PostgresEngine>(host);

/// <summary>
/// <c>POST /v1/decisions</c> with raw transactions and a consent, and <c>POST /v1/consents/{id}/revocation</c>, through
/// the real pipeline on each engine: scored exactly like the derived application, refused outside the consent, raw data
/// kept and deleted by the retention rule.
/// </summary>
public abstract class TransactionDecisionTests<TEngine>(ApiHost<TEngine> host) : IClassFixture<ApiHost<TEngine>>
    where TEngine : IEngine, new()
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NewId(string prefix) => prefix + Guid.NewGuid().ToString("N")[..12];

    private async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> PostAsync(JsonNode request, string? key = null, string? lender = null)
    {
        using var client = host.Client(lender ?? host.LenderA);
        using var message = new HttpRequestMessage(HttpMethod.Post, "/v1/decisions") { Content = Body(request) };
        if (key is not null) message.Headers.Add("Idempotency-Key", key);
        var response = await client.SendAsync(message, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone(), response);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> RevokeAsync(string consentId, string body = """{"requestedBy":"applicant","reason":"no longer applying"}""", string? lender = null)
    {
        using var client = host.Client(lender ?? host.LenderA);
        using var response = await client.PostAsync($"/v1/consents/{consentId}/revocation", new StringContent(body, Encoding.UTF8, "application/json"), Ct);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone());
    }

    /// <summary>The shipped categoriser, which `creditalt ingest` uses by default and the service must use too.</summary>
    private static TransactionDeriver Deriver() => new(CategoriserModel.Load(RepoRoot.Path("models", "categoriser")));

    /// <summary>What the pipeline derives from the sample, computed here without the service, as `creditalt ingest` would.</summary>
    private static Derivation Expected(string applicationId, string format = "fdx")
    {
        using var stream = File.OpenRead(RepoRoot.Path("data-samples", "transactions", format == "plaid" ? "plaid.json" : "fdx.json"));
        var set = TransactionReader.Read(stream, format == "plaid" ? TransactionFormat.Plaid : TransactionFormat.Fdx, "sample");
        return Deriver().Derive(set, new DerivationRequest(applicationId, "CUS-T1", new DateOnly(2026, 6, 30), 3000m));
    }

    private static string[] ErrorPaths(JsonElement problem) => [.. problem.GetProperty("errors").EnumerateObject().Select(p => p.Name)];

    [Theory]
    [InlineData("fdx")]
    [InlineData("plaid")]
    public async Task Post_SampleWithConsent_ScoredExactlyLikeTheDerivedApplication(string format)
    {
        var appId = NewId("APP-TX-");
        var expected = Expected(appId, format);

        var (status, d, response) = await PostAsync(Request(appId, NewId("cns-"), format));
        using (response) Assert.Equal(HttpStatusCode.Created, status);
        var (plainStatus, plain, plainResponse) = await PostRawAsync(ApplicationJson.ToJson(expected.Application));
        using (plainResponse) Assert.Equal(HttpStatusCode.Created, plainStatus);

        Assert.Equal(ApplicationJson.Fingerprint(expected.Application), d.GetProperty("applicationFingerprint").GetString());
        Assert.Equal(plain.GetProperty("applicationFingerprint").GetString(), d.GetProperty("applicationFingerprint").GetString());
        Assert.Equal(plain.GetProperty("decision").GetString(), d.GetProperty("decision").GetString());
        Assert.Equal(plain.GetProperty("score").ToString(), d.GetProperty("score").ToString());
        Assert.Equal(plain.GetProperty("reasons").ToString(), d.GetProperty("reasons").ToString());
        Assert.False(plain.TryGetProperty("derived", out _));

        var derived = d.GetProperty("derived");
        Assert.Equal(format, derived.GetProperty("format").GetString());
        Assert.Equal(expected.BalanceBasis.ToString().ToLowerInvariant(), derived.GetProperty("balanceBasis").GetString());
        Assert.Equal(expected.Streams.Select(s => (s.AccountId, s.Furnisher, s.DueDay)),
            derived.GetProperty("obligations").EnumerateArray().Select(o => (o.GetProperty("accountId").GetString()!, o.GetProperty("payee").GetString()!, o.GetProperty("dueDay").GetInt32())));
        Assert.Equal(expected.Application.CashFlow.Count, derived.GetProperty("cashFlow").GetArrayLength());
        Assert.Equal(expected.Application.Obligations.Sum(o => o.Payments.Count),
            derived.GetProperty("obligations").EnumerateArray().Sum(o => o.GetProperty("payments").GetArrayLength()));
    }

    private async Task<(HttpStatusCode, JsonElement, HttpResponseMessage)> PostRawAsync(string json)
    {
        using var client = host.Client(host.LenderA);
        var response = await client.PostAsync("/v1/decisions", new StringContent(json, Encoding.UTF8, "application/json"), Ct);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone(), response);
    }

    [Fact]
    public async Task Post_Recorded_RawProviderDocumentStoredUntilTheEarlierOfRetentionAndExpiry()
    {
        var appId = NewId("APP-TX-");
        var request = Request(appId, NewId("cns-"));

        var (status, d, response) = await PostAsync(request);
        using (response) Assert.Equal(HttpStatusCode.Created, status);

        var set = Assert.Single(await host.Database.Consents.ForDecisionAsync(d.GetProperty("decisionId").GetString()!, Ct));
        Assert.Equal(request["transactions"]!.ToJsonString(), Encoding.UTF8.GetString(set.Body!));
        Assert.Equal(("fdx", appId, request["consent"]!["consentId"]!.GetValue<string>()), (set.Format, set.ApplicationId, set.ConsentId));
        // The consent (30 days) ends before the 90-day retention: its expiry bounds the raw data's life.
        Assert.Equal(DateTimeOffset.Parse(request["consent"]!["expiresAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), set.DeleteAfter);
    }

    [Fact]
    public async Task Post_SameKeyTwice_ReplayedAndRawStoredOnce()
    {
        var request = Request(NewId("APP-TX-"), NewId("cns-"));
        var key = NewId("k-");

        var (first, d1, r1) = await PostAsync(request, key);
        var (second, d2, r2) = await PostAsync(request, key);

        using (r1) Assert.Equal(HttpStatusCode.Created, first);
        using (r2)
        {
            Assert.Equal(HttpStatusCode.OK, second);
            Assert.Equal("true", r2.Headers.GetValues("Idempotent-Replayed").Single());
        }
        Assert.Equal(d1.GetProperty("decisionId").GetString(), d2.GetProperty("decisionId").GetString());
        Assert.Equal(d1.GetProperty("derived").ToString(), d2.GetProperty("derived").ToString());
        Assert.Single(await host.Database.Consents.ForDecisionAsync(d1.GetProperty("decisionId").GetString()!, Ct));
    }

    [Fact]
    public async Task Post_RawSetCannotBeStored_NoDecisionRecordedEither()
    {
        // A storage failure injected into the raw set's insert, for this one application: the decision was appended
        // before it in the same transaction, and must go with it (never a decision without its raw data, nor the reverse).
        var appId = NewId("APP-TX-FAIL-");
        var sqlite = host.Db.StartsWith("sqlite:", StringComparison.Ordinal);
        string[] inject = sqlite
            ? [$"CREATE TRIGGER fail_set BEFORE INSERT ON transaction_sets WHEN NEW.application_id = '{appId}' BEGIN SELECT RAISE(ABORT, 'injected failure'); END"]
            : [
                $"CREATE FUNCTION fail_set() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.application_id = '{appId}' THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$",
                "CREATE TRIGGER fail_set BEFORE INSERT ON transaction_sets FOR EACH ROW EXECUTE FUNCTION fail_set()",
            ];
        await ExecAsync(inject);
        try
        {
            var (status, _, response) = await PostAsync(Request(appId, NewId("cns-")));
            // The store broke, not the request: the service's own failure, with nothing recorded.
            using (response) Assert.Equal(HttpStatusCode.InternalServerError, status);
        }
        finally
        {
            await ExecAsync(sqlite ? ["DROP TRIGGER fail_set"] : ["DROP TRIGGER fail_set ON transaction_sets", "DROP FUNCTION fail_set()"]);
        }

        Assert.Equal((0L, 0L), (
            await ScalarAsync($"SELECT COUNT(*) FROM decisions WHERE application_id = '{appId}'"),
            await ScalarAsync($"SELECT COUNT(*) FROM transaction_sets WHERE application_id = '{appId}'")));
        // The same request goes through once the store works again: decision and raw data together.
        var (again, d, r) = await PostAsync(Request(appId, NewId("cns-")));
        using (r) Assert.Equal(HttpStatusCode.Created, again);
        Assert.Single(await host.Database.Consents.ForDecisionAsync(d.GetProperty("decisionId").GetString()!, Ct));
    }

    private async Task ExecAsync(string[] statements)
    {
        await using var c = await host.Database.OpenAsync(Ct);
        foreach (var sql in statements)
            await Dapper.SqlMapper.ExecuteAsync(c, sql);
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var c = await host.Database.OpenAsync(Ct);
        return await Dapper.SqlMapper.ExecuteScalarAsync<long>(c, sql);
    }

    [Fact]
    public async Task Revoke_DeletesRawKeepsDecision_ThenTheConsentIsRefused()
    {
        var appId = NewId("APP-TX-");
        var consentId = NewId("cns-");
        var request = Request(appId, consentId);
        var (status, d, response) = await PostAsync(request);
        using (response) Assert.Equal(HttpStatusCode.Created, status);
        var decisionId = d.GetProperty("decisionId").GetString()!;

        var (revoked, view) = await RevokeAsync(consentId);
        var (again, view2) = await RevokeAsync(consentId, """{"requestedBy":"lender"}""");

        Assert.Equal(HttpStatusCode.OK, revoked);
        Assert.Equal((consentId, appId, "applicant", "no longer applying", 1),
            (view.GetProperty("consentId").GetString(), view.GetProperty("applicationId").GetString(), view.GetProperty("revokedBy").GetString(),
             view.GetProperty("reason").GetString(), view.GetProperty("rawTransactionSetsDeleted").GetInt32()));
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal(("applicant", 0, view.GetProperty("revokedAt").GetString()),
            (view2.GetProperty("revokedBy").GetString(), view2.GetProperty("rawTransactionSetsDeleted").GetInt32(), view2.GetProperty("revokedAt").GetString()));
        var set = Assert.Single(await host.Database.Consents.ForDecisionAsync(decisionId, Ct));
        Assert.Equal(((byte[]?)null, ConsentStore.DeletedOnRevocation), (set.Body, set.DeletedBecause));
        Assert.NotNull(await host.Database.Ledger.GetAsync(decisionId, Ct));
        Assert.True((await host.Database.Ledger.VerifyAsync(Ct)).Intact);

        var (after, problem, r) = await PostAsync(request);
        var changed = Request(appId, consentId);
        changed["consent"]!["thirdParty"] = "Another name";
        var (other, otherProblem, r2) = await PostAsync(changed);
        using (r2) Assert.Equal(HttpStatusCode.Forbidden, other); // a revocation on record wins, whatever record is sent
        Assert.Equal(["$.consent"], ErrorPaths(otherProblem));
        using (r) Assert.Equal(HttpStatusCode.Forbidden, after);
        Assert.Equal(["$.consent"], ErrorPaths(problem));
        Assert.Contains("was revoked at", problem.GetProperty("errors").GetProperty("$.consent")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"requestedBy":"someone"}""", "requestedBy")]
    [InlineData("""{"reason":"x"}""", "requestedBy")]
    [InlineData("""{"requestedBy":"applicant","when":"now"}""", "when")]
    public async Task Revoke_BadBody_400WithPath(string body, string path)
    {
        var (status, problem) = await RevokeAsync("cns-whatever", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(path, ErrorPaths(problem));
    }

    [Fact]
    public async Task Revoke_OtherLendersOrUnknownConsent_404()
    {
        var consentId = await ConsentAsync(host.Client(host.LenderA), Ct);

        Assert.Equal(HttpStatusCode.NotFound, (await RevokeAsync(consentId, lender: host.LenderB)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await RevokeAsync("cns-never-issued")).Status);
        Assert.Null((await host.Database.Consents.GetAsync("lender-a", consentId, Ct))!.RevokedAt);
    }

    public static TheoryData<string, string, string> BadBodies() => new()
    {
        // body change (a JSON Pointer-ish edit applied below), expected status, expected error path
        { "requestedAmount=\"3000\"", "400", "$.requestedAmount" },
        { "asOfDate=20260630", "400", "$.asOfDate" },
        { "extra=1", "400", "$.extra" },
        { "consent=-", "400", "$" },
        { "transactions.format=\"ofx\"", "400", "$.transactions.format" },
        { "transactions.format=\"csv\"", "400", "$.transactions.format" },
        { "transactions.transactions=\"none\"", "400", "$.transactions.transactions" },
        { "transactions.transactions[0].depositTransaction.amount=-1623.55", "400", "$.transactions.transactions[0].depositTransaction.amount" },
        { "transactions.transactions[0].depositTransaction.amount=\"1623.55\"", "400", "$.transactions.transactions[0].depositTransaction.amount" },
        { "consent.expiresAt=\"2099-01-01T00:00:00Z\"", "400", "$.consent.expiresAt" },
        { "consent.grantedAt=true", "400", "$.consent.grantedAt" },
        { "consent.purpose.applicationId=\"APP-OTHER\"", "403", "$.consent.purpose.applicationId" },
        { "consent.applicantId=\"CUS-OTHER\"", "403", "$.consent.applicantId" },
        { "consent.accounts=[\"CHK-1\"]", "403", "$.transactions.accounts[1]" },
        { "consent.dataScope.from=\"2026-03-01\"", "403", "$.transactions.transactions[1].depositTransaction" },
        { "consent.revocation={\"revokedAt\":\"2026-12-01T00:00:00Z\",\"revokedBy\":\"applicant\"}", "403", "$.consent.revocation" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Post_BadOrUnconsentedBody_4xxNamingThePath(string change, string expectedStatus, string path)
    {
        var request = Request(NewId("APP-TX-"), NewId("cns-"));
        if (change.Contains("revocation", StringComparison.Ordinal))
            request["consent"]!["grantedAt"] = "2026-11-30T00:00:00Z"; // revoked (1 Dec) after it was granted, before now
        Apply(request, change);

        var (status, problem, response) = await PostAsync(request);

        using (response)
        {
            Assert.Equal(int.Parse(expectedStatus, System.Globalization.CultureInfo.InvariantCulture), (int)status);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        Assert.Contains(path, ErrorPaths(problem));
    }

    [Fact]
    public async Task Post_ConsentExpired_403AtExpiresAt()
    {
        var appId = NewId("APP-TX-");
        var request = Request(appId, NewId("cns-"));
        request["consent"] = Consent(request["consent"]!["consentId"]!.GetValue<string>(), appId,
            granted: DateTimeOffset.UtcNow.AddDays(-100), expires: DateTimeOffset.UtcNow.AddDays(-1));

        var (status, problem, response) = await PostAsync(request);

        using (response) Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal(["$.consent.expiresAt"], ErrorPaths(problem));
        Assert.Equal("Not covered by the applicant's consent", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Post_ConsentIdReusedWithAnotherRecord_409()
    {
        var consentId = NewId("cns-");
        var (first, _, r1) = await PostAsync(Request(NewId("APP-TX-"), consentId));
        var other = Request(NewId("APP-TX-"), consentId);

        var (second, problem, r2) = await PostAsync(other);

        using (r1) Assert.Equal(HttpStatusCode.Created, first);
        using (r2) Assert.Equal(HttpStatusCode.Conflict, second);
        Assert.Equal("Consent id reused", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Post_TransactionBodyOverItsLimit_413_ApplicationBodyOverItsOwn_413()
    {
        var big = Request(NewId("APP-TX-"), NewId("cns-"));
        var txs = big["transactions"]!["transactions"]!.AsArray();
        var first = txs[0]!.ToJsonString();
        var copies = (4 * 1024 * 1024 - big.ToJsonString().Length) / (first.Length + 1) + 2;
        for (var i = 0; i < copies; i++) txs.Add(JsonNode.Parse(first));
        Assert.True(big.ToJsonString().Length > 4 * 1024 * 1024);
        var (status, problem, response) = await PostAsync(big);
        using (response) Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("The body may be at most 4194304 bytes.", problem.GetProperty("detail").GetString());

        // An application (no consent, no transactions) keeps the 256 KB limit even though the endpoint reads up to 4 MB.
        var padded = ApplicationJson.ToJson(Infrastructure.Applications.Approve("APP-BIG")).TrimEnd('}') + new string(' ', 300 * 1024) + "}";
        var (appStatus, appProblem, appResponse) = await PostRawAsync(padded);
        using (appResponse) Assert.Equal(HttpStatusCode.RequestEntityTooLarge, appStatus);
        Assert.Equal("The body may be at most 262144 bytes.", appProblem.GetProperty("detail").GetString());
    }

    /// <summary>Applies "a.b[0].c=JSON" (set) or "a=-" (remove) to the request.</summary>
    private static void Apply(JsonObject request, string change)
    {
        var eq = change.IndexOf('=', StringComparison.Ordinal);
        var path = change[..eq];
        var value = change[(eq + 1)..];
        JsonNode node = request;
        var parts = path.Split('.');
        for (var i = 0; i < parts.Length - 1; i++) node = Step(node, parts[i]);
        var last = parts[^1];
        var bracket = last.IndexOf('[', StringComparison.Ordinal);
        if (bracket >= 0)
        {
            var array = node[last[..bracket]]!.AsArray();
            array[int.Parse(last[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture)] = JsonNode.Parse(value);
        }
        else if (value == "-") node.AsObject().Remove(last);
        else node[last] = JsonNode.Parse(value);
    }

    private static JsonNode Step(JsonNode node, string part)
    {
        var bracket = part.IndexOf('[', StringComparison.Ordinal);
        return bracket < 0 ? node[part]! : node[part[..bracket]]![int.Parse(part[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture)]!;
    }
}

/// <summary>The notice of a decision derived from transactions lists the payments found, by payee and month.</summary>
public sealed class TransactionNoticeTests(ApiHost<SqliteEngine> host) : IClassFixture<ApiHost<SqliteEngine>>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Notice_DerivedFromTransactions_ListsEveryPaymentFoundByPayeeAndMonth_JsonAndHtml()
    {
        var appId = "APP-TX-NOTICE";
        using var client = host.Client(host.LenderA);
        using var created = await client.PostAsync("/v1/decisions", Body(Request(appId, "cns-notice")), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var d = JsonDocument.Parse(await created.Content.ReadAsStringAsync(Ct)).RootElement;
        var url = d.GetProperty("noticeUrl").GetString() + "?access_token=" + d.GetProperty("applicantAccessToken").GetString();
        using var anonymous = host.Client();

        var notice = JsonDocument.Parse(await anonymous.GetStringAsync(url, Ct)).RootElement;
        using var htmlRequest = new HttpRequestMessage(HttpMethod.Get, url);
        htmlRequest.Headers.Accept.ParseAdd("text/html");
        using var htmlResponse = await anonymous.SendAsync(htmlRequest, Ct);
        var html = await htmlResponse.Content.ReadAsStringAsync(Ct);

        // The same streams the deriver finds in the sample: rent at Maple Court, the power company, the phone carrier.
        using var stream = File.OpenRead(RepoRoot.Path("data-samples", "transactions", "fdx.json"));
        var expected = new TransactionDeriver(CategoriserModel.Load(RepoRoot.Path("models", "categoriser"))).Derive(TransactionReader.Read(stream, TransactionFormat.Fdx, "fdx.json"),
            new DerivationRequest(appId, "CUS-T1", new DateOnly(2026, 6, 30), 3000m)).Application;
        var payees = notice.GetProperty("paymentsFound").GetProperty("payees");
        Assert.Equal(expected.Obligations.Select(o => (o.AccountId, o.Furnisher, o.Payments.Count)),
            payees.EnumerateArray().Select(p => (p.GetProperty("accountId").GetString()!, p.GetProperty("payee").GetString()!, p.GetProperty("months").GetArrayLength())));
        var rent = payees[0];
        Assert.Equal(("R1", "rent", "Maple Court Apartments"), (rent.GetProperty("accountId").GetString(), rent.GetProperty("type").GetString(), rent.GetProperty("payee").GetString()));
        var firstMonth = rent.GetProperty("months")[0];
        var record = expected.Obligations[0].Payments[0];
        Assert.Equal(record.DueDate.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), firstMonth.GetProperty("month").GetString());
        Assert.Equal(Api.Transactions.PaymentsFound.Status(record), firstMonth.GetProperty("status").GetString());

        Assert.Contains("<h2>Payments we found in your bank transactions</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<h3>Maple Court Apartments (rent, account R1, about 1,450.00 a month)</h3>", html, StringComparison.Ordinal);
        Assert.Equal(expected.Obligations.Sum(o => o.Payments.Count), CountOf(html, "<tr><td>20"));
    }

    [Fact]
    public async Task Letter_DerivedFromTransactions_ListsEveryPaymentFoundByPayeeAndMonth()
    {
        var appId = "APP-TX-LETTER";
        using var client = host.Client(host.LenderA);
        using var created = await client.PostAsync("/v1/decisions", Body(Request(appId, "cns-letter")), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var d = JsonDocument.Parse(await created.Content.ReadAsStringAsync(Ct)).RootElement;
        using var pdfRequest = new HttpRequestMessage(HttpMethod.Get, d.GetProperty("noticeUrl").GetString() + "?access_token=" + d.GetProperty("applicantAccessToken").GetString());
        pdfRequest.Headers.Accept.ParseAdd("application/pdf");
        using var anonymous = host.Client();
        using var response = await anonymous.SendAsync(pdfRequest, Ct);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(await response.Content.ReadAsByteArrayAsync(Ct));
        var text = string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));

        using var stream = File.OpenRead(RepoRoot.Path("data-samples", "transactions", "fdx.json"));
        var expected = new TransactionDeriver(CategoriserModel.Load(RepoRoot.Path("models", "categoriser"))).Derive(TransactionReader.Read(stream, TransactionFormat.Fdx, "fdx.json"),
            new DerivationRequest(appId, "CUS-T1", new DateOnly(2026, 6, 30), 3000m)).Application;
        Assert.Contains("Payments we found in your bank transactions These payments were found", text, StringComparison.Ordinal);
        Assert.Contains("Maple Court Apartments (rent, account R1, about 1,450.00 a month) Month Due Amount due Payment found Amount paid Counted as", text, StringComparison.Ordinal);
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var rows = 0;
        foreach (var o in expected.Obligations)
        {
            Assert.Contains($"{o.Furnisher} ({o.Type.ToWire()}, account {o.AccountId}, about {o.MonthlyAmount.ToString("#,0.00", inv)} a month)", text, StringComparison.Ordinal);
            foreach (var p in o.Payments)
            {
                // One line per month: month, due date, amount due, payment found (or none), amount paid, how it was counted.
                Assert.Contains(string.Join(" ", p.DueDate.ToString("yyyy-MM", inv), p.DueDate.ToString("MMM d, yyyy", inv), p.AmountDue.ToString("#,0.00", inv),
                    p.PaidDate?.ToString("MMM d, yyyy", inv) ?? "none", p.AmountPaid.ToString("#,0.00", inv), Api.Transactions.PaymentsFound.Status(p)), text, StringComparison.Ordinal);
                rows++;
            }
        }
        Assert.True(rows >= 10, $"the sample has {rows} months of payments");
        // The section sits between the information used and how to dispute, as on the HTML page.
        Assert.True(text.IndexOf("The information we used", StringComparison.Ordinal) < text.IndexOf("Payments we found", StringComparison.Ordinal)
            && text.IndexOf("Payments we found", StringComparison.Ordinal) < text.IndexOf("How to dispute an item", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Notice_ApplicationSentReadyMade_HasNoPaymentsFound()
    {
        using var client = host.Client(host.LenderA);
        using var created = await client.PostAsync("/v1/decisions", Infrastructure.Applications.Body(Infrastructure.Applications.Decline("APP-NOTX")), Ct);
        var d = JsonDocument.Parse(await created.Content.ReadAsStringAsync(Ct)).RootElement;

        var notice = await client.GetStringAsync(d.GetProperty("noticeUrl").GetString(), Ct);

        Assert.DoesNotContain("paymentsFound", notice, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string part)
    {
        var n = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + 1, StringComparison.Ordinal)) n++;
        return n;
    }
}
