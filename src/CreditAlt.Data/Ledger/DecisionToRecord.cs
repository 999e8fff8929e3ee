using CreditAlt.Core.Applications;
using CreditAlt.Data.Security;

namespace CreditAlt.Data.Ledger;

/// <summary>A principal reason as stored: a stable code and the sentence shown to the applicant.</summary>
public sealed record DecisionReason(string Code, string Sentence);

/// <summary>
/// A decision to append to the ledger. <see cref="ApplicationJson"/> is the canonical application JSON with its
/// fingerprint (the ledger deflates the bytes without decoding them, and chains the fingerprint). <see cref="RecordedAt"/>
/// comes from the caller's <see cref="TimeProvider"/>. <see cref="IdempotencyKey"/> and <see cref="RequestHash"/>
/// are optional; with a key, the same key and request hash from the same lender is answered with the first decision.
/// <see cref="AccessToken"/>, when given, is the applicant's token for this decision: it is stored in the same
/// transaction as the decision whenever the append answers <see cref="AppendStatus.Recorded"/> (so a token handed
/// out with a recorded decision always opens), and never for a replay or a conflict. <see cref="RawTransactions"/>, when
/// given, is the raw bank-transaction set the decision was derived from: stored in that same transaction too, so there
/// is never a decision without its raw data nor raw data without its decision (docs/transactions.md, "Retention").
/// </summary>
public sealed record DecisionToRecord(
    string DecisionId,
    string LenderId,
    string ApplicationId,
    string ApplicantId,
    string ModelId,
    string ModelVersion,
    CanonicalApplicationJson ApplicationJson,
    int? Score,
    string Decision,
    IReadOnlyList<DecisionReason> Reasons,
    string? Recourse,
    DateOnly AsOfDate,
    DateTimeOffset RecordedAt,
    string? IdempotencyKey = null,
    string? RequestHash = null,
    AccessToken? AccessToken = null,
    Consents.TransactionSetToStore? RawTransactions = null)
{
    /// <summary>Lower-case hex SHA-256 of the canonical application JSON.</summary>
    public string ApplicationFingerprint => ApplicationJson.Fingerprint;
}

/// <summary>The decision texts the ledger accepts.</summary>
public static class DecisionOutcomes
{
    public const string Approve = "approve";
    public const string Refer = "refer";
    public const string Decline = "decline";
    public const string InsufficientData = "insufficient_data";

    public static readonly IReadOnlyList<string> All = [Approve, Refer, Decline, InsufficientData];
}

/// <summary>A decision as stored in the ledger, with its place and links in the hash chain.</summary>
public sealed record LedgerEntry(
    long Sequence,
    string DecisionId,
    string LenderId,
    string ApplicationId,
    string ApplicantId,
    string ModelId,
    string ModelVersion,
    string ApplicationFingerprint,
    string ApplicationJson,
    int? Score,
    string Decision,
    IReadOnlyList<DecisionReason> Reasons,
    string? Recourse,
    DateOnly AsOfDate,
    DateTimeOffset RecordedAt,
    string? IdempotencyKey,
    string? RequestHash,
    string PreviousHash,
    string Hash);

public enum AppendStatus
{
    /// <summary>Stored now, or found already stored under the same decision id and request (a retry).</summary>
    Recorded,

    /// <summary>The idempotency key was used before with the same request; <see cref="AppendResult.DecisionId"/> is the first decision.</summary>
    Replayed,

    /// <summary>The idempotency key was used before with a different request; nothing stored.</summary>
    IdempotencyConflict,

    /// <summary>The decision id exists with different content; nothing stored.</summary>
    DecisionIdConflict,
}

/// <summary>The outcome of an append. <see cref="Sequence"/> and <see cref="Hash"/> are set when <see cref="Status"/> is Recorded.</summary>
public sealed record AppendResult(AppendStatus Status, string DecisionId, long? Sequence, string? Hash);
