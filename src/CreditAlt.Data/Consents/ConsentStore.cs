using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using CreditAlt.Data.Ledger;
using Dapper;

namespace CreditAlt.Data.Consents;

/// <summary>
/// A consent as the store keeps it. <see cref="RecordJson"/> is the authorisation as granted (without its revocation,
/// which has its own columns), so the same consent sent again compares equal whatever became of it since.
/// </summary>
public sealed record StoredConsent(
    string LenderId,
    string ConsentId,
    string ApplicantId,
    string ApplicationId,
    DateTimeOffset GrantedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? RevokedAt,
    string? RevokedBy,
    string? RevocationReason,
    string RecordJson,
    DateTimeOffset ReceivedAt);

/// <summary>A consent to store: <see cref="RecordJson"/> is the record without its revocation; a revocation it carries goes in <see cref="RevokedAt"/>….</summary>
public sealed record ConsentToStore(
    string ConsentId,
    string ApplicantId,
    string ApplicationId,
    DateTimeOffset GrantedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? RevokedAt,
    string? RevokedBy,
    string? RevocationReason,
    string RecordJson);

public enum ConsentStoreStatus
{
    /// <summary>Stored now, or already stored with the same record.</summary>
    Stored,

    /// <summary>The lender already stored another record under this consent id; nothing changed.</summary>
    Conflict,
}

/// <summary>What <see cref="ConsentStore.RecordAsync"/> did; <see cref="Consent"/> is the consent as stored (with any revocation known).</summary>
public sealed record ConsentStoreResult(ConsentStoreStatus Status, StoredConsent Consent);

public enum RevokeStatus
{
    Revoked,
    AlreadyRevoked,
    NotFound,
}

/// <summary>What became of a revocation: the consent as stored after it, and how many raw sets were deleted now.</summary>
public sealed record RevokeResult(RevokeStatus Status, StoredConsent? Consent, int RawSetsDeleted);

/// <summary>A raw transaction set received under a consent, for one decision.</summary>
public sealed record TransactionSetToStore(
    string SetId,
    string ConsentId,
    string DecisionId,
    string ApplicationId,
    string Format,
    ReadOnlyMemory<byte> Body,
    DateTimeOffset ReceivedAt,
    DateTimeOffset DeleteAfter);

/// <summary>A stored raw set: <see cref="Body"/> is null once deleted, and <see cref="DeletedBecause"/> says why (<c>revoked</c>, <c>retention</c>).</summary>
public sealed record StoredTransactionSet(
    string SetId,
    string LenderId,
    string ConsentId,
    string DecisionId,
    string ApplicationId,
    string Format,
    string BodySha256,
    byte[]? Body,
    DateTimeOffset ReceivedAt,
    DateTimeOffset DeleteAfter,
    DateTimeOffset? DeletedAt,
    string? DeletedBecause);

/// <summary>
/// Consents and the raw transaction sets received under them (docs/transactions.md, "Consent" and "Retention").
/// A consent is keyed by the lender and its id, so one lender can neither read nor revoke another's. Raw bodies are
/// stored deflated; deleting one clears the body and keeps the row, with when and why.
/// </summary>
public sealed class ConsentStore
{
    /// <summary>Why a raw set's body was deleted.</summary>
    public const string DeletedOnRevocation = "revoked";

    /// <inheritdoc cref="DeletedOnRevocation"/>
    public const string DeletedByRetention = "retention";

    private const string ConsentColumns =
        "lender_id AS LenderId, consent_id AS ConsentId, applicant_id AS ApplicantId, application_id AS ApplicationId, granted_at AS GrantedAt, " +
        "expires_at AS ExpiresAt, revoked_at AS RevokedAt, revoked_by AS RevokedBy, revocation_reason AS RevocationReason, record_json AS RecordJson, received_at AS ReceivedAt";

    private const string SetColumns =
        "set_id AS SetId, lender_id AS LenderId, consent_id AS ConsentId, decision_id AS DecisionId, application_id AS ApplicationId, format AS Format, " +
        "body_sha256 AS BodySha256, body_deflate AS Body, received_at AS ReceivedAt, delete_after AS DeleteAfter, deleted_at AS DeletedAt, deleted_because AS DeletedBecause";

