using System.Globalization;
using CreditAlt.Data.Ledger;
using CreditAlt.Data.Migrations;
using Dapper;

namespace CreditAlt.Data.Lifecycle;

public enum LifecycleAppendStatus
{
    /// <summary>Appended now (or found already stored under the same event id: a retried append).</summary>
    Recorded,

    /// <summary>No decision with that id.</summary>
    DecisionNotFound,

    /// <summary>The caller's check refused the event given the decision's earlier events (e.g. a second final action).</summary>
    Refused,
}

/// <summary>What became of an append; <see cref="Reason"/> is the check's words when refused.</summary>
public sealed record LifecycleAppendResult(LifecycleAppendStatus Status, LifecycleEvent? Event, string? Reason);

/// <summary>A referral without a final action.</summary>
public sealed record PendingReferral(string DecisionId, string LenderId, string ApplicationId, int? Score, DateTimeOffset RecordedAt);

/// <summary>
/// The lifecycle events after a model decision (<see cref="LifecycleKinds"/>), in an append-only table with its own hash
/// chain and head. Appends are rare (a human acts), so each is one short transaction: lock the head, read the
/// decision's hash and earlier events, let the caller's rule refuse or accept, insert, move the head.
/// </summary>
public sealed class LifecycleStore
{
    private readonly CreditAltDatabase _db;

    internal LifecycleStore(CreditAltDatabase db) => _db = db;

    /// <summary>
    /// Appends <paramref name="e"/>. <paramref name="check"/> sees the decision's earlier events (in order) inside the
    /// transaction and returns a reason to refuse, or null; so two racing final actions cannot both pass.
    /// </summary>
    public Task<LifecycleAppendResult> AppendAsync(NewLifecycleEvent e, Func<IReadOnlyList<LifecycleEvent>, string?>? check = null, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(e.EventId);
        ArgumentException.ThrowIfNullOrWhiteSpace(e.DecisionId);
        ArgumentException.ThrowIfNullOrWhiteSpace(e.Body);
        if (!LifecycleKinds.All.Contains(e.Kind))
            throw new ArgumentException($"kind must be one of {string.Join(", ", LifecycleKinds.All)}, got '{e.Kind}'", nameof(e));

        return _db.RunAsync(async (c, token) =>
        {
            await using var tx = await c.BeginTransactionAsync(token).ConfigureAwait(false);
            // Takes the head's row lock first (SQLite's BEGIN IMMEDIATE already holds the write lock).
            await c.ExecuteAsync(new CommandDefinition("UPDATE lifecycle_head SET seq = seq WHERE id = 1", transaction: tx, cancellationToken: token)).ConfigureAwait(false);
            var (headSeq, headHash) = await c.QuerySingleAsync<(long, string)>(new CommandDefinition(
                "SELECT seq, hash FROM lifecycle_head WHERE id = 1", transaction: tx, cancellationToken: token)).ConfigureAwait(false);

            var stored = await c.QuerySingleOrDefaultAsync<LifecycleRow>(new CommandDefinition(
                $"SELECT {LifecycleRow.Columns} FROM lifecycle_events WHERE event_id = @EventId", new { e.EventId }, tx, cancellationToken: token)).ConfigureAwait(false);
            if (stored is not null)
                return new LifecycleAppendResult(LifecycleAppendStatus.Recorded, stored.ToEvent(), null);

            var decisions = (await c.QueryAsync<(string LenderId, string Hash)>(new CommandDefinition(
                "SELECT lender_id, hash FROM decisions WHERE decision_id = @DecisionId", new { e.DecisionId }, tx, cancellationToken: token)).ConfigureAwait(false)).ToList();
            if (decisions.Count == 0)
                return new LifecycleAppendResult(LifecycleAppendStatus.DecisionNotFound, null, null);
            var d = decisions[0];

            if (check is not null)
            {
                var prior = (await c.QueryAsync<LifecycleRow>(new CommandDefinition(
                    $"SELECT {LifecycleRow.Columns} FROM lifecycle_events WHERE decision_id = @DecisionId ORDER BY seq", new { e.DecisionId }, tx, cancellationToken: token))
                    .ConfigureAwait(false)).Select(r => r.ToEvent()).ToList();
                if (check(prior) is { } reason)
                    return new LifecycleAppendResult(LifecycleAppendStatus.Refused, null, reason);
            }

            var row = new LifecycleRow
            {
                Seq = headSeq + 1,
                EventId = e.EventId,
                Kind = e.Kind,
                DecisionId = e.DecisionId,
                LenderId = d.LenderId,
                RelatedId = e.RelatedId,
                DecisionHash = d.Hash,
                DueDate = e.DueDate is { } due ? LedgerRow.FormatDate(due) : null,
                RecordedAt = LedgerRow.FormatInstant(_db.Time.GetUtcNow()),
                Body = e.Body,
                PrevHash = headHash,
            };
            row.Hash = row.ComputeHash();
            await c.ExecuteAsync(new CommandDefinition(LifecycleRow.Insert, row, tx, cancellationToken: token)).ConfigureAwait(false);
            await c.ExecuteAsync(new CommandDefinition("UPDATE lifecycle_head SET seq = @Seq, hash = @Hash WHERE id = 1", new { row.Seq, row.Hash }, tx, cancellationToken: token)).ConfigureAwait(false);
            await tx.CommitAsync(token).ConfigureAwait(false);
            return new LifecycleAppendResult(LifecycleAppendStatus.Recorded, row.ToEvent(), null);
        }, ct);
    }

