using System.Text;
using System.Text.Json;
using CreditAlt.Transactions.Consent;
using CreditAlt.Transactions.Parsing;

namespace CreditAlt.Transactions.Tests.Consent;

public sealed class ConsentTests
{
    private static readonly DateTimeOffset Received = new(2026, 6, 30, 12, 0, 0, TimeSpan.Zero);

    private static string SampleText() => File.ReadAllText(RepoRoot.Sample("consent.json"));

    private static ConsentRecord Sample()
    {
        var parsed = ConsentJson.Parse(Encoding.UTF8.GetBytes(SampleText()));
        Assert.True(parsed.IsValid, string.Join("\n", parsed.Problems));
        return parsed.Consent!;
    }

    /// <summary>The sample with one property replaced (a JSON value, raw) or removed (null).</summary>
    private static ConsentParseResult With(string property, string? rawValue)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(SampleText())!.AsObject();
        if (rawValue is null) node.Remove(property);
        else node[property] = System.Text.Json.Nodes.JsonNode.Parse(rawValue);
        return ConsentJson.Parse(Encoding.UTF8.GetBytes(node.ToJsonString()));
    }

    private static TransactionSet Fdx()
    {
        using var stream = File.OpenRead(RepoRoot.Sample("fdx.json"));
        return TransactionReader.Read(stream, TransactionFormat.Fdx, "fdx.json");
    }

    [Fact]
    public void Parse_Sample_ReadsEveryField()
    {
        var c = Sample();

        Assert.Equal("cns-APP-T1", c.ConsentId);
        Assert.Equal("CUS-T1", c.ApplicantId);
        Assert.Equal("Acme Lending", c.ThirdParty);
        Assert.Equal("First Example Bank", c.DataProvider);
        Assert.Equal(["CHK-1", "SAV-1"], c.Accounts);
        Assert.Equal(["transactions", "balances", "account_details"], c.Scope.Categories);
        Assert.Equal(new DateOnly(2025, 7, 1), c.Scope.From);
        Assert.Equal(new DateOnly(2026, 6, 30), c.Scope.To);
        Assert.Equal("credit underwriting for application APP-T1", c.Purpose.Describe());
        Assert.Equal(new DateTimeOffset(2026, 6, 30, 9, 0, 0, TimeSpan.Zero), c.GrantedAt);
        Assert.Equal(new DateTimeOffset(2027, 6, 30, 9, 0, 0, TimeSpan.Zero), c.ExpiresAt);
        Assert.Null(c.Revocation);
    }

    [Fact]
    public void Write_Sample_IsCompactDocumentedOrderAndReadsBack()
    {
        var written = ConsentJson.Write(Sample());

        Assert.Equal("""{"consentId":"cns-APP-T1","applicantId":"CUS-T1","thirdParty":"Acme Lending","dataProvider":"First Example Bank","accounts":["CHK-1","SAV-1"],"dataScope":{"categories":["transactions","balances","account_details"],"from":"2025-07-01","to":"2026-06-30"},"purpose":{"use":"credit_underwriting","applicationId":"APP-T1"},"grantedAt":"2026-06-30T09:00:00Z","expiresAt":"2027-06-30T09:00:00Z","revocation":null}""", written);
        Assert.Equal(Sample() with { }, ConsentJson.Parse(Encoding.UTF8.GetBytes(written)).Consent, new RecordComparer());
    }

    [Fact]
    public void Parse_ExpiryMoreThanAYearAfterGrant_NamesExpiresAtAndTheLatestAllowed()
    {
        var parsed = With("expiresAt", "\"2027-06-30T09:00:01Z\"");

        var p = Assert.Single(parsed.Problems);
        Assert.Equal("$.expiresAt", p.Path);
        Assert.StartsWith("at most one year after grantedAt, i.e. no later than 2027-06-30T09:00:00Z", p.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ExpiryExactlyAYearAfterGrant_IsValid() =>
        Assert.True(With("expiresAt", "\"2027-06-30T09:00:00Z\"").IsValid);

    [Fact]
    public void Parse_EveryProblem_ReportedTogetherByPath()
    {
        var parsed = ConsentJson.Parse("""
            {"consentId": 7, "applicantId": "CUS-T1", "thirdParty": "", "accounts": ["A", "A"],
             "dataScope": {"categories": ["balances"], "from": "2026-02-30", "to": "2026-01-01"},
             "purpose": {"use": "marketing", "applicationId": "APP-T1"},
             "grantedAt": "2026-06-30T09:00:00", "expiresAt": "2026-06-29T09:00:00Z",
             "revocation": {"revokedAt": "2026-07-01T00:00:00Z", "revokedBy": "someone"}, "extra": 1}
            """u8);

        Assert.Equal(
            [
                "$.extra", "$.consentId", "$.thirdParty", "$", "$.accounts[1]", "$.dataScope.categories", "$.dataScope.from",
                "$.purpose.use", "$.grantedAt", "$.revocation.revokedBy",
            ],
            parsed.Problems.Select(p => p.Path));
        Assert.Contains(parsed.Problems, p => p.Path == "$" && p.Expected.Contains("'dataProvider'", StringComparison.Ordinal));
        Assert.Contains(parsed.Problems, p => p.Path == "$.grantedAt" && p.Expected.StartsWith("an instant with its offset", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{", "$")]
    [InlineData("[]", "$")]
    [InlineData("""{"consentId":"a","consentId":"b"}""", "$")]
    public void Parse_NotAConsentDocument_OneProblemAtRoot(string json, string path)
    {
        var parsed = ConsentJson.Parse(Encoding.UTF8.GetBytes(json));

        Assert.False(parsed.IsValid);
        Assert.Equal(path, parsed.Problems[0].Path);
    }

    [Fact]
    public void ForUse_SampleForItsApplicationInForce_NoRefusal() =>
        Assert.Empty(ConsentCheck.ForUse(Sample(), new ConsentUse("APP-T1", "CUS-T1", Received), "$.consent"));

    [Fact]
    public void ForUse_OtherApplication_RefusedAtPurpose()
    {
        var r = Assert.Single(ConsentCheck.ForUse(Sample(), new ConsentUse("APP-T2", "CUS-T1", Received), "$.consent"));

        Assert.Equal("$.consent.purpose.applicationId", r.Path);
        Assert.StartsWith("the consent is for credit underwriting for application APP-T1, not for application APP-T2", r.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ForUse_OtherApplicant_Refused() =>
        Assert.Equal("$.consent.applicantId", Assert.Single(ConsentCheck.ForUse(Sample(), new ConsentUse("APP-T1", "CUS-T9", Received), "$.consent")).Path);

    [Theory]
    [InlineData("2026-06-30T08:59:59Z", "$.grantedAt")] // before it was granted
    [InlineData("2027-06-30T09:00:00Z", "$.expiresAt")] // at expiry: no longer in force
    public void ForUse_OutsideItsTime_Refused(string received, string path)
    {
        Assert.True(ConsentJson.TryParseInstant(received, out var at));

        Assert.Equal(path, Assert.Single(ConsentCheck.ForUse(Sample(), new ConsentUse("APP-T1", "CUS-T1", at), "$")).Path);
    }

    [Fact]
    public void ForUse_LastInstantBeforeExpiry_Allowed() =>
        Assert.Empty(ConsentCheck.ForUse(Sample(), new ConsentUse("APP-T1", "CUS-T1", new DateTimeOffset(2027, 6, 30, 8, 59, 59, TimeSpan.Zero)), "$"));

    [Fact]
    public void ForUse_RevokedBeforeReceipt_Refused_RevokedAfter_Allowed()
    {
        var revoked = Sample() with { Revocation = new ConsentRevocation(Received.AddMinutes(-1), "applicant", "changed my mind") };

        var r = Assert.Single(ConsentCheck.ForUse(revoked, new ConsentUse("APP-T1", "CUS-T1", Received), "$.consent"));
        Assert.Equal("$.consent.revocation", r.Path);
        Assert.Equal("the consent was revoked at 2026-06-30T11:59:00Z (by the applicant); data is no longer used after revocation", r.Reason);
        Assert.Empty(ConsentCheck.ForUse(revoked with { Revocation = revoked.Revocation! with { RevokedAt = Received.AddMinutes(1) } },
            new ConsentUse("APP-T1", "CUS-T1", Received), "$.consent"));
    }

    [Fact]
    public void ForTransactions_SampleSetWithinConsent_NoRefusal() =>
        Assert.Empty(ConsentCheck.ForTransactions(Sample(), Fdx(), l => l));

    [Fact]
    public void ForTransactions_AccountNotShared_NamesAccountAndEachOfItsTransactions()
    {
        var consent = Sample() with { Accounts = ["CHK-1"] };
        var set = Fdx();

        var refusals = ConsentCheck.ForTransactions(consent, set, l => "$.transactions" + l[1..]);

        var savings = set.Transactions.Count(t => t.AccountId == "SAV-1");
        Assert.Equal("$.transactions.accounts[1]", refusals[0].Path);
        Assert.Equal("account 'SAV-1' is not one the applicant shared (CHK-1)", refusals[0].Reason);
        Assert.Equal(1 + savings, refusals.Count);
        Assert.All(refusals.Skip(1), r => Assert.Contains("is in account 'SAV-1'", r.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void ForTransactions_DatesOutsideScope_RefusedWithTheirDates()
    {
        var consent = Sample() with { Scope = Sample().Scope with { From = new DateOnly(2026, 6, 1) } };
        var set = Fdx();

        var refusals = ConsentCheck.ForTransactions(consent, set, l => l);

        var before = set.Transactions.Count(t => t.Date < new DateOnly(2026, 6, 1));
        Assert.Equal(Math.Min(before, ConsentCheck.MaxNamed) + (before > ConsentCheck.MaxNamed ? 1 : 0), refusals.Count);
        Assert.EndsWith("outside the consented dates 2026-06-01 to 2026-06-30", refusals[0].Reason, StringComparison.Ordinal);
        Assert.Equal($"{before - ConsentCheck.MaxNamed} more accounts or transactions outside the consent", refusals[^1].Reason);
    }

    [Fact]
    public void Minimise_WithoutBalancesCategory_DropsEveryBalance()
    {
        var consent = Sample() with { Scope = Sample().Scope with { Categories = ["transactions"] } };
        using var csv = File.OpenRead(RepoRoot.Sample("bank.csv"));
        var set = TransactionReader.Read(csv, TransactionFormat.Csv, "bank.csv");
        Assert.Contains(set.Transactions, t => t.Balance is not null);

        var minimised = ConsentCheck.Minimise(consent, set);

        Assert.All(minimised.Transactions, t => Assert.Null(t.Balance));
        Assert.All(minimised.Accounts, a => Assert.Null(a.CurrentBalance));
        Assert.Same(set, ConsentCheck.Minimise(Sample(), set));
    }

    /// <summary>Records holding lists compare by reference; this compares their JSON forms.</summary>
    private sealed class RecordComparer : IEqualityComparer<ConsentRecord?>
    {
        public bool Equals(ConsentRecord? x, ConsentRecord? y) => x is not null && y is not null && ConsentJson.Write(x) == ConsentJson.Write(y);

        public int GetHashCode(ConsentRecord? obj) => 0;
    }
}
