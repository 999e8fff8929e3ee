using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using CreditAlt.Data.Connections;
using CreditAlt.Data.Ledger;

namespace CreditAlt.Data.Lifecycle;

/// <summary>The kinds of event that follow a model decision.</summary>
public static class LifecycleKinds
{
    /// <summary>An underwriter's final action (approve, decline, counteroffer); may supersede an earlier one.</summary>
    public const string FinalAction = "final_action";

    /// <summary>An applicant's dispute of items of the data used.</summary>
    public const string Dispute = "dispute";

    /// <summary>The lender's resolution of a dispute (related to the dispute's event id).</summary>
    public const string DisputeResolution = "dispute_resolution";

    /// <summary>A Regulation B §1002.9(c) notice of incompleteness.</summary>
    public const string IncompletenessNotice = "incompleteness_notice";

    public static readonly IReadOnlyList<string> All = [FinalAction, Dispute, DisputeResolution, IncompletenessNotice];
}

/// <summary>
/// One stored lifecycle event, exactly as chained. <paramref name="Body"/> is the event's JSON as the API wrote it;
/// <paramref name="DecisionHash"/> is the ledger hash of the decision row the event is about, read in the same
/// transaction, so an event cannot be moved to another decision (or survive a rewritten decision) unnoticed.
/// </summary>
public sealed record LifecycleEvent(
    long Seq,
    string EventId,
    string Kind,
    string DecisionId,
    string LenderId,
    string? RelatedId,
    string DecisionHash,
    DateOnly? DueDate,
    DateTimeOffset RecordedAt,
    string Body,
    string PrevHash,
    string Hash);

/// <summary>An event to append; the store fills in the chain, the lender and the decision hash.</summary>
/// <param name="EventId">Unique id (e.g. <c>fa_…</c>).</param>
/// <param name="Kind">One of <see cref="LifecycleKinds"/>.</param>
/// <param name="DecisionId">The decision the event is about; it must exist.</param>
/// <param name="RelatedId">The event this one refers to (the superseded final action, the resolved dispute), or null.</param>
/// <param name="DueDate">A deadline carried by the event (a dispute's due date, an incompleteness notice's respond-by date).</param>
/// <param name="Body">The event's JSON.</param>
public sealed record NewLifecycleEvent(string EventId, string Kind, string DecisionId, string? RelatedId, DateOnly? DueDate, string Body);

/// <summary>The stored row, all text (what the hash covers), for Dapper.</summary>
internal sealed class LifecycleRow
{
    public long Seq { get; set; }
    public string EventId { get; set; } = "";
    public string Kind { get; set; } = "";
    public string DecisionId { get; set; } = "";
    public string LenderId { get; set; } = "";
    public string? RelatedId { get; set; }
    public string DecisionHash { get; set; } = "";
    public string? DueDate { get; set; }
    public string RecordedAt { get; set; } = "";
    public string Body { get; set; } = "";
    public string PrevHash { get; set; } = "";
    public string Hash { get; set; } = "";

    public const string Columns =
        "seq AS Seq, event_id AS EventId, kind AS Kind, decision_id AS DecisionId, lender_id AS LenderId, related_id AS RelatedId, " +
        "decision_hash AS DecisionHash, due_date AS DueDate, recorded_at AS RecordedAt, body AS Body, prev_hash AS PrevHash, hash AS Hash";

    public const string Insert =
        "INSERT INTO lifecycle_events (seq, event_id, kind, decision_id, lender_id, related_id, decision_hash, due_date, recorded_at, body, prev_hash, hash) " +
        "VALUES (@Seq, @EventId, @Kind, @DecisionId, @LenderId, @RelatedId, @DecisionHash, @DueDate, @RecordedAt, @Body, @PrevHash, @Hash)";

    public const string FormatTag = "creditalt-lifecycle-v1";

    /// <summary>
    /// SHA-256 (lower-case hex) over the netstring encoding of the ledger (<see cref="LedgerHash.Encode"/>): the
    /// format tag, the sequence number, every field in column order, the previous event's hash.
    /// </summary>
    public string ComputeHash() => Convert.ToHexStringLower(SHA256.HashData(LedgerHash.Encode(
        FormatTag, Seq.ToString(CultureInfo.InvariantCulture), EventId, Kind, DecisionId, LenderId, RelatedId, DecisionHash, DueDate,
        RecordedAt, Body, PrevHash)));

    public LifecycleEvent ToEvent() => new(
        Seq, EventId, Kind, DecisionId, LenderId, RelatedId, DecisionHash,
        DueDate is null ? null : DateOnly.ParseExact(DueDate, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset.Parse(RecordedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        Body, PrevHash, Hash);
}

/// <summary>The schema of migration 8.</summary>
internal static class LifecycleSchema
{
    public static IReadOnlyList<string> Migration(SqlDialect d) =>
    [
        d.Render("""
            CREATE TABLE lifecycle_head (
                id {int} NOT NULL PRIMARY KEY,
                seq {bigint} NOT NULL,
                hash {key} NOT NULL)
            """),
        $"INSERT INTO lifecycle_head (id, seq, hash) VALUES (1, 0, '{Migrations.Schema.GenesisHash}')",
        d.Render("""
            CREATE TABLE lifecycle_events (
                seq {bigint} NOT NULL PRIMARY KEY,
                event_id {key} NOT NULL,
                kind {key} NOT NULL,
                decision_id {key} NOT NULL,
                lender_id {key} NOT NULL,
                related_id {key} NULL,
                decision_hash {key} NOT NULL,
                due_date {key} NULL,
                recorded_at {key} NOT NULL,
                body {text} NOT NULL,
                prev_hash {key} NOT NULL,
                hash {key} NOT NULL)
            """),
        "CREATE UNIQUE INDEX ux_lifecycle_events_event_id ON lifecycle_events (event_id)",
        "CREATE INDEX ix_lifecycle_events_decision ON lifecycle_events (decision_id, kind)",
        "CREATE INDEX ix_lifecycle_events_lender_kind ON lifecycle_events (lender_id, kind, seq)",
        "CREATE INDEX ix_lifecycle_events_related ON lifecycle_events (related_id)",
        // No new index on decisions: each would cost every append a page write; the pending-referrals query
        // walks ix_decisions_lender (lender_id, seq) newest first.
        .. d.AppendOnly("lifecycle_events"),
    ];
}