    /// <summary>The event with this id, or null.</summary>
    public Task<LifecycleEvent?> GetAsync(string eventId, CancellationToken ct = default) =>
        _db.RunAsync(async (c, token) => (await c.QuerySingleOrDefaultAsync<LifecycleRow>(new CommandDefinition(
            $"SELECT {LifecycleRow.Columns} FROM lifecycle_events WHERE event_id = @eventId", new { eventId }, cancellationToken: token)).ConfigureAwait(false))?.ToEvent(), ct);

    /// <summary>Every event about one decision, oldest first.</summary>
    public Task<IReadOnlyList<LifecycleEvent>> ForDecisionAsync(string decisionId, CancellationToken ct = default) =>
        _db.RunAsync<IReadOnlyList<LifecycleEvent>>(async (c, token) => (await c.QueryAsync<LifecycleRow>(new CommandDefinition(
            $"SELECT {LifecycleRow.Columns} FROM lifecycle_events WHERE decision_id = @decisionId ORDER BY seq", new { decisionId }, cancellationToken: token))
            .ConfigureAwait(false)).Select(r => r.ToEvent()).ToList(), ct);

    /// <summary>Every event related to <paramref name="relatedId"/> (a dispute's resolutions, a final action's successors), oldest first.</summary>
    public Task<IReadOnlyList<LifecycleEvent>> RelatedToAsync(string relatedId, CancellationToken ct = default) =>
        _db.RunAsync<IReadOnlyList<LifecycleEvent>>(async (c, token) => (await c.QueryAsync<LifecycleRow>(new CommandDefinition(
            $"SELECT {LifecycleRow.Columns} FROM lifecycle_events WHERE related_id = @relatedId ORDER BY seq", new { relatedId }, cancellationToken: token))
            .ConfigureAwait(false)).Select(r => r.ToEvent()).ToList(), ct);

    /// <summary>
    /// Events of one kind, newest first: of one lender (null: every lender), recorded at or after <paramref name="since"/>,
    /// and with <paramref name="unresolvedOnly"/> only disputes that no resolution names.
    /// </summary>
    public Task<IReadOnlyList<LifecycleEvent>> ListAsync(
        string kind, string? lenderId, bool unresolvedOnly = false, DateTimeOffset? since = null, int limit = 100, int offset = 0, CancellationToken ct = default) =>
        _db.RunAsync<IReadOnlyList<LifecycleEvent>>(async (c, token) =>
        {
            var sql = $"SELECT {LifecycleRow.Columns} FROM lifecycle_events e WHERE kind = @kind" +
                      (lenderId is null ? "" : " AND lender_id = @lenderId") +
                      (since is null ? "" : " AND recorded_at >= @since") +
                      (unresolvedOnly
                          ? $" AND NOT EXISTS (SELECT 1 FROM lifecycle_events r WHERE r.related_id = e.event_id AND r.kind = '{LifecycleKinds.DisputeResolution}')"
                          : "") +
                      " ORDER BY seq DESC";
            var rows = await c.QueryAsync<LifecycleRow>(new CommandDefinition(Page(sql),
                new { kind, lenderId, since = since is { } s ? LedgerRow.FormatInstant(s) : null, limit, offset }, cancellationToken: token)).ConfigureAwait(false);
            return rows.Select(r => r.ToEvent()).ToList();
        }, ct);

