using CreditAlt.Data.Connections;

namespace CreditAlt.Data.Ledger;

/// <summary>A batch written: each record's answer, and a task that completes when the commit is durable.</summary>
internal readonly record struct WrittenBatch(AppendResult[] Results, Task Durable);

/// <summary>
/// Writes one group-commit batch in one transaction: lock the head, find what is already stored, plan
/// (<see cref="LedgerBatch.Plan"/>), insert, move the head, commit. Subclasses do the reading and writing for
/// their engine; the order and the rules live here. Only the ledger's writer loop calls it, one batch at a time;
/// <see cref="WriteAsync"/> returns as soon as the next batch may start, which for some engines is before this
/// one is durable (<see cref="WrittenBatch.Durable"/>): the next batch's work overlaps this one's flush to disk.
/// </summary>
internal abstract class LedgerWriter : IAsyncDisposable
{
    protected LedgerWriter(CreditAltDatabase db) => Db = db;

    protected CreditAltDatabase Db { get; }

    public static LedgerWriter For(CreditAltDatabase db) => db.Dialect.Engine switch
    {
        DatabaseEngine.Sqlite => new SqliteLedgerWriter(db),
        DatabaseEngine.Postgres => new PostgresLedgerWriter(db),
        _ => new DapperLedgerWriter(db),
    };

    public async Task<WrittenBatch> WriteAsync(IReadOnlyList<PendingAppend> batch, CancellationToken ct)
    {
        try
        {
            var ids = batch.Select(p => p.Record.DecisionId).Distinct(StringComparer.Ordinal).ToList();
            var keys = batch.Where(p => p.Record.IdempotencyKey is not null)
                .Select(p => (p.Record.LenderId, p.Record.IdempotencyKey!)).Distinct().ToList();
            // Everything is read after the head is locked, so no other process can add a row in between.
            var plan = LedgerBatch.Plan(batch, await BeginAsync(ids, keys, ct).ConfigureAwait(false));
            if (plan.RetriedTokens.Count > 0)
                plan.AddMissingTokens(await FindTokensAsync(plan.RetriedTokens.Select(t => (t.DecisionId, t.Token.TokenHash)).Distinct().ToList(), ct).ConfigureAwait(false));
            var durable = await InsertAndCommitAsync(plan, LedgerRow.FormatInstant(Db.Time.GetUtcNow()), ct).ConfigureAwait(false);
            return new WrittenBatch(plan.Results, durable);
        }
        catch
        {
            // Roll back and drop the connection: a retry starts from a fresh one.
            await AbandonAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Begins the transaction, locks the head row and reads it, then the stored rows for the batch's ids and keys.</summary>
    protected abstract Task<StoredState> BeginAsync(IReadOnlyList<string> decisionIds, IReadOnlyList<(string Lender, string Key)> keys, CancellationToken ct);

    /// <summary>The hashes of those <paramref name="tokens"/> that are stored for their decision.</summary>
    protected abstract Task<IReadOnlyList<string>> FindTokensAsync(IReadOnlyList<(string DecisionId, string Hash)> tokens, CancellationToken ct);

    /// <summary>
    /// Inserts the plan's rows, reasons, idempotency keys and tokens (<paramref name="now"/> stamps keys and
    /// tokens), moves the head when rows were added and commits. Returns once the next batch may start; the
    /// returned task completes when the commit is durable and fails when it is not.
    /// </summary>
    protected abstract Task<Task> InsertAndCommitAsync(LedgerBatch plan, string now, CancellationToken ct);

    /// <summary>Rolls back whatever is open and forgets the connection. Never throws.</summary>
    protected abstract ValueTask AbandonAsync();

    public virtual ValueTask DisposeAsync() => AbandonAsync();
}
