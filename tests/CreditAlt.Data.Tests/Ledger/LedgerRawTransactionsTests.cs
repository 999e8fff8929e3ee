using System.Text;
using CreditAlt.Data.Connections;
using CreditAlt.Data.Consents;
using CreditAlt.Data.Ledger;

namespace CreditAlt.Data.Tests.Ledger;

public sealed class SqliteLedgerRawTransactionsTests : LedgerRawTransactionsTests<SqliteProvider>;

public sealed class PostgresLedgerRawTransactionsTests : LedgerRawTransactionsTests<PostgresProvider>;

public sealed class SqlServerLedgerRawTransactionsTests : LedgerRawTransactionsTests<SqlServerProvider>;

/// <summary>
/// The raw bank transactions stored in the decision's own transaction (DecisionToRecord.RawTransactions): both or
/// neither, whichever statement fails.
/// </summary>
public abstract class LedgerRawTransactionsTests<TProvider> : StorageTestBase<TProvider>
    where TProvider : EngineProvider, new()
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"accounts\":[{\"accountId\":\"A1\"}],\"transactions\":[]}");

    private static DecisionToRecord WithSet(string decisionId, string setId = "txs-1", string? idempotencyKey = null, string? requestHash = null) =>
        TestData.Decision(decisionId, idempotencyKey: idempotencyKey, requestHash: requestHash) with
        {
            RawTransactions = new TransactionSetToStore(setId, "cns-1", decisionId, "APP-1", "fdx", Body, TestData.T0, TestData.T0.AddDays(90)),
        };

    private async Task<(long Decisions, long Sets)> CountsAsync(CreditAltDatabase db) =>
        (await db.Ledger.CountAsync(Ct), await ScalarAsync<long>(db, "SELECT COUNT(*) FROM transaction_sets"));

    [Fact]
    public async Task AppendAsync_WithRawTransactions_BothStoredBodyInflatedAndHashed()
    {
        var db = await NewDatabaseAsync();

        var result = await db.Ledger.AppendAsync(WithSet("D-1"), Ct);

        Assert.Equal(AppendStatus.Recorded, result.Status);
        var stored = Assert.Single(await db.Consents.ForDecisionAsync("D-1", Ct));
        Assert.Equal(
            new StoredTransactionSet("txs-1", "LENDER-A", "cns-1", "D-1", "APP-1", "fdx", TestData.Sha256Hex(Body), stored.Body,
                TestData.T0, TestData.T0.AddDays(90), null, null),
            stored);
        Assert.Equal(Body, stored.Body);
    }

    [Fact]
    public async Task AppendAsync_SetInsertFails_DecisionNotStoredEither()
    {
        var db = await NewDatabaseAsync();
        await db.Ledger.AppendAsync(WithSet("D-1"), Ct);
        // The set is inserted after the decision: with its table gone, that insert fails and the decision's transaction rolls back.
        await ExecAsync(db, "ALTER TABLE transaction_sets RENAME TO transaction_sets_away");

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => db.Ledger.AppendAsync(WithSet("D-2", "txs-2"), Ct));

        await ExecAsync(db, "ALTER TABLE transaction_sets_away RENAME TO transaction_sets");
        Assert.Null(await db.Ledger.GetAsync("D-2", Ct));
        Assert.Equal((1L, 1L), await CountsAsync(db));
        var v = await db.Ledger.VerifyAsync(Ct);
        Assert.Equal((true, 1L, 1L), (v.Intact, v.RowsChecked, v.HeadSequence));
    }

    [Fact]
    public async Task AppendAsync_FailureAfterSetInserted_SetNotStoredEither()
    {
        var db = await NewDatabaseAsync();
        await db.Ledger.AppendAsync(WithSet("D-1"), Ct);
        // Moving the head is the last statement before the commit: failing it leaves both inserts uncommitted.
        foreach (var sql in FailHeadMove(Provider.Engine))
            await ExecAsync(db, sql);

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => db.Ledger.AppendAsync(WithSet("D-2", "txs-2"), Ct));

        Assert.Empty(await db.Consents.ForDecisionAsync("D-2", Ct));
        Assert.Null(await db.Ledger.GetAsync("D-2", Ct));
        Assert.Equal((1L, 1L), await CountsAsync(db));
    }

    [Fact]
    public async Task AppendAsync_ReplayAndConflicts_NoSecondSetStored()
    {
        var db = await NewDatabaseAsync();
        await db.Ledger.AppendAsync(WithSet("D-1", "txs-1", "K", "H1"), Ct);

        var results = await Task.WhenAll(
            db.Ledger.AppendAsync(WithSet("D-2", "txs-2", "K", "H1"), Ct),
            db.Ledger.AppendAsync(WithSet("D-3", "txs-3", "K", "H2"), Ct),
            db.Ledger.AppendAsync(WithSet("D-1", "txs-4", "K", "H1"), Ct));

        Assert.Equal([AppendStatus.Replayed, AppendStatus.IdempotencyConflict, AppendStatus.Recorded], results.Select(r => r.Status));
        Assert.Equal(["txs-1"], await QueryAsync<string>(db, "SELECT set_id FROM transaction_sets"));
    }

    [Fact]
    public async Task AppendAsync_ConsentRevokedBefore_RowKeptWithoutBody()
    {
        var db = await NewDatabaseAsync();
        await db.Consents.RecordAsync("LENDER-A", new ConsentToStore("cns-1", "CUS-1", "APP-1", TestData.T0.AddDays(-1), TestData.T0.AddDays(30),
            TestData.T0.AddMinutes(-5), "applicant", null, "{}"), TestData.T0, Ct);
        Clock.Now = TestData.T0.AddSeconds(1);

        await db.Ledger.AppendAsync(WithSet("D-1"), Ct);

        var stored = Assert.Single(await db.Consents.ForDecisionAsync("D-1", Ct));
        Assert.Equal((null, TestData.T0.AddSeconds(1), ConsentStore.DeletedOnRevocation, TestData.Sha256Hex(Body)),
            (stored.Body, stored.DeletedAt, stored.DeletedBecause, stored.BodySha256));
    }

    [Fact]
    public async Task AppendAsync_SetOfAnotherDecision_Refused()
    {
        var db = await NewDatabaseAsync();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => db.Ledger.AppendAsync(
            WithSet("D-1") with { RawTransactions = WithSet("D-2").RawTransactions }, Ct));

        Assert.Contains("RawTransactions must belong to decision 'D-1'", ex.Message, StringComparison.Ordinal);
        Assert.Equal((0L, 0L), await CountsAsync(db));
    }

    private static string[] FailHeadMove(DatabaseEngine engine) => engine switch
    {
        DatabaseEngine.Sqlite =>
            ["CREATE TRIGGER fail_head BEFORE UPDATE ON ledger_head WHEN NEW.seq <> OLD.seq BEGIN SELECT RAISE(ABORT, 'injected failure'); END"],
        DatabaseEngine.Postgres =>
        [
            "CREATE FUNCTION fail_head() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$",
            "CREATE TRIGGER fail_head BEFORE UPDATE ON ledger_head FOR EACH ROW WHEN (NEW.seq <> OLD.seq) EXECUTE FUNCTION fail_head()",
        ],
        _ => ["CREATE TRIGGER fail_head ON ledger_head AFTER UPDATE AS IF EXISTS (SELECT 1 FROM inserted i JOIN deleted d ON i.id = d.id WHERE i.seq <> d.seq) THROW 50000, 'injected failure', 1;"],
    };
}
