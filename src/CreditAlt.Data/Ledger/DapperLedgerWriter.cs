using System.Data.Common;
using CreditAlt.Data.Connections;
using CreditAlt.Data.Consents;
using CreditAlt.Data.Security;
using Dapper;

namespace CreditAlt.Data.Ledger;

/// <summary>
/// The portable writer (SQL Server): a pooled connection per batch, Dapper for the reads, one prepared insert
/// re-bound per row for the writes. <c>UPDATE ledger_head SET seq = seq</c> takes the head's row lock first.
/// </summary>
internal sealed class DapperLedgerWriter(CreditAltDatabase db) : LedgerWriter(db)
{
    private const int ListChunk = 1000;

    private DbConnection? _connection;
    private DbTransaction? _tx;

    protected override async Task<StoredState> BeginAsync(
        IReadOnlyList<string> decisionIds, IReadOnlyList<(string Lender, string Key)> keys, CancellationToken ct)
    {
        var dialect = Db.Dialect;
        var c = _connection = await Db.OpenAsync(ct).ConfigureAwait(false);
        var tx = _tx = await c.BeginTransactionAsync(ct).ConfigureAwait(false);
        await c.ExecuteAsync(new CommandDefinition("UPDATE ledger_head SET seq = seq WHERE id = 1", transaction: tx, cancellationToken: ct)).ConfigureAwait(false);
        var (headSeq, headHash) = await c.QuerySingleAsync<(long, string)>(new CommandDefinition(
            "SELECT seq, hash FROM ledger_head WHERE id = 1", transaction: tx, cancellationToken: ct)).ConfigureAwait(false);

        var byId = new Dictionary<string, StoredDecision>(StringComparer.Ordinal);
        foreach (var chunk in decisionIds.Chunk(ListChunk))
        {
            var found = await c.QueryAsync<(string, string, string?, string?, long, string)>(new CommandDefinition(
                $"SELECT decision_id, lender_id, request_hash, idempotency_key, seq, hash FROM decisions WHERE {dialect.InList("decision_id", "ids")}",
                new { ids = chunk }, tx, cancellationToken: ct)).ConfigureAwait(false);
            foreach (var (id, lender, rh, key, seq, hash) in found)
                byId[id] = new StoredDecision(lender, rh, key, seq, hash);
        }
        // Per lender, so the lookup uses the (lender_id, idempotency_key) key.
        var byKey = new Dictionary<(string Lender, string Key), StoredKey>();
        foreach (var lender in keys.GroupBy(k => k.Lender, StringComparer.Ordinal))
            foreach (var chunk in lender.Select(k => k.Key).Chunk(ListChunk))
            {
                var found = await c.QueryAsync<(string, string?, string)>(new CommandDefinition(
                    $"SELECT idempotency_key, request_hash, decision_id FROM decisions WHERE lender_id = @lender AND {dialect.InList("idempotency_key", "keys")}",
                    new { lender = lender.Key, keys = chunk }, tx, cancellationToken: ct)).ConfigureAwait(false);
                foreach (var (key, rh, id) in found)
                    byKey[(lender.Key, key)] = new StoredKey(rh ?? "", id);
            }
        return new StoredState(headSeq, headHash, byId, byKey);
    }

    protected override async Task<IReadOnlyList<string>> FindTokensAsync(IReadOnlyList<(string DecisionId, string Hash)> tokens, CancellationToken ct)
    {
        // Only retried decisions carrying a new token get here: rare and few.
        var found = new List<string>();
        foreach (var (decisionId, hash) in tokens)
            found.AddRange(await _connection!.QueryAsync<string>(new CommandDefinition(
                "SELECT token_hash FROM applicant_tokens WHERE decision_id = @decisionId AND token_hash = @hash",
                new { decisionId, hash }, _tx, cancellationToken: ct)).ConfigureAwait(false));
        return found;
    }

    protected override async Task<Task> InsertAndCommitAsync(LedgerBatch plan, string now, CancellationToken ct)
    {
        var (c, tx) = (_connection!, _tx!);
        await PreparedInsert.RunAsync(c, tx, "decisions", LedgerRow.StoredColumns, plan.Rows, (r, v) =>
        {
            v[0] = r.Seq;
            v[1] = r.DecisionId;
            v[2] = r.LenderId;
            v[3] = r.ApplicationId;
            v[4] = r.ApplicantId;
            v[5] = r.ModelId;
            v[6] = r.ModelVersion;
            v[7] = r.ApplicationFingerprint;
            v[8] = r.ApplicationJsonDeflate;
            v[9] = r.Score;
            v[10] = r.Decision;
            v[11] = r.Recourse;
            v[12] = r.AsOfDate;
            v[13] = r.RecordedAt;
            v[14] = r.IdempotencyKey;
            v[15] = r.RequestHash;
            v[16] = r.PrevHash;
            v[17] = r.Hash;
            v[18] = r.ReasonsJson;
        }, ct).ConfigureAwait(false);
        await AccessTokenStore.InsertAsync(c, tx, Db.Dialect, plan.Tokens, now, ct).ConfigureAwait(false);
        foreach (var set in plan.Sets)
        {
            await c.ExecuteAsync(new CommandDefinition(RawSetRow.InsertSql(i => "@p" + i), new DynamicParameters(new Dictionary<string, object?>
            {
                ["p1"] = set.SetId, ["p2"] = set.LenderId, ["p3"] = set.ConsentId, ["p4"] = set.DecisionId, ["p5"] = set.ApplicationId,
                ["p6"] = set.Format, ["p7"] = set.BodySha256, ["p8"] = set.BodyDeflate, ["p9"] = set.ReceivedAt, ["p10"] = set.DeleteAfter,
            }), tx, cancellationToken: ct)).ConfigureAwait(false);
            await c.ExecuteAsync(new CommandDefinition(RawSetRow.DeleteIfRevokedSql(i => "@p" + i), new { p1 = set.SetId, p2 = now }, tx, cancellationToken: ct)).ConfigureAwait(false);
        }
        if (plan.Rows.Count > 0)
            await _connection!.ExecuteAsync(new CommandDefinition("UPDATE ledger_head SET seq = @HeadSeq, hash = @HeadHash WHERE id = 1",
                new { plan.HeadSeq, plan.HeadHash }, _tx, cancellationToken: ct)).ConfigureAwait(false);
        await _tx!.CommitAsync(ct).ConfigureAwait(false);
        await AbandonAsync().ConfigureAwait(false);
        return Task.CompletedTask; // the commit itself is durable
    }

    protected override async ValueTask AbandonAsync()
    {
        // Disposing an uncommitted transaction rolls it back; the connection goes back to the pool.
        try
        {
            if (_tx is not null)
                await _tx.DisposeAsync().ConfigureAwait(false);
            if (_connection is not null)
                await _connection.DisposeAsync().ConfigureAwait(false);
        }
        catch (DbException)
        {
            // The connection is already broken; the pool discards it.
        }
        _tx = null;
        _connection = null;
    }
}
