using CreditAlt.Data.Ledger;
using CreditAlt.Data.Security;

namespace CreditAlt.Data.Tests.Ledger;

public sealed class SqliteLedgerAccessTokenTests : LedgerAccessTokenTests<SqliteProvider>;

public sealed class PostgresLedgerAccessTokenTests : LedgerAccessTokenTests<PostgresProvider>;

public sealed class SqlServerLedgerAccessTokenTests : LedgerAccessTokenTests<SqlServerProvider>;

/// <summary>The applicant's token stored in the decision's own transaction (DecisionToRecord.AccessToken).</summary>
public abstract class LedgerAccessTokenTests<TProvider> : StorageTestBase<TProvider>
    where TProvider : EngineProvider, new()
{
    [Fact]
    public async Task AppendAsync_RecordedWithAccessToken_TokenStoredAsHashAndOpensTheDecision()
    {
        var db = await NewDatabaseAsync();
        var secret = AccessTokenStore.NewSecret();
        Clock.Now = TestData.T0.AddSeconds(5);

        var result = await db.Ledger.AppendAsync(TestData.Decision("D-1") with { AccessToken = AccessToken.FromSecret(secret, TestData.T0.AddDays(90)) }, Ct);

        Assert.Equal((AppendStatus.Recorded, 1L), (result.Status, result.Sequence!.Value));
        Assert.Equal(
            [(SecretHash.Hash(secret), "D-1", "2026-03-01T09:30:20.1230000Z", "2026-05-30T09:30:15.1230000Z")],
            await QueryAsync<(string, string, string, string)>(db, "SELECT token_hash, decision_id, created_at, expires_at FROM applicant_tokens"));
        Assert.Equal((true, false), (await db.AccessTokens.OpensAsync("D-1", secret, Ct), await db.AccessTokens.OpensAsync("D-2", secret, Ct)));
    }

    [Fact]
    public async Task AppendAsync_ReplayAndConflictsWithAccessTokens_NoTokenStored()
    {
        var db = await NewDatabaseAsync();
        var first = AccessTokenStore.NewSecret();
        await db.Ledger.AppendAsync(TestData.Decision("D-1", idempotencyKey: "K", requestHash: "H1") with { AccessToken = AccessToken.FromSecret(first) }, Ct);
        var replay = AccessTokenStore.NewSecret();
        var keyConflict = AccessTokenStore.NewSecret();
        var idConflict = AccessTokenStore.NewSecret();

        var results = await Task.WhenAll(
            db.Ledger.AppendAsync(TestData.Decision("D-2", idempotencyKey: "K", requestHash: "H1") with { AccessToken = AccessToken.FromSecret(replay) }, Ct),
            db.Ledger.AppendAsync(TestData.Decision("D-3", idempotencyKey: "K", requestHash: "H2") with { AccessToken = AccessToken.FromSecret(keyConflict) }, Ct),
            db.Ledger.AppendAsync(TestData.Decision("D-1", requestHash: "other") with { AccessToken = AccessToken.FromSecret(idConflict) }, Ct));

        Assert.Equal([AppendStatus.Replayed, AppendStatus.IdempotencyConflict, AppendStatus.DecisionIdConflict], results.Select(r => r.Status));
        Assert.Equal([SecretHash.Hash(first)], await QueryAsync<string>(db, "SELECT token_hash FROM applicant_tokens"));
        Assert.False(await db.AccessTokens.OpensAsync("D-1", replay, Ct));
    }

    [Fact]
    public async Task AppendAsync_RetryOfStoredDecisionWithNewToken_RecordedAndNewTokenStoredOnce()
    {
        var db = await NewDatabaseAsync();
        var first = AccessTokenStore.NewSecret();
        var retry = AccessTokenStore.NewSecret();
        var original = TestData.Decision("D-1", idempotencyKey: "K", requestHash: "H1");
        var stored = await db.Ledger.AppendAsync(original with { AccessToken = AccessToken.FromSecret(first) }, Ct);

        // A retry after a lost acknowledgement answers Recorded, so the token it carries must open too.
        var again = await db.Ledger.AppendAsync(original with { AccessToken = AccessToken.FromSecret(retry) }, Ct);
        var sameTokenAgain = await db.Ledger.AppendAsync(original with { AccessToken = AccessToken.FromSecret(retry) }, Ct);

        Assert.Equal([stored, stored], new[] { again, sameTokenAgain });
        Assert.Equal(new[] { SecretHash.Hash(first), SecretHash.Hash(retry) }.Order(StringComparer.Ordinal),
            (await QueryAsync<string>(db, "SELECT token_hash FROM applicant_tokens WHERE decision_id = 'D-1'")).Order(StringComparer.Ordinal));
        Assert.True(await db.AccessTokens.OpensAsync("D-1", retry, Ct));
        Assert.Equal(1L, await db.Ledger.CountAsync(Ct));
    }

    [Fact]
    public async Task AppendAsync_TokenInsertFails_DecisionNotStoredEither()
    {
        var db = await NewDatabaseAsync();
        await db.Ledger.AppendAsync(TestData.Decision("D-1") with { AccessToken = AccessToken.FromSecret(AccessTokenStore.NewSecret()) }, Ct);
        // With the token table gone the token's insert fails: the decision's transaction must roll back with it.
        await ExecAsync(db, "ALTER TABLE applicant_tokens RENAME TO applicant_tokens_away");

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() =>
            db.Ledger.AppendAsync(TestData.Decision("D-2") with { AccessToken = AccessToken.FromSecret(AccessTokenStore.NewSecret()) }, Ct));

        Assert.Null(await db.Ledger.GetAsync("D-2", Ct));
        var v = await db.Ledger.VerifyAsync(Ct);
        Assert.Equal((true, 1L, 1L), (v.Intact, v.RowsChecked, v.HeadSequence));
        await ExecAsync(db, "ALTER TABLE applicant_tokens_away RENAME TO applicant_tokens");
        Assert.Equal(2L, (await db.Ledger.AppendAsync(TestData.Decision("D-3"), Ct)).Sequence);
    }

    [Fact]
    public async Task OpensAsync_TokenOfAnotherDecision_DoesNotOpen()
    {
        var db = await NewDatabaseAsync();
        var first = AccessTokenStore.NewSecret();
        var second = AccessTokenStore.NewSecret();
        await db.Ledger.AppendAsync(TestData.Decision("D-1") with { AccessToken = AccessToken.FromSecret(first) }, Ct);
        await db.Ledger.AppendAsync(TestData.Decision("D-2") with { AccessToken = AccessToken.FromSecret(second) }, Ct);

        Assert.Equal((true, false, false, true), (
            await db.AccessTokens.OpensAsync("D-1", first, Ct), await db.AccessTokens.OpensAsync("D-1", second, Ct),
            await db.AccessTokens.OpensAsync("D-2", first, Ct), await db.AccessTokens.OpensAsync("D-2", second, Ct)));
    }

    [Fact]
    public async Task AppendAsync_300ConcurrentWritersWithTokens_OneTokenPerDecisionEachOpening()
    {
        var db = await NewDatabaseAsync();
        var secrets = Enumerable.Range(1, 300).Select(_ => AccessTokenStore.NewSecret()).ToArray();

        await Task.WhenAll(Enumerable.Range(1, 300).Select(i => Task.Run(() =>
            db.Ledger.AppendAsync(TestData.Decision($"D-{i}") with { AccessToken = AccessToken.FromSecret(secrets[i - 1]) }, Ct))));

        var stored = (await QueryAsync<(string Hash, string DecisionId)>(db, "SELECT token_hash, decision_id FROM applicant_tokens")).ToHashSet();
        Assert.Equal(Enumerable.Range(1, 300).Select(i => (SecretHash.Hash(secrets[i - 1]), $"D-{i}")).ToHashSet(), stored);
        Assert.True((await db.Ledger.VerifyAsync(Ct)).Intact);
    }
}
