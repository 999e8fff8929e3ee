using System.Text;
using System.Text.Json.Nodes;
using CreditAlt.Data;
using CreditAlt.Data.Consents;

namespace CreditAlt.Cli.Tests.Ingest;

/// <summary><c>ingest --consent</c> (the API's consent rules in the CLI) and <c>consents purge</c> (the retention sweep).</summary>
public sealed class IngestConsentTests
{
    private static readonly string Fdx = RepositoryPaths.Of("data-samples", "transactions", "fdx.json");
    private static readonly string SampleConsent = RepositoryPaths.Of("data-samples", "transactions", "consent.json");

    private static string[] Args(string outDir, params string[] more) =>
        ["ingest", "--transactions", Fdx, "--format", "fdx", "--application-id", "APP-T1", "--applicant-id", "CUS-T1",
         "--as-of", "2026-06-30", "--requested-amount", "3000", "--out", outDir, .. more];

    private static string Consent(TempDirectory dir, Action<JsonObject> change)
    {
        var node = JsonNode.Parse(File.ReadAllText(SampleConsent))!.AsObject();
        change(node);
        var path = dir.File("consent.json");
        File.WriteAllText(path, node.ToJsonString());
        return path;
    }

    [Fact]
    public void Ingest_SampleConsentInForce_WritesTheSameAsWithoutTheGate()
    {
        using var dir = new TempDirectory();

        var (code, error) = CliRunner.Run(Args(dir.File("with"), "--consent", SampleConsent, "--received-at", "2026-06-30T12:00:00Z"));
        var (code2, _) = CliRunner.Run(Args(dir.File("without"), "--without-consent"));

        Assert.Equal((0, ""), (code, error));
        Assert.Equal(0, code2);
        foreach (var file in new[] { "obligations.csv", "payments.csv", "cashflow.csv", "transactions-categorised.csv" })
            Assert.Equal(File.ReadAllBytes(Path.Combine(dir.File("without"), file)), File.ReadAllBytes(Path.Combine(dir.File("with"), file)));
    }

    [Fact]
    public void Ingest_NeitherConsentNorWaiver_RefusedNamingTheOption()
    {
        using var dir = new TempDirectory();

        var (code, error) = CliRunner.Run(Args(dir.File("out")));

        Assert.Equal(2, code);
        Assert.Contains("--consent: required", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Fact]
    public void Ingest_ConsentExpiredAtReceipt_RefusedNamingFileAndPath_NothingWritten()
    {
        using var dir = new TempDirectory();

        var (code, error) = CliRunner.Run(Args(dir.File("out"), "--consent", SampleConsent, "--received-at", "2027-06-30T09:00:00Z"));

        Assert.Equal(2, code);
        Assert.Contains($"{SampleConsent}, $.expiresAt: the consent expired at 2027-06-30T09:00:00Z", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Fact]
    public void Ingest_InvalidConsent_EveryProblemByPath()
    {
        using var dir = new TempDirectory();
        var consent = Consent(dir, c => { c["expiresAt"] = "2028-01-01T00:00:00Z"; c["accounts"] = new JsonArray(); });

        var (code, error) = CliRunner.Run(Args(dir.File("out"), "--consent", consent));

        Assert.Equal(2, code);
        Assert.Contains($"{consent}: the consent record is not valid", error, StringComparison.Ordinal);
        Assert.Contains("$.accounts: expected an array of 1 to 50 account ids", error, StringComparison.Ordinal);
        Assert.Contains("$.expiresAt: expected at most one year after grantedAt", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Ingest_AccountNotShared_RefusedNamingTheTransactionFileAndAccount()
    {
        using var dir = new TempDirectory();
        var consent = Consent(dir, c => c["accounts"] = new JsonArray("CHK-1"));

        var (code, error) = CliRunner.Run(Args(dir.File("out"), "--consent", consent, "--received-at", "2026-06-30T12:00:00Z"));

        Assert.Equal(2, code);
        Assert.Contains($"{Fdx}, $.accounts[1]: account 'SAV-1' is not one the applicant shared (CHK-1)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Ingest_ConsentForAnotherApplication_Refused()
    {
        using var dir = new TempDirectory();

        var (code, error) = CliRunner.Run(["ingest", "--transactions", Fdx, "--format", "fdx", "--application-id", "APP-T9", "--applicant-id", "CUS-T1",
            "--as-of", "2026-06-30", "--requested-amount", "3000", "--out", dir.File("out"), "--consent", SampleConsent, "--received-at", "2026-06-30T12:00:00Z"]);

        Assert.Equal(2, code);
        Assert.Contains("$.purpose.applicationId: the consent is for credit underwriting for application APP-T1, not for application APP-T9", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Ingest_ConsentAndWaiverTogether_Refused()
    {
        using var dir = new TempDirectory();

        var (code, error) = CliRunner.Run(Args(dir.File("out"), "--consent", SampleConsent, "--without-consent"));

        Assert.Equal(2, code);
        Assert.Contains("--consent and --without-consent: give one of them", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConsentsPurge_RetentionEnded_DeletesRawBodyKeepsRow()
    {
        using var dir = new TempDirectory();
        var db = "sqlite:" + dir.File("c.db");
        Assert.Equal(0, CliRunner.Run("db", "migrate", "--db", db).ExitCode);
        var t0 = new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero);
        await using (var database = CreditAltDatabase.Open(db))
        {
            await database.Consents.RecordAsync("acme", new ConsentToStore("cns-1", "CUS-T1", "APP-T1", t0, t0.AddDays(60), null, null, null, "{}"), t0, TestContext.Current.CancellationToken);
            await database.Consents.StoreTransactionsAsync("acme", new TransactionSetToStore("txs-1", "cns-1", "D-1", "APP-T1", "fdx", Encoding.UTF8.GetBytes("{}"), t0, t0.AddDays(30)), TestContext.Current.CancellationToken);
        }

        var (early, earlyOut, _) = CliRunner.RunCapturingOut("consents", "purge", "--db", db, "--now", "2026-07-30T23:59:59Z");
        var (code, output, error) = CliRunner.RunCapturingOut("consents", "purge", "--db", db, "--now", "2026-07-31T00:00:00Z");

        Assert.Equal((0, 0, ""), (early, code, error));
        Assert.Contains("Deleted the raw transactions of 0 set(s)", earlyOut, StringComparison.Ordinal);
        Assert.Contains("Deleted the raw transactions of 1 set(s) (retention ended or consent revoked, as of 2026-07-31T00:00:00Z)", output, StringComparison.Ordinal);
        await using var check = CreditAltDatabase.Open(db);
        var set = Assert.Single(await check.Consents.ForDecisionAsync("D-1", TestContext.Current.CancellationToken));
        Assert.Equal(((byte[]?)null, ConsentStore.DeletedByRetention), (set.Body, set.DeletedBecause));
    }
}
