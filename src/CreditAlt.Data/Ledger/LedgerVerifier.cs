using System.Data.Common;
using CreditAlt.Core.Applications;
using CreditAlt.Data.Connections;
using CreditAlt.Data.Migrations;
using Dapper;

namespace CreditAlt.Data.Ledger;

public enum TamperKind
{
    Changed,
    Deleted,
    Inserted,
    Reordered,
}

/// <summary>The first place the chain breaks: what kind of tampering it looks like, at which sequence number.</summary>
public sealed record LedgerProblem(TamperKind Kind, long Sequence, string Message);

/// <summary>Result of <see cref="LedgerVerifier"/>: intact, or the first problem.</summary>
public sealed record LedgerVerification(long RowsChecked, long HeadSequence, string HeadHash, LedgerProblem? Problem)
{
    public bool Intact => Problem is null;
}

/// <summary>
/// Walks the ledger in sequence order and re-computes every hash. At the first row that does not fit it
/// decides what happened: the row's own hash no longer matches its fields (changed); its predecessor is
/// missing (deleted); it or the rows before it are not linked into the chain (inserted); its predecessor is
/// stored after it (reordered). The <c>ledger_head</c> row catches rows cut off or added at the end.
/// </summary>
public static class LedgerVerifier
{
    private const int Page = 5000;

    // When a row's hash only fits under another sequence number, how far to look for that number.
    private const int RenumberWindow = 64;

    public static async Task<LedgerVerification> VerifyAsync(DbConnection c, SqlDialect dialect, CancellationToken ct = default)
    {
        var (headSeq, headHash) = await c.QuerySingleAsync<(long, string)>(new CommandDefinition(
            "SELECT seq, hash FROM ledger_head WHERE id = 1", cancellationToken: ct)).ConfigureAwait(false);
        LedgerRow? previous = null;
        long checkedRows = 0;
        var after = long.MinValue;
        var query = dialect.Limit($"SELECT {LedgerRow.Columns} FROM decisions WHERE seq > @after ORDER BY seq");
        while (true)
        {
            var page = (await c.QueryAsync<LedgerRow>(new CommandDefinition(query, new { after, limit = Page }, cancellationToken: ct)).ConfigureAwait(false)).ToList();
            if (page.Count == 0)
                break;
            foreach (var row in page)
            {
                var expectedPrev = previous?.Hash ?? Schema.GenesisHash;
                var expectedSeq = (previous?.Seq ?? 0) + 1;
                var contentOk = LedgerHash.Compute(row) == row.Hash && FingerprintMatches(row);
                var linkOk = row.PrevHash == expectedPrev;
                if (contentOk && linkOk && row.Seq == expectedSeq)
                {
                    previous = row;
                    checkedRows++;
                    continue;
                }
                var problem = await ClassifyAsync(c, dialect, row, previous, headSeq, contentOk, linkOk, ct).ConfigureAwait(false);
                // A changed row is never counted as verified, also when it is the last one that passed on its own
                // (rewritten together with its hash).
                var verified = problem.Kind == TamperKind.Changed ? Math.Min(checkedRows, problem.Sequence - 1) : checkedRows;
                return new LedgerVerification(verified, headSeq, headHash, problem);
            }
            after = page[^1].Seq;
        }

        var lastSeq = previous?.Seq ?? 0;
        var lastHash = previous?.Hash ?? Schema.GenesisHash;
        LedgerProblem? tail = null;
        if (headSeq > lastSeq)
            tail = new(TamperKind.Deleted, lastSeq + 1,
                $"rows {lastSeq + 1} to {headSeq} are missing: the ledger head records {headSeq} decisions but the chain ends at {lastSeq}");
        else if (headSeq < lastSeq)
            tail = new(TamperKind.Inserted, headSeq + 1,
                $"rows {headSeq + 1} to {lastSeq} were added outside the ledger: the ledger head records only {headSeq} decisions");
        else if (headHash != lastHash)
            tail = new(TamperKind.Changed, lastSeq,
                $"row {lastSeq} does not match the ledger head's hash {headHash}: the last decision was replaced");
        return new LedgerVerification(checkedRows, headSeq, headHash, tail);
    }