    /// <summary>
    /// Referrals recorded before <paramref name="recordedBefore"/> that have no final action, newest first; of one lender,
    /// or of every lender when <paramref name="lenderId"/> is null.
    /// </summary>
    public Task<IReadOnlyList<PendingReferral>> PendingReferralsAsync(
        string? lenderId, DateTimeOffset recordedBefore, int limit = 100, int offset = 0, CancellationToken ct = default) =>
        _db.RunAsync<IReadOnlyList<PendingReferral>>(async (c, token) =>
        {
            var sql = "SELECT d.decision_id AS DecisionId, d.lender_id AS LenderId, d.application_id AS ApplicationId, d.score AS Score, d.recorded_at AS RecordedAt " +
                      "FROM decisions d WHERE d.decision = 'refer' AND d.recorded_at < @before" +
                      (lenderId is null ? "" : " AND d.lender_id = @lenderId") +
                      $" AND NOT EXISTS (SELECT 1 FROM lifecycle_events e WHERE e.decision_id = d.decision_id AND e.kind = '{LifecycleKinds.FinalAction}')" +
                      " ORDER BY d.seq DESC";
            var rows = await c.QueryAsync<(string, string, string, int?, string)>(new CommandDefinition(Page(sql),
                new { lenderId, before = LedgerRow.FormatInstant(recordedBefore), limit, offset }, cancellationToken: token)).ConfigureAwait(false);
            return rows.Select(r => new PendingReferral(r.Item1, r.Item2, r.Item3, r.Item4,
                DateTimeOffset.Parse(r.Item5, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal))).ToList();
        }, ct);

    /// <summary>
    /// The decisions whose applicant must be mailed a letter for what happened at or after <paramref name="since"/>: adverse
    /// model decisions (decline, insufficient data) recorded since then, and decisions whose notice got a new version since
    /// then (a final action, a notice of incompleteness, a dispute resolution). Each once, in ledger order; of one lender or,
    /// when <paramref name="lenderId"/> is null, of every lender.
    /// </summary>
    public Task<IReadOnlyList<string>> LetterDecisionsAsync(DateTimeOffset since, string? lenderId, CancellationToken ct = default) =>
        _db.RunAsync<IReadOnlyList<string>>(async (c, token) =>
        {
            var sql = "SELECT d.decision_id FROM decisions d WHERE " +
                      "((d.decision IN ('decline', 'insufficient_data') AND d.recorded_at >= @since)" +
                      " OR EXISTS (SELECT 1 FROM lifecycle_events e WHERE e.decision_id = d.decision_id AND e.recorded_at >= @since" +
                      $" AND e.kind IN ('{LifecycleKinds.FinalAction}', '{LifecycleKinds.IncompletenessNotice}', '{LifecycleKinds.DisputeResolution}')))" +
                      (lenderId is null ? "" : " AND d.lender_id = @lenderId") +
                      " ORDER BY d.seq";
            var rows = await c.QueryAsync<string>(new CommandDefinition(sql,
                new { since = LedgerRow.FormatInstant(since), lenderId }, cancellationToken: token)).ConfigureAwait(false);
            return rows.ToList();
        }, ct);

    /// <summary>Checks the event chain and each event's link to its decision; see <see cref="LifecycleVerifier"/>.</summary>
    public async Task<LedgerVerification> VerifyAsync(CancellationToken ct = default)
    {
        await using var c = await _db.Resilience.ExecuteAsync(token => _db.OpenAsync(token), ct).ConfigureAwait(false);
        return await LifecycleVerifier.VerifyAsync(c, _db.Dialect, ct).ConfigureAwait(false);
    }

    private string Page(string orderedQuery) => _db.Dialect.Engine == Connections.DatabaseEngine.SqlServer
        ? orderedQuery + " OFFSET @offset ROWS FETCH NEXT @limit ROWS ONLY"
        : orderedQuery + " LIMIT @limit OFFSET @offset";
}

