using System.Globalization;

namespace CreditAlt.Data.Ledger;

/// <summary>A decisions row exactly as stored (all text), which is what the hash covers.</summary>
internal sealed class LedgerRow
{
    public long Seq { get; set; }
    public string DecisionId { get; set; } = "";
    public string LenderId { get; set; } = "";
    public string ApplicationId { get; set; } = "";
    public string ApplicantId { get; set; } = "";
    public string ModelId { get; set; } = "";
    public string ModelVersion { get; set; } = "";
    public string ApplicationFingerprint { get; set; } = "";

    /// <summary>
    /// The canonical application JSON: the <c>application_json</c> text of a row stored before migration 7, else
    /// <see cref="ApplicationJsonDeflate"/> inflated (<see cref="ApplicationDocument"/>) when first asked for.
    /// </summary>
    public string ApplicationJson
    {
        get => _applicationJson ??= ApplicationJsonDeflate is { } deflated ? ApplicationDocument.Inflate(deflated) : "";
        set => _applicationJson = value;
    }

    private string? _applicationJson;

    /// <summary>The <c>application_json_deflate</c> column: set on every row appended since migration 7.</summary>
    public byte[]? ApplicationJsonDeflate { get; set; }

    /// <summary>The stored application JSON as the bytes its fingerprint covers (the text of an older row, encoded).</summary>
    public byte[] ApplicationJsonUtf8() =>
        _applicationJson is null && ApplicationJsonDeflate is { } deflated
            ? ApplicationDocument.InflateBytes(deflated)
            : System.Text.Encoding.UTF8.GetBytes(ApplicationJson);

    public int? Score { get; set; }
    public string Decision { get; set; } = "";
    public string? Recourse { get; set; }
    public string AsOfDate { get; set; } = "";
    public string RecordedAt { get; set; } = "";
    public string? IdempotencyKey { get; set; }
    public string? RequestHash { get; set; }
    public string PrevHash { get; set; } = "";
    public string Hash { get; set; } = "";
    public List<DecisionReason> Reasons { get; private set; } = [];

    /// <summary>The reasons column as stored (<see cref="ReasonsColumn"/>); reading a row sets <see cref="Reasons"/> from it.</summary>
    public string? ReasonsJson
    {
        get => _reasonsJson;
        set
        {
            _reasonsJson = value;
            Reasons = ReasonsColumn.Parse(value);
        }
    }

    private string? _reasonsJson;

    public const string Columns =
        "seq AS Seq, decision_id AS DecisionId, lender_id AS LenderId, application_id AS ApplicationId, applicant_id AS ApplicantId, " +
        "model_id AS ModelId, model_version AS ModelVersion, application_fingerprint AS ApplicationFingerprint, " +
        "application_json AS ApplicationJson, application_json_deflate AS ApplicationJsonDeflate, score AS Score, decision AS Decision, recourse AS Recourse, as_of_date AS AsOfDate, " +
        "recorded_at AS RecordedAt, idempotency_key AS IdempotencyKey, request_hash AS RequestHash, prev_hash AS PrevHash, hash AS Hash, " +
        "reasons AS ReasonsJson";

    /// <summary>The decisions table's columns in insert order (an appended row leaves the pre-migration-7 <c>application_json</c> NULL).</summary>
    public static readonly string[] StoredColumns =
    [
        "seq", "decision_id", "lender_id", "application_id", "applicant_id", "model_id", "model_version", "application_fingerprint",
        "application_json_deflate", "score", "decision", "recourse", "as_of_date", "recorded_at", "idempotency_key", "request_hash", "prev_hash", "hash",
        "reasons",
    ];

    /// <summary>
    /// UTC with seven fractional digits (yyyy-MM-ddTHH:mm:ss.fffffffZ): one spelling per instant, so the hash input is
    /// unique. That is the round-trip format of a UTC DateTime, which .NET writes without parsing a pattern.
    /// </summary>
    public static string FormatInstant(DateTimeOffset at) => at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>yyyy-MM-dd, DateOnly's round-trip format.</summary>
    public static string FormatDate(DateOnly d) => d.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>The row for <paramref name="d"/>, before it has a place in the chain (sequence, previous hash, hash).</summary>
    public static LedgerRow From(DecisionToRecord d) => new()
    {
        DecisionId = d.DecisionId,
        LenderId = d.LenderId,
        ApplicationId = d.ApplicationId,
        ApplicantId = d.ApplicantId,
        ModelId = d.ModelId,
        ModelVersion = d.ModelVersion,
        ApplicationFingerprint = d.ApplicationFingerprint,
        Score = d.Score,
        Decision = d.Decision,
        Recourse = d.Recourse,
        AsOfDate = FormatDate(d.AsOfDate),
        RecordedAt = FormatInstant(d.RecordedAt),
        IdempotencyKey = d.IdempotencyKey,
        RequestHash = d.RequestHash,
        Reasons = [.. d.Reasons],
        _reasonsJson = ReasonsColumn.Format(d.Reasons),
    };

    public LedgerEntry ToEntry() => new(
        Seq, DecisionId, LenderId, ApplicationId, ApplicantId, ModelId, ModelVersion, ApplicationFingerprint, ApplicationJson,
        Score, Decision, Reasons, Recourse,
        DateOnly.ParseExact(AsOfDate, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset.Parse(RecordedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        IdempotencyKey, RequestHash, PrevHash, Hash);
}
