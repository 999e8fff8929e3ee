using CreditAlt.Data.Connections;

namespace CreditAlt.Data.Ledger;

/// <summary>
/// Writes one group-commit batch in one transaction: lock the head, find what is already stored, plan
/// (<see cref="LedgerBatch.Plan"/>), insert, move the head, commit. Subclasses do the reading and writing for
/// their engine; the order and the rules live here. Only the ledger's single writer loop calls it.
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

    public async Task<AppendResult[]> WriteAsync(IReadOnlyList<PendingAppend> batch, CancellationToken ct)
    {
        try
        {
            var ids = batch.Select(p => p.Record.DecisionId).Distinct(StringComparer.Ordinal).ToList();
            var keys = batch.Where(p => p.Record.IdempotencyKey is not null)
                .Select(p => (p.Record.LenderId, p.Record.IdempotencyKey!)).Distinct().ToList();
            // Everything is read after the head is locked, so no other process can add a row in between.
            var plan = LedgerBatch.Plan(batch, await BeginAsync(ids, keys, ct).ConfigureAwait(false));
            if (plan.RetriedTokens.Count > 0)
                plan.AddMissingTokens(await FindTokensAsync(plan.RetriedTokens.Select(t => t.Token.TokenHash).Distinct().ToList(), ct).ConfigureAwait(false));
            await InsertAsync(plan, LedgerRow.FormatInstant(Db.Time.GetUtcNow()), ct).ConfigureAwait(false);
            await CommitAsync(plan, ct).ConfigureAwait(false);
            return plan.Results;
        }
        catch
        {
            // Roll back and drop the connection: a retry starts from a fresh one.
            await AbandonAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Begins the transaction, locks the head row and reads it, then the stored rows for the batch's ids and keys.</summary>
    protected abstract Task<StoredState> BeginAsync(
        IReadOnlyList<string> decisionIds, IReadOnlyList<(string Lender, string Key)> keys, CancellationToken ct);

    /// <summary>The token hashes among <paramref name="hashes"/> that are stored.</summary>
    protected abstract Task<IReadOnlyList<string>> FindTokensAsync(IReadOnlyList<string> hashes, CancellationToken ct);

    /// <summary>Inserts the plan's rows, reasons, idempotency keys and tokens; <paramref name="now"/> stamps keys and tokens.</summary>
    protected abstract Task InsertAsync(LedgerBatch plan, string now, CancellationToken ct);

    /// <summary>Moves the head to the plan's (when it added rows) and commits.</summary>
    protected abstract Task CommitAsync(LedgerBatch plan, CancellationToken ct);

    /// <summary>Rolls back whatever is open and forgets the connection. Never throws.</summary>
    protected abstract ValueTask AbandonAsync();

    public ValueTask DisposeAsync() => AbandonAsync();
}
