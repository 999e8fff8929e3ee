using System.Globalization;
using CreditAlt.Data.Ledger;
using CreditAlt.Data.Lifecycle;
using CreditAlt.Data.Migrations;

namespace CreditAlt.Data.Tests.Lifecycle;

public sealed class SqliteLifecycleStoreTests : LifecycleStoreTests<SqliteProvider>;

public sealed class PostgresLifecycleStoreTests : LifecycleStoreTests<PostgresProvider>;

public sealed class SqlServerLifecycleStoreTests : LifecycleStoreTests<SqlServerProvider>;

/// <summary>The lifecycle events' chain: appends, the caller's rule inside the transaction, queries, and tamper detection.</summary>
public abstract class LifecycleStoreTests<TProvider> : StorageTestBase<TProvider>
    where TProvider : EngineProvider, new()
{
    private static NewLifecycleEvent Final(string id, string decisionId, string? supersedes = null) =>
        new(id, LifecycleKinds.FinalAction, decisionId, supersedes, null, $"{{\"action\":\"decline\",\"id\":\"{id}\"}}");

    [Fact]
    public async Task AppendAsync_FirstEvent_HashIsSha256OfDocumentedNetstrings()
    {
        var db = await NewDatabaseAsync();
        await db.Ledger.AppendAsync(TestData.Decision("D-1"), Ct);
        var decisionHash = (await db.Ledger.GetAsync("D-1", Ct))!.Hash;
        Clock.Now = TestData.T0.AddMinutes(5);

        var r = await db.Lifecycle.AppendAsync(new NewLifecycleEvent("fa_1", LifecycleKinds.FinalAction, "D-1", null, TestData.D("2026-04-01"), "{\"a\":1}"), ct: Ct);

        Assert.Equal(LifecycleAppendStatus.Recorded, r.Status);
        var e = r.Event!;
        Assert.Equal((1L, "LENDER-A", decisionHash, Schema.GenesisHash), (e.Seq, e.LenderId, e.DecisionHash, e.PrevHash));
        var expected = TestData.Sha256Hex(LedgerHash.Encode(
            "creditalt-lifecycle-v1", "1", "fa_1", "final_action", "D-1", "LENDER-A", null, decisionHash, "2026-04-01",
            "2026-03-01T09:35:15.1230000Z", "{\"a\":1}", Schema.GenesisHash));
        Assert.Equal(expected, e.Hash);
        Assert.Equal(e, await db.Lifecycle.GetAsync("fa_1", Ct));
    }

    [Fact]
    public async Task AppendAsync_UnknownDecision_NotFound()
    {
        var db = await NewDatabaseAsync();
        var r = await db.Lifecycle.AppendAsync(Final("fa_1", "NOPE"), ct: Ct);
        Assert.Equal(LifecycleAppendStatus.DecisionNotFound, r.Status);
        Assert.True((await db.Lifecycle.VerifyAsync(Ct)).Intact);
    }

    [Fact]
    public async Task AppendAsync_CheckRefuses_NothingStoredAndCheckSawEarlierEvents()
    {
        var db = await NewDatabaseAsync();
        await db.Ledger.AppendAsync(TestData.Decision("D-1"), Ct);
        await db.Lifecycle.AppendAsync(Final("fa_1", "D-1"), ct: Ct);
        IReadOnlyList<LifecycleEvent>? seen = null;

        var r = await db.Lifecycle.AppendAsync(Final("fa_2", "D-1"), prior => { seen = prior; return "already has one"; }, Ct);

        Assert.Equal((LifecycleAppendStatus.Refused, "already has one"), (r.Status, r.Reason));
        Assert.Equal(["fa_1"], seen!.Select(e => e.EventId));
        Assert.Null(await db.Lifecycle.GetAsync("fa_2", Ct));
    }

    [Fact]
    public async Task AppendAsync_SameEventIdTwice_StoredOnce()
    {
        var db = await NewDatabaseAsync();
        await db.Ledger.AppendAsync(TestData.Decision("D-1"), Ct);
        var first = await db.Lifecycle.AppendAsync(Final("fa_1", "D-1"), ct: Ct);
        var again = await db.Lifecycle.AppendAsync(Final("fa_1", "D-1"), ct: Ct);
        Assert.Equal(first.Event, again.Event);
        Assert.Equal(1L, (await db.Lifecycle.VerifyAsync(Ct)).RowsChecked);
    }

    [Fact]
    public async Task AppendAsync_TwentyConcurrentFinalActionsWithARule_OneWinsChainUnbroken()
    {
        var db = await NewDatabaseAsync();
        await db.Ledger.AppendAsync(TestData.Decision("D-1"), Ct);
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            db.Lifecycle.AppendAsync(Final($"fa_{i}", "D-1"), prior => prior.Count > 0 ? "taken" : null, Ct)));
        Assert.Single(results, r => r.Status == LifecycleAppendStatus.Recorded);
        var v = await db.Lifecycle.VerifyAsync(Ct);
        Assert.True(v.Intact);
        Assert.Equal(1L, v.RowsChecked);
    }

    [Fact]
    public async Task PendingReferralsAsync_ReferralsWithoutFinalActionOlderThanCutoff_NewestFirstPerLender()
    {
        var db = await NewDatabaseAsync();
        await db.Ledger.AppendAsync(TestData.Decision("R-1", decision: "refer", at: TestData.T0), Ct);
        await db.Ledger.AppendAsync(TestData.Decision("R-2", decision: "refer", at: TestData.T0.AddDays(1)), Ct);
        await db.Ledger.AppendAsync(TestData.Decision("R-3", decision: "refer", at: TestData.T0.AddDays(2)), Ct);
        await db.Ledger.AppendAsync(TestData.Decision("R-B", lender: "LENDER-B", decision: "refer", at: TestData.T0), Ct);
        await db.Ledger.AppendAsync(TestData.Decision("A-1", decision: "approve", at: TestData.T0), Ct);
        await db.Lifecycle.AppendAsync(Final("fa_1", "R-2"), ct: Ct);

        var beforeDay3 = await db.Lifecycle.PendingReferralsAsync("LENDER-A", TestData.T0.AddDays(2), ct: Ct);
        var all = await db.Lifecycle.PendingReferralsAsync(null, TestData.T0.AddDays(30), ct: Ct);
        var paged = await db.Lifecycle.PendingReferralsAsync(null, TestData.T0.AddDays(30), limit: 1, offset: 1, ct: Ct);

        Assert.Equal(["R-1"], beforeDay3.Select(p => p.DecisionId));
        Assert.Equal(["R-B", "R-3", "R-1"], all.Select(p => p.DecisionId));
        Assert.Equal(["R-3"], paged.Select(p => p.DecisionId));
        Assert.Equal((612, TestData.T0), (all[2].Score, all[2].RecordedAt));
    }

    [Fact]
    public async Task ListAsync_UnresolvedDisputes_LeavesOutResolvedOnes()
    {
        var db = await NewDatabaseAsync();
        await db.Ledger.AppendAsync(TestData.Decision("D-1"), Ct);
        foreach (var id in new[] { "dsp_1", "dsp_2" })
            await db.Lifecycle.AppendAsync(new NewLifecycleEvent(id, LifecycleKinds.Dispute, "D-1", null, TestData.D("2026-03-31"), "{}"), ct: Ct);
        await db.Lifecycle.AppendAsync(new NewLifecycleEvent("res_1", LifecycleKinds.DisputeResolution, "D-1", "dsp_1", null, "{}"), ct: Ct);

        var open = await db.Lifecycle.ListAsync(LifecycleKinds.Dispute, "LENDER-A", unresolvedOnly: true, ct: Ct);
        var other = await db.Lifecycle.ListAsync(LifecycleKinds.Dispute, "LENDER-B", ct: Ct);

        Assert.Equal(["dsp_2"], open.Select(e => e.EventId));
        Assert.Equal(TestData.D("2026-03-31"), open[0].DueDate);
        Assert.Empty(other);
    }

    [Fact]
    public async Task UpdateOrDelete_OnLifecycleEvents_RejectedByAppendOnlyTrigger()
    {
        var db = await NewDatabaseAsync();
        await db.Ledger.AppendAsync(TestData.Decision("D-1"), Ct);
        await db.Lifecycle.AppendAsync(Final("fa_1", "D-1"), ct: Ct);
        await Assert.ThrowsAnyAsync<Exception>(() => ExecAsync(db, "UPDATE lifecycle_events SET body = '{}'"));
        await Assert.ThrowsAnyAsync<Exception>(() => ExecAsync(db, "DELETE FROM lifecycle_events"));
    }

    [Fact]
    public async Task VerifyAsync_BodyChanged_NamesChangedEvent()
    {
        var db = await TamperableAsync();
        await ExecAsync(db, "UPDATE lifecycle_events SET body = '{\"action\":\"approve\"}' WHERE seq = 2");
        var v = await db.Lifecycle.VerifyAsync(Ct);
        Assert.Equal((TamperKind.Changed, 2L, 1L), (v.Problem!.Kind, v.Problem.Sequence, v.RowsChecked));
        Assert.Contains("final_action fa_2 on decision D-2", v.Problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_MiddleEventDeleted_NamesDeletedEvent()
    {
        var db = await TamperableAsync();
        await ExecAsync(db, "DELETE FROM lifecycle_events WHERE seq = 2");
        var v = await db.Lifecycle.VerifyAsync(Ct);
        Assert.Equal((TamperKind.Deleted, 2L), (v.Problem!.Kind, v.Problem.Sequence));
    }

    [Fact]
    public async Task VerifyAsync_LastEventDeleted_HeadNamesIt()
    {
        var db = await TamperableAsync();
        await ExecAsync(db, "DELETE FROM lifecycle_events WHERE seq = 3");
        var v = await db.Lifecycle.VerifyAsync(Ct);
        Assert.Equal((TamperKind.Deleted, 3L, 2L), (v.Problem!.Kind, v.Problem.Sequence, v.RowsChecked));
    }

    [Fact]
    public async Task VerifyAsync_EventMovedToAnotherDecision_NamesChangedEvent()
    {
        var db = await TamperableAsync();
        // Re-hashed by someone who knows the algorithm, but the decision hash it carries is D-1's, not D-3's.
        var e = (await db.Lifecycle.GetAsync("fa_1", Ct))!;
        var forged = TestData.Sha256Hex(LedgerHash.Encode("creditalt-lifecycle-v1", "1", "fa_1", "final_action", "D-3", e.LenderId, null, e.DecisionHash, null,
            e.RecordedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture), e.Body, e.PrevHash));
        await ExecAsync(db, "UPDATE lifecycle_events SET decision_id = 'D-3', hash = @forged WHERE seq = 1", new { forged });
        var v = await db.Lifecycle.VerifyAsync(Ct);
        Assert.Equal((TamperKind.Changed, 1L), (v.Problem!.Kind, v.Problem.Sequence));
        Assert.Contains("the decision's row now hashes to", v.Problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_ForgedEventAppendedAfterHead_NamesInsertedEvent()
    {
        var db = await TamperableAsync();
        await ExecAsync(db, "INSERT INTO lifecycle_events (seq, event_id, kind, decision_id, lender_id, related_id, decision_hash, due_date, recorded_at, body, prev_hash, hash) " +
                            "SELECT 4, 'fa_x', kind, decision_id, lender_id, related_id, decision_hash, due_date, recorded_at, body, hash, 'x' FROM lifecycle_events WHERE seq = 3");
        var v = await db.Lifecycle.VerifyAsync(Ct);
        Assert.Equal((TamperKind.Inserted, 4L, 3L), (v.Problem!.Kind, v.Problem.Sequence, v.RowsChecked));
    }

    /// <summary>Three decisions with a final action each, and the append-only triggers dropped as an attacker could.</summary>
    private async Task<CreditAltDatabase> TamperableAsync()
    {
        var db = await NewDatabaseAsync();
        for (var i = 1; i <= 3; i++)
        {
            await db.Ledger.AppendAsync(TestData.Decision($"D-{i}", applicationId: $"APP-{i}"), Ct);
            Clock.Now = TestData.T0.AddSeconds(i);
            await db.Lifecycle.AppendAsync(Final($"fa_{i}", $"D-{i}"), ct: Ct);
        }
        Assert.True((await db.Lifecycle.VerifyAsync(Ct)).Intact);
        foreach (var sql in db.Dialect.DropAppendOnly("lifecycle_events"))
            await ExecAsync(db, sql);
        return db;
    }
}