    private static async Task<LedgerProblem> ClassifyAsync(
        DbConnection c, SqlDialect dialect, LedgerRow row, LedgerRow? previous, long headSeq, bool contentOk, bool linkOk, CancellationToken ct)
    {
        if (row.Seq > headSeq)
            return new(TamperKind.Inserted, row.Seq, $"row {row.Seq} (decision {row.DecisionId}) lies beyond the ledger head, which records {headSeq} decisions");
        var expectedPrev = previous?.Hash ?? Schema.GenesisHash;
        var nextPrev = await c.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            dialect.Limit("SELECT prev_hash FROM decisions WHERE seq > @seq ORDER BY seq"), new { seq = row.Seq, limit = 1 }, cancellationToken: ct)).ConfigureAwait(false);
        var originalSeq = contentOk ? row.Seq : FingerprintMatches(row) ? OriginalSequence(row) : null;

        // The next row links straight to the last good row: this one is not part of the chain.
        if (!contentOk && originalSeq is null && nextPrev == expectedPrev)
            return new(TamperKind.Inserted, row.Seq, $"row {row.Seq} (decision {row.DecisionId}) is not part of the chain: the next row follows row {previous?.Seq ?? 0} directly");
        if (linkOk || originalSeq is null)
            return new(TamperKind.Changed, row.Seq, $"row {row.Seq} (decision {row.DecisionId}) was changed: its fields no longer match its hash");

        long? predecessorSeq = row.PrevHash == Schema.GenesisHash
            ? 0
            : await c.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
                "SELECT seq FROM decisions WHERE hash = @hash", new { hash = row.PrevHash }, cancellationToken: ct)).ConfigureAwait(false);
        // This row sits where it was hashed and right after the last good row, yet links to a hash no row has: nothing
        // is missing between them. The row before was rewritten together with its fingerprint and hash, which is why
        // it passed on its own; only this row's link still remembers its original hash.
        if (predecessorSeq is null && previous is not null && originalSeq == row.Seq && row.Seq == previous.Seq + 1)
            return new(TamperKind.Changed, previous.Seq,
                $"row {previous.Seq} (decision {previous.DecisionId}) was changed and its hash recomputed: row {row.Seq} links to its original hash, which no row has any more");
        if (predecessorSeq is null)
            return new(TamperKind.Deleted, (previous?.Seq ?? 0) + 1,
                $"row {(previous?.Seq ?? 0) + 1} was deleted: row {row.Seq} (decision {row.DecisionId}) links to a predecessor that is missing");
        if (predecessorSeq > row.Seq)
            return new(TamperKind.Reordered, row.Seq,
                $"row {row.Seq} (decision {row.DecisionId}) is out of order: it follows row {predecessorSeq} in the chain but is stored before it");
        return new(TamperKind.Inserted, predecessorSeq.Value + 1,
            $"rows {predecessorSeq + 1} to {row.Seq - 1} were inserted: row {row.Seq} (decision {row.DecisionId}) follows row {predecessorSeq} in the chain");
    }

    private static bool FingerprintMatches(LedgerRow row)
    {
        byte[] json;
        try
        {
            json = row.ApplicationJsonUtf8();
        }
        catch (InvalidDataException)
        {
            return false; // the stored document no longer inflates: changed
        }
        return string.Equals(row.ApplicationFingerprint, ApplicationJson.Fingerprint(json), StringComparison.Ordinal);
    }

    /// <summary>The sequence number under which the row's stored hash fits, when it was renumbered.</summary>
    private static long? OriginalSequence(LedgerRow row)
    {
        for (var d = 1; d <= RenumberWindow; d++)
        {
            if (LedgerHash.Compute(row, row.Seq + d) == row.Hash)
                return row.Seq + d;
            if (row.Seq - d > 0 && LedgerHash.Compute(row, row.Seq - d) == row.Hash)
                return row.Seq - d;
        }
        return null;
    }
}
