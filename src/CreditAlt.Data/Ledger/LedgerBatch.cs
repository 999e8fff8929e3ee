using CreditAlt.Data.Consents;
using CreditAlt.Data.Security;

namespace CreditAlt.Data.Ledger;

/// <summary>
/// A queued append: the record; its row as stored, prepared on the caller's thread (the application JSON deflated,
/// <see cref="ApplicationDocument"/>) with the encoded hash input that does not depend on the row's place in the
/// chain (<see cref="LedgerHash.EncodeBody"/>); the caller's completion; and the raw transaction set stored with it, if any.
/// </summary>
internal sealed record PendingAppend(DecisionToRecord Record, LedgerRow Row, byte[] HashBody, TaskCompletionSource<AppendResult> Done, RawSetRow? Set = null);

/// <summary>What the database already holds under a decision id.</summary>
internal readonly record struct StoredDecision(string LenderId, string? RequestHash, string? IdempotencyKey, long Seq, string Hash);

/// <summary>What the database already holds under a lender's idempotency key: the request hash of the decision recorded with it ("" for none).</summary>
internal readonly record struct StoredKey(string RequestHash, string DecisionId);

/// <summary>The head and the stored rows for a batch's decision ids and (lender, idempotency key) pairs, read under the head lock.</summary>
internal sealed record StoredState(long HeadSeq, string HeadHash, Dictionary<string, StoredDecision> ById, Dictionary<(string Lender, string Key), StoredKey> ByKey);

/// <summary>
/// The engine-neutral part of one group commit: given the head and what is already stored, decide each record's
/// answer, chain the new rows and collect what to insert. The writers only read and write.
/// </summary>
internal sealed class LedgerBatch
{
    private LedgerBatch(int count, long headSeq, string headHash)
    {
        Results = new AppendResult[count];
        HeadSeq = headSeq;
        HeadHash = headHash;
    }

    public AppendResult[] Results { get; }

    /// <summary>New rows in sequence order, with their hashes.</summary>
    public List<LedgerRow> Rows { get; } = [];

    /// <summary>Tokens to insert: those of new rows, then those of retried decisions not stored yet.</summary>
    public List<(string DecisionId, AccessToken Token)> Tokens { get; } = [];

    /// <summary>Raw transaction sets of new rows: stored in the same transaction as their decisions, never for a replay, a conflict or a retry.</summary>
    public List<RawSetRow> Sets { get; } = [];

    /// <summary>Tokens of decisions found already stored (a retry); stored only when missing, see <see cref="AddMissingTokens"/>.</summary>
    public List<(string DecisionId, AccessToken Token)> RetriedTokens { get; } = [];

    public long HeadSeq { get; private set; }

    public string HeadHash { get; private set; }

    /// <summary>
    /// Plans <paramref name="batch"/> on top of <paramref name="stored"/>. The plan adds its own rows to the stored
    /// ones, so a duplicate inside the batch is answered like one already stored.
    /// </summary>
    public static LedgerBatch Plan(IReadOnlyList<PendingAppend> batch, StoredState stored)
    {
        var (byId, byKey) = (stored.ById, stored.ByKey);
        var plan = new LedgerBatch(batch.Count, stored.HeadSeq, stored.HeadHash);
        for (var i = 0; i < batch.Count; i++)
        {
            var r = batch[i].Record;
            if (byId.TryGetValue(r.DecisionId, out var existing))
            {
                var same = existing.LenderId == r.LenderId && existing.RequestHash == r.RequestHash && existing.IdempotencyKey == r.IdempotencyKey;
                plan.Results[i] = same
                    ? new AppendResult(AppendStatus.Recorded, r.DecisionId, existing.Seq, existing.Hash)
                    : new AppendResult(AppendStatus.DecisionIdConflict, r.DecisionId, null, null);
                if (same && r.AccessToken is not null)
                    plan.RetriedTokens.Add((r.DecisionId, r.AccessToken));
                continue;
            }
            if (r.IdempotencyKey is not null && byKey.TryGetValue((r.LenderId, r.IdempotencyKey), out var prior))
            {
                plan.Results[i] = prior.RequestHash == (r.RequestHash ?? "")
                    ? new AppendResult(AppendStatus.Replayed, prior.DecisionId, null, null)
                    : new AppendResult(AppendStatus.IdempotencyConflict, prior.DecisionId, null, null);
                continue;
            }
            var row = batch[i].Row; // a retried batch is planned again: its place in the chain is set anew
            row.Seq = plan.HeadSeq + 1;
            row.PrevHash = plan.HeadHash;
            row.Hash = LedgerHash.Compute(row.Seq, batch[i].HashBody, row.PrevHash);
            plan.HeadSeq = row.Seq;
            plan.HeadHash = row.Hash;
            plan.Rows.Add(row);
            if (r.AccessToken is not null)
                plan.Tokens.Add((r.DecisionId, r.AccessToken));
            if (batch[i].Set is { } set)
                plan.Sets.Add(set);
            byId[r.DecisionId] = new StoredDecision(r.LenderId, r.RequestHash, r.IdempotencyKey, row.Seq, row.Hash);
            if (r.IdempotencyKey is not null)
                byKey[(r.LenderId, r.IdempotencyKey)] = new StoredKey(r.RequestHash ?? "", r.DecisionId);
            plan.Results[i] = new AppendResult(AppendStatus.Recorded, r.DecisionId, row.Seq, row.Hash);
        }
        return plan;
    }

    /// <summary>
    /// Adds the retried decisions' tokens whose hashes are neither in <paramref name="stored"/> nor already planned:
    /// the caller hands them out with a Recorded answer, so they must open. A batch retried after a lost commit
    /// acknowledgement finds its own tokens stored.
    /// </summary>
    public void AddMissingTokens(IEnumerable<string> stored)
    {
        var known = Tokens.Select(t => t.Token.TokenHash).ToHashSet(StringComparer.Ordinal);
        known.UnionWith(stored);
        Tokens.AddRange(RetriedTokens.Where(t => known.Add(t.Token.TokenHash)));
    }
}