/// <summary>
/// Walks the lifecycle chain in order and re-computes every hash, like <see cref="LedgerVerifier"/> does for decisions,
/// and checks that each event still carries the hash its decision row has. Names the first event that does not fit.
/// </summary>
internal static class LifecycleVerifier
{
    private const int PageSize = 2000;

    public static async Task<LedgerVerification> VerifyAsync(System.Data.Common.DbConnection c, Connections.SqlDialect dialect, CancellationToken ct)
    {
        var (headSeq, headHash) = await c.QuerySingleAsync<(long, string)>(new CommandDefinition(
            "SELECT seq, hash FROM lifecycle_head WHERE id = 1", cancellationToken: ct)).ConfigureAwait(false);
        var query = dialect.Limit($"SELECT {LifecycleRow.Columns} FROM lifecycle_events WHERE seq > @after ORDER BY seq");
        long after = long.MinValue, checkedRows = 0, lastSeq = 0;
        var lastHash = Schema.GenesisHash;
        while (true)
        {
            var page = (await c.QueryAsync<LifecycleRow>(new CommandDefinition(query, new { after, limit = PageSize }, cancellationToken: ct)).ConfigureAwait(false)).ToList();
            if (page.Count == 0)
                break;
            var decisionHashes = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var chunk in page.Select(r => r.DecisionId).Distinct(StringComparer.Ordinal).Chunk(500))
                foreach (var (id, hash) in await c.QueryAsync<(string, string)>(new CommandDefinition(
                             $"SELECT decision_id, hash FROM decisions WHERE {dialect.InList("decision_id", "ids")}", new { ids = chunk }, cancellationToken: ct)).ConfigureAwait(false))
                    decisionHashes[id] = hash;

            foreach (var row in page)
            {
                var name = $"event {row.Seq} ({row.Kind} {row.EventId} on decision {row.DecisionId})";
                LedgerProblem? problem = null;
                if (row.Seq > headSeq)
                    problem = new(TamperKind.Inserted, row.Seq, $"{name} lies beyond the lifecycle head, which records {headSeq} events");
                else if (row.Seq > lastSeq + 1)
                    problem = new(TamperKind.Deleted, lastSeq + 1, $"event {lastSeq + 1} was deleted: the chain jumps from event {lastSeq} to {name}");
                else if (row.ComputeHash() != row.Hash)
                    problem = new(TamperKind.Changed, row.Seq, $"{name} was changed: its fields no longer match its hash");
                else if (row.PrevHash != lastHash)
                    problem = new(TamperKind.Inserted, row.Seq, $"{name} does not link to event {lastSeq}: it was inserted or the events before it were replaced");
                else if (!decisionHashes.TryGetValue(row.DecisionId, out var decisionHash))
                    problem = new(TamperKind.Deleted, row.Seq, $"{name} is about a decision that is no longer in the ledger");
                else if (decisionHash != row.DecisionHash)
                    problem = new(TamperKind.Changed, row.Seq, $"{name} was recorded against decision hash {row.DecisionHash}, but the decision's row now hashes to {decisionHash}");
                if (problem is not null)
                    return new LedgerVerification(checkedRows, headSeq, headHash, problem);
                lastSeq = row.Seq;
                lastHash = row.Hash;
                checkedRows++;
            }
            after = page[^1].Seq;
        }

        LedgerProblem? tail = null;
        if (headSeq > lastSeq)
            tail = new(TamperKind.Deleted, lastSeq + 1, $"events {lastSeq + 1} to {headSeq} are missing: the lifecycle head records {headSeq} events but the chain ends at {lastSeq}");
        else if (headSeq < lastSeq)
            tail = new(TamperKind.Inserted, headSeq + 1, $"events {headSeq + 1} to {lastSeq} were added outside the store: the lifecycle head records only {headSeq} events");
        else if (headHash != lastHash)
            tail = new(TamperKind.Changed, lastSeq, $"event {lastSeq} does not match the lifecycle head's hash {headHash}: the last event was replaced");
        return new LedgerVerification(checkedRows, headSeq, headHash, tail);
    }
}
