using System.Text;
using CreditAlt.Data.Consents;

namespace CreditAlt.Data.Tests.Consents;

public sealed class SqliteConsentStoreTests : ConsentStoreTests<SqliteProvider>;

public sealed class PostgresConsentStoreTests : ConsentStoreTests<PostgresProvider>;

public sealed class SqlServerConsentStoreTests : ConsentStoreTests<SqlServerProvider>;

/// <summary>Consents and raw transaction sets: storing, conflicts, revocation deleting raw bodies, and the retention sweep.</summary>
public abstract class ConsentStoreTests<TProvider> : StorageTestBase<TProvider>
    where TProvider : EngineProvider, new()
{
    private static readonly DateTimeOffset Granted = TestData.T0.AddDays(-1);

    private static ConsentToStore Consent(string id = "cns-1", string json = "{\"consentId\":\"cns-1\"}") =>
        new(id, "CUS-1", "APP-1", Granted, Granted.AddDays(90), null, null, null, json);

    private static TransactionSetToStore Set(string setId, string decisionId, string consentId = "cns-1", int days = 90) =>
        new(setId, consentId, decisionId, "APP-1", "fdx", Encoding.UTF8.GetBytes($"{{\"accounts\":[],\"transactions\":[],\"set\":\"{setId}\"}}"),
            TestData.T0, TestData.T0.AddDays(days));

    [Fact]
    public async Task RecordAsync_New_StoredAndReadBack_SameAgain_Stored_Different_Conflict()
    {
        var db = await NewDatabaseAsync();

        var first = await db.Consents.RecordAsync("LENDER-A", Consent(), TestData.T0, Ct);
        var again = await db.Consents.RecordAsync("LENDER-A", Consent(), TestData.T0.AddMinutes(1), Ct);
        var other = await db.Consents.RecordAsync("LENDER-A", Consent(json: "{\"consentId\":\"cns-1\",\"x\":1}"), TestData.T0, Ct);

        Assert.Equal(ConsentStoreStatus.Stored, first.Status);
        Assert.Equal(new StoredConsent("LENDER-A", "cns-1", "CUS-1", "APP-1", Granted, Granted.AddDays(90), null, null, null, "{\"consentId\":\"cns-1\"}", TestData.T0), first.Consent);
        Assert.Equal((ConsentStoreStatus.Stored, first.Consent), (again.Status, again.Consent));
        Assert.Equal((ConsentStoreStatus.Conflict, first.Consent), (other.Status, other.Consent));
    }

    [Fact]
    public async Task GetAsync_OtherLendersConsent_NotFound()
    {
        var db = await NewDatabaseAsync();
        await db.Consents.RecordAsync("LENDER-A", Consent(), TestData.T0, Ct);

        Assert.Null(await db.Consents.GetAsync("LENDER-B", "cns-1", Ct));
        Assert.Equal(RevokeStatus.NotFound, (await db.Consents.RevokeAsync("LENDER-B", "cns-1", TestData.T0, "applicant", null, Ct)).Status);
        Assert.Null((await db.Consents.GetAsync("LENDER-A", "cns-1", Ct))!.RevokedAt);
    }

    [Fact]
    public async Task StoreTransactionsAsync_ReadBack_BodyInflatedAndHashed()
    {
        var db = await NewDatabaseAsync();
        var set = Set("txs-1", "D-1");

        await db.Consents.StoreTransactionsAsync("LENDER-A", set, Ct);

        var stored = Assert.Single(await db.Consents.ForDecisionAsync("D-1", Ct));
        Assert.Equal(set.Body.ToArray(), stored.Body);
        Assert.Equal(TestData.Sha256Hex(set.Body.ToArray()), stored.BodySha256);
        Assert.Equal(("txs-1", "LENDER-A", "cns-1", "APP-1", "fdx", TestData.T0, TestData.T0.AddDays(90), (DateTimeOffset?)null, (string?)null),
            (stored.SetId, stored.LenderId, stored.ConsentId, stored.ApplicationId, stored.Format, stored.ReceivedAt, stored.DeleteAfter, stored.DeletedAt, stored.DeletedBecause));
    }

    [Fact]
    public async Task RevokeAsync_DeletesEveryRawBodyOfTheConsentOnly_KeepsRows()
    {
        var db = await NewDatabaseAsync();
        await db.Consents.RecordAsync("LENDER-A", Consent(), TestData.T0, Ct);
        await db.Consents.RecordAsync("LENDER-A", Consent("cns-2", "{\"consentId\":\"cns-2\"}"), TestData.T0, Ct);
        await db.Consents.StoreTransactionsAsync("LENDER-A", Set("txs-1", "D-1"), Ct);
        await db.Consents.StoreTransactionsAsync("LENDER-A", Set("txs-2", "D-2"), Ct);
        await db.Consents.StoreTransactionsAsync("LENDER-A", Set("txs-3", "D-3", "cns-2"), Ct);
        var at = TestData.T0.AddHours(2);

        var r = await db.Consents.RevokeAsync("LENDER-A", "cns-1", at, "applicant", "no longer applying", Ct);
        var twice = await db.Consents.RevokeAsync("LENDER-A", "cns-1", at.AddHours(1), "lender", null, Ct);

        Assert.Equal((RevokeStatus.Revoked, 2), (r.Status, r.RawSetsDeleted));
        Assert.Equal((at, "applicant", "no longer applying"), (r.Consent!.RevokedAt!.Value, r.Consent.RevokedBy!, r.Consent.RevocationReason!));
        Assert.Equal((RevokeStatus.AlreadyRevoked, 0, at), (twice.Status, twice.RawSetsDeleted, twice.Consent!.RevokedAt!.Value));
        var sets = await db.Consents.ForConsentAsync("LENDER-A", "cns-1", Ct);
        Assert.Equal(2, sets.Count);
        Assert.All(sets, s => Assert.Equal(((byte[]?)null, (DateTimeOffset?)at, ConsentStore.DeletedOnRevocation), (s.Body, s.DeletedAt, s.DeletedBecause)));
        Assert.NotNull(Assert.Single(await db.Consents.ForDecisionAsync("D-3", Ct)).Body);
    }

    [Fact]
    public async Task StoreTransactionsAsync_ConsentAlreadyRevoked_StoresNothing()
    {
        var db = await NewDatabaseAsync();
        await db.Consents.RecordAsync("LENDER-A", Consent(), TestData.T0, Ct);
        await db.Consents.RevokeAsync("LENDER-A", "cns-1", TestData.T0, "applicant", null, Ct);

        Assert.False(await db.Consents.StoreTransactionsAsync("LENDER-A", Set("txs-1", "D-1"), Ct));
        Assert.True(await db.Consents.StoreTransactionsAsync("LENDER-B", Set("txs-2", "D-2"), Ct)); // another lender's id space
        Assert.Empty(await db.Consents.ForDecisionAsync("D-1", Ct));
    }

    [Fact]
    public async Task RecordAsync_SameRecordNowRevoked_AppliesTheRevocationAndDeletesRaw()
    {
        var db = await NewDatabaseAsync();
        await db.Consents.RecordAsync("LENDER-A", Consent(), TestData.T0, Ct);
        await db.Consents.StoreTransactionsAsync("LENDER-A", Set("txs-1", "D-1"), Ct);
        var at = TestData.T0.AddHours(1);

        var r = await db.Consents.RecordAsync("LENDER-A", Consent() with { RevokedAt = at, RevokedBy = "data_provider" }, TestData.T0.AddHours(2), Ct);

        Assert.Equal((ConsentStoreStatus.Stored, at, "data_provider"), (r.Status, r.Consent.RevokedAt!.Value, r.Consent.RevokedBy!));
        Assert.Null(Assert.Single(await db.Consents.ForDecisionAsync("D-1", Ct)).Body);
    }

    [Fact]
    public async Task PurgeAsync_DeletesBodiesWhoseRetentionEnded_AtTheInstantNotBefore()
    {
        var db = await NewDatabaseAsync();
        await db.Consents.RecordAsync("LENDER-A", Consent(), TestData.T0, Ct);
        await db.Consents.StoreTransactionsAsync("LENDER-A", Set("txs-1", "D-1", days: 30), Ct);
        await db.Consents.StoreTransactionsAsync("LENDER-A", Set("txs-2", "D-2", days: 90), Ct);

        var early = await db.Consents.PurgeAsync(TestData.T0.AddDays(30).AddTicks(-10), Ct);
        var at30 = await db.Consents.PurgeAsync(TestData.T0.AddDays(30), Ct);
        var again = await db.Consents.PurgeAsync(TestData.T0.AddDays(31), Ct);

        Assert.Equal((0, 1, 0), (early, at30, again));
        var first = Assert.Single(await db.Consents.ForDecisionAsync("D-1", Ct));
        Assert.Equal(((byte[]?)null, (DateTimeOffset?)TestData.T0.AddDays(30), ConsentStore.DeletedByRetention), (first.Body, first.DeletedAt, first.DeletedBecause));
        Assert.NotNull(Assert.Single(await db.Consents.ForDecisionAsync("D-2", Ct)).Body);
    }
}