    private readonly CreditAltDatabase _db;

    internal ConsentStore(CreditAltDatabase db) => _db = db;

    /// <summary>
    /// Stores <paramref name="consent"/> for <paramref name="lenderId"/> unless it is already stored. A revocation in it
    /// that the store does not know yet is applied (and the consent's raw sets deleted) as by <see cref="RevokeAsync"/>.
    /// </summary>
    public Task<ConsentStoreResult> RecordAsync(string lenderId, ConsentToStore consent, DateTimeOffset receivedAt, CancellationToken ct = default) =>
        _db.RunAsync(async (c, token) =>
        {
            await using var tx = await c.BeginTransactionAsync(token).ConfigureAwait(false);
            var stored = await GetAsync(c, tx, lenderId, consent.ConsentId, token).ConfigureAwait(false);
            if (stored is null)
            {
                await c.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO consents (lender_id, consent_id, applicant_id, application_id, granted_at, expires_at, revoked_at, revoked_by, revocation_reason, record_json, received_at) " +
                    "VALUES (@lenderId, @ConsentId, @ApplicantId, @ApplicationId, @GrantedAt, @ExpiresAt, @RevokedAt, @RevokedBy, @RevocationReason, @RecordJson, @ReceivedAt)",
                    new
                    {
                        lenderId, consent.ConsentId, consent.ApplicantId, consent.ApplicationId,
                        GrantedAt = LedgerRow.FormatInstant(consent.GrantedAt), ExpiresAt = LedgerRow.FormatInstant(consent.ExpiresAt),
                        RevokedAt = consent.RevokedAt is { } r ? LedgerRow.FormatInstant(r) : null, consent.RevokedBy, consent.RevocationReason,
                        consent.RecordJson, ReceivedAt = LedgerRow.FormatInstant(receivedAt),
                    }, tx, cancellationToken: token)).ConfigureAwait(false);
                stored = (await GetAsync(c, tx, lenderId, consent.ConsentId, token).ConfigureAwait(false))!;
            }
            else if (!string.Equals(stored.RecordJson, consent.RecordJson, StringComparison.Ordinal))
            {
                return new ConsentStoreResult(ConsentStoreStatus.Conflict, stored);
            }
            else if (stored.RevokedAt is null && consent.RevokedAt is { } revokedAt)
            {
                await RevokeAsync(c, tx, lenderId, consent.ConsentId, revokedAt, consent.RevokedBy!, consent.RevocationReason, token).ConfigureAwait(false);
                stored = (await GetAsync(c, tx, lenderId, consent.ConsentId, token).ConfigureAwait(false))!;
            }
            await tx.CommitAsync(token).ConfigureAwait(false);
            return new ConsentStoreResult(ConsentStoreStatus.Stored, stored);
        }, ct);

    /// <summary>The lender's consent with this id, or null (another lender's consent is not found).</summary>
    public Task<StoredConsent?> GetAsync(string lenderId, string consentId, CancellationToken ct = default) =>
        _db.RunAsync((c, token) => GetAsync(c, null, lenderId, consentId, token), ct);

    /// <summary>
    /// Revokes the lender's consent at <paramref name="revokedAt"/> and deletes the raw bodies of every set received under
    /// it, in one transaction. The derived applications and decisions stay in the ledger. A consent already revoked keeps
    /// its first revocation.
    /// </summary>
    public Task<RevokeResult> RevokeAsync(string lenderId, string consentId, DateTimeOffset revokedAt, string revokedBy, string? reason, CancellationToken ct = default) =>
        _db.RunAsync(async (c, token) =>
        {
            await using var tx = await c.BeginTransactionAsync(token).ConfigureAwait(false);
            var stored = await GetAsync(c, tx, lenderId, consentId, token).ConfigureAwait(false);
            if (stored is null)
                return new RevokeResult(RevokeStatus.NotFound, null, 0);
            if (stored.RevokedAt is not null)
                return new RevokeResult(RevokeStatus.AlreadyRevoked, stored, 0);
            var deleted = await RevokeAsync(c, tx, lenderId, consentId, revokedAt, revokedBy, reason, token).ConfigureAwait(false);
            stored = await GetAsync(c, tx, lenderId, consentId, token).ConfigureAwait(false);
            await tx.CommitAsync(token).ConfigureAwait(false);
            return new RevokeResult(RevokeStatus.Revoked, stored, deleted);
        }, ct);

    /// <summary>
    /// Stores a raw set, deflated, under the lender's consent, on its own; false (nothing stored) when that consent is
    /// revoked by now. A decision's own set goes with the decision instead (<see cref="DecisionToRecord.RawTransactions"/>),
    /// in the ledger's transaction.
    /// </summary>
    public Task<bool> StoreTransactionsAsync(string lenderId, TransactionSetToStore set, CancellationToken ct = default)
    {
        var deflated = Deflate(set.Body.Span);
        var sha = Convert.ToHexStringLower(SHA256.HashData(set.Body.Span));
        return _db.RunAsync(async (c, token) => await c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO transaction_sets (set_id, lender_id, consent_id, decision_id, application_id, format, body_sha256, body_deflate, received_at, delete_after) " +
            "SELECT @SetId, @lenderId, @ConsentId, @DecisionId, @ApplicationId, @Format, @sha, @deflated, @ReceivedAt, @DeleteAfter " +
            "WHERE NOT EXISTS (SELECT 1 FROM consents WHERE lender_id = @lenderId AND consent_id = @ConsentId AND revoked_at IS NOT NULL)",
            new
            {
                set.SetId, lenderId, set.ConsentId, set.DecisionId, set.ApplicationId, set.Format, sha, deflated,
                ReceivedAt = LedgerRow.FormatInstant(set.ReceivedAt), DeleteAfter = LedgerRow.FormatInstant(set.DeleteAfter),
            }, cancellationToken: token)).ConfigureAwait(false) == 1, ct);
    }

    /// <summary>The raw sets behind a decision (normally one), with their bodies inflated when not yet deleted.</summary>
    public Task<IReadOnlyList<StoredTransactionSet>> ForDecisionAsync(string decisionId, CancellationToken ct = default) =>
        _db.RunAsync<IReadOnlyList<StoredTransactionSet>>(async (c, token) => (await c.QueryAsync<SetRow>(new CommandDefinition(
            $"SELECT {SetColumns} FROM transaction_sets WHERE decision_id = @decisionId ORDER BY set_id", new { decisionId }, cancellationToken: token)).ConfigureAwait(false))
            .Select(r => r.ToSet()).ToList(), ct);

    /// <summary>The raw sets received under one of the lender's consents.</summary>
    public Task<IReadOnlyList<StoredTransactionSet>> ForConsentAsync(string lenderId, string consentId, CancellationToken ct = default) =>
        _db.RunAsync<IReadOnlyList<StoredTransactionSet>>(async (c, token) => (await c.QueryAsync<SetRow>(new CommandDefinition(
            $"SELECT {SetColumns} FROM transaction_sets WHERE lender_id = @lenderId AND consent_id = @consentId ORDER BY set_id", new { lenderId, consentId }, cancellationToken: token)).ConfigureAwait(false))
            .Select(r => r.ToSet()).ToList(), ct);

    /// <summary>
    /// The retention sweep: deletes the body of every raw set whose retention ended at or before <paramref name="now"/>
    /// (<see cref="TransactionSetToStore.DeleteAfter"/>) or whose consent is revoked; returns how many it deleted.
    /// </summary>
    public Task<int> PurgeAsync(DateTimeOffset now, CancellationToken ct = default) =>
        _db.RunAsync(async (c, token) =>
        {
            await using var tx = await c.BeginTransactionAsync(token).ConfigureAwait(false);
            var at = LedgerRow.FormatInstant(now);
            var revoked = await c.ExecuteAsync(new CommandDefinition(
                "UPDATE transaction_sets SET body_deflate = NULL, deleted_at = @at, deleted_because = @why WHERE deleted_at IS NULL AND EXISTS " +
                "(SELECT 1 FROM consents k WHERE k.lender_id = transaction_sets.lender_id AND k.consent_id = transaction_sets.consent_id AND k.revoked_at IS NOT NULL)",
                new { at, why = DeletedOnRevocation }, tx, cancellationToken: token)).ConfigureAwait(false);
            var expired = await c.ExecuteAsync(new CommandDefinition(
                "UPDATE transaction_sets SET body_deflate = NULL, deleted_at = @at, deleted_because = @why WHERE deleted_at IS NULL AND delete_after <= @at",
                new { at, why = DeletedByRetention }, tx, cancellationToken: token)).ConfigureAwait(false);
            await tx.CommitAsync(token).ConfigureAwait(false);
            return revoked + expired;
        }, ct);

    private static async Task<int> RevokeAsync(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction tx, string lenderId, string consentId,
        DateTimeOffset revokedAt, string revokedBy, string? reason, CancellationToken token)
    {
        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE consents SET revoked_at = @at, revoked_by = @revokedBy, revocation_reason = @reason WHERE lender_id = @lenderId AND consent_id = @consentId AND revoked_at IS NULL",
            new { at = LedgerRow.FormatInstant(revokedAt), revokedBy, reason, lenderId, consentId }, tx, cancellationToken: token)).ConfigureAwait(false);
        return await c.ExecuteAsync(new CommandDefinition(
            "UPDATE transaction_sets SET body_deflate = NULL, deleted_at = @at, deleted_because = @why WHERE lender_id = @lenderId AND consent_id = @consentId AND deleted_at IS NULL",
            new { at = LedgerRow.FormatInstant(revokedAt), why = DeletedOnRevocation, lenderId, consentId }, tx, cancellationToken: token)).ConfigureAwait(false);
    }

    private static async Task<StoredConsent?> GetAsync(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction? tx, string lenderId, string consentId, CancellationToken token) =>
        (await c.QuerySingleOrDefaultAsync<ConsentRow>(new CommandDefinition(
            $"SELECT {ConsentColumns} FROM consents WHERE lender_id = @lenderId AND consent_id = @consentId", new { lenderId, consentId }, tx, cancellationToken: token)).ConfigureAwait(false))?.ToConsent();

    internal static byte[] Deflate(ReadOnlySpan<byte> body)
    {
        using var output = new MemoryStream(body.Length / 4 + 64);
        using (var deflate = new DeflateStream(output, CompressionLevel.Fastest, leaveOpen: true))
            deflate.Write(body);
        return output.ToArray();
    }

    private static byte[] Inflate(byte[] deflated)
    {
        using var input = new DeflateStream(new MemoryStream(deflated), CompressionMode.Decompress);
        using var output = new MemoryStream(deflated.Length * 4);
        input.CopyTo(output);
        return output.ToArray();
    }

    private static DateTimeOffset Instant(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private sealed class ConsentRow
    {
        public string LenderId { get; set; } = "";
        public string ConsentId { get; set; } = "";
        public string ApplicantId { get; set; } = "";
        public string ApplicationId { get; set; } = "";
        public string GrantedAt { get; set; } = "";
        public string ExpiresAt { get; set; } = "";
        public string? RevokedAt { get; set; }
        public string? RevokedBy { get; set; }
        public string? RevocationReason { get; set; }
        public string RecordJson { get; set; } = "";
        public string ReceivedAt { get; set; } = "";

        public StoredConsent ToConsent() => new(LenderId, ConsentId, ApplicantId, ApplicationId, Instant(GrantedAt), Instant(ExpiresAt),
            RevokedAt is null ? null : Instant(RevokedAt), RevokedBy, RevocationReason, RecordJson, Instant(ReceivedAt));
    }

    private sealed class SetRow
    {
        public string SetId { get; set; } = "";
        public string LenderId { get; set; } = "";
        public string ConsentId { get; set; } = "";
        public string DecisionId { get; set; } = "";
        public string ApplicationId { get; set; } = "";
        public string Format { get; set; } = "";
        public string BodySha256 { get; set; } = "";
        public byte[]? Body { get; set; }
        public string ReceivedAt { get; set; } = "";
        public string DeleteAfter { get; set; } = "";
        public string? DeletedAt { get; set; }
        public string? DeletedBecause { get; set; }

        public StoredTransactionSet ToSet() => new(SetId, LenderId, ConsentId, DecisionId, ApplicationId, Format, BodySha256,
            Body is null ? null : Inflate(Body), Instant(ReceivedAt), Instant(DeleteAfter), DeletedAt is null ? null : Instant(DeletedAt), DeletedBecause);
    }
}
