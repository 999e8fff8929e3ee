using System.Data.Common;
using CreditAlt.Data.Connections;
using Dapper;

namespace CreditAlt.Data.Security;

/// <summary>
/// An applicant access token as stored: the SHA-256 of the secret (never the secret) and its expiry (null: never).
/// Build it with <see cref="AccessTokenStore.NewSecret"/> and <see cref="FromSecret"/>.
/// </summary>
public sealed record AccessToken(string TokenHash, DateTimeOffset? ExpiresAt)
{
    public static AccessToken FromSecret(string secret, DateTimeOffset? expiresAt = null) => new(SecretHash.Hash(secret), expiresAt);
}

/// <summary>A token to issue for <see cref="DecisionId"/> in <see cref="AccessTokenStore.IssueManyAsync"/>.</summary>
public sealed record AccessTokenRequest(string DecisionId, DateTimeOffset? ExpiresAt = null);

/// <summary>Applicant access tokens: each opens the notice of exactly one decision. Stored only as hashes.</summary>
public sealed class AccessTokenStore
{
    public const string Prefix = "at_";

    private readonly CreditAltDatabase _db;

    internal AccessTokenStore(CreditAltDatabase db) => _db = db;

    /// <summary>A new secret (<c>at_</c> + 43 base64url characters); store it with <see cref="AccessToken.FromSecret"/>.</summary>
    public static string NewSecret() => SecretHash.NewSecret(Prefix);

    /// <summary>Issues a token for <paramref name="decisionId"/>; returns the secret (shown once).</summary>
    public async Task<string> IssueAsync(string decisionId, DateTimeOffset? expiresAt = null, CancellationToken ct = default) =>
        (await IssueManyAsync([new AccessTokenRequest(decisionId, expiresAt)], ct).ConfigureAwait(false))[0];

    /// <summary>
    /// Issues one token per request in a single transaction (one commit for the lot); returns the secrets in the
    /// order of <paramref name="requests"/>. Either all are stored or none.
    /// </summary>
    public async Task<IReadOnlyList<string>> IssueManyAsync(IReadOnlyList<AccessTokenRequest> requests, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        if (requests.Count == 0)
            return [];
        var secrets = requests.Select(_ => NewSecret()).ToArray();
        var rows = requests.Select((r, i) => (r.DecisionId, Token: AccessToken.FromSecret(secrets[i], r.ExpiresAt))).ToList();
        var now = ApiKeyStore.Iso(_db.Time.GetUtcNow());
        await _db.RunAsync(async (c, token) =>
        {
            await using var tx = await c.BeginTransactionAsync(token).ConfigureAwait(false);
            await InsertAsync(c, tx, _db.Dialect, rows, now, token).ConfigureAwait(false);
            await tx.CommitAsync(token).ConfigureAwait(false);
            return true;
        }, ct).ConfigureAwait(false);
        return secrets;
    }

    /// <summary>
    /// Replaces every token of <paramref name="decisionId"/> with one new token, in one transaction: afterwards exactly
    /// one token opens the decision's notice. Returns the secret (shown once).
    /// </summary>
    public async Task<string> ReplaceAsync(string decisionId, DateTimeOffset? expiresAt, CancellationToken ct = default)
    {
        var secret = NewSecret();
        var rows = new List<(string, AccessToken)> { (decisionId, AccessToken.FromSecret(secret, expiresAt)) };
        var now = ApiKeyStore.Iso(_db.Time.GetUtcNow());
        await _db.RunAsync(async (c, token) =>
        {
            await using var tx = await c.BeginTransactionAsync(token).ConfigureAwait(false);
            await c.ExecuteAsync(new CommandDefinition("DELETE FROM applicant_tokens WHERE decision_id = @decisionId", new { decisionId }, tx, cancellationToken: token)).ConfigureAwait(false);
            await InsertAsync(c, tx, _db.Dialect, rows, now, token).ConfigureAwait(false);
            await tx.CommitAsync(token).ConfigureAwait(false);
            return true;
        }, ct).ConfigureAwait(false);
        return secret;
    }

    /// <summary>How many tokens are stored for <paramref name="decisionId"/> (expired ones included).</summary>
    public Task<int> CountAsync(string decisionId, CancellationToken ct = default) =>
        _db.RunAsync((c, token) => c.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM applicant_tokens WHERE decision_id = @decisionId", new { decisionId }, cancellationToken: token)), ct);

    /// <summary>True when <paramref name="secret"/> is an unexpired token for <paramref name="decisionId"/>.</summary>
    public async Task<bool> OpensAsync(string decisionId, string secret, CancellationToken ct = default)
    {
        var found = await _db.RunAsync((c, token) => c.QueryAsync<string?>(new CommandDefinition(
            "SELECT expires_at FROM applicant_tokens WHERE decision_id = @decisionId AND token_hash = @hash",
            new { decisionId, hash = SecretHash.Hash(secret) }, cancellationToken: token)), ct).ConfigureAwait(false);
        var now = _db.Time.GetUtcNow();
        return found.Any(expiresAt => expiresAt is null || ApiKeyStore.Parse(expiresAt) > now);
    }

    /// <summary>Inserts token rows inside the caller's transaction (also used by the ledger's batch).</summary>
    internal static async Task InsertAsync(
        DbConnection c, DbTransaction tx, SqlDialect dialect, IReadOnlyList<(string DecisionId, AccessToken Token)> rows, string now, CancellationToken ct)
    {
        if (rows.Count == 0)
            return;
        if (c is Npgsql.NpgsqlConnection) // array parameters: one statement for the whole batch
        {
            await c.ExecuteAsync(new CommandDefinition(
                "INSERT INTO applicant_tokens (token_hash, decision_id, created_at, expires_at) " +
                "SELECT h, d, @now, e FROM unnest(@hash, @decision, @expires) AS t(h, d, e)",
                new
                {
                    now,
                    hash = rows.Select(r => r.Token.TokenHash).ToArray(),
                    decision = rows.Select(r => r.DecisionId).ToArray(),
                    expires = rows.Select(r => r.Token.ExpiresAt is { } e ? ApiKeyStore.Iso(e) : null).ToArray(),
                }, tx, cancellationToken: ct)).ConfigureAwait(false);
            return;
        }
        await PreparedInsert.RunAsync(c, tx, "applicant_tokens", ["token_hash", "decision_id", "created_at", "expires_at"], rows, (r, v) =>
        {
            v[0] = r.Token.TokenHash;
            v[1] = r.DecisionId;
            v[2] = now;
            v[3] = r.Token.ExpiresAt is { } e ? ApiKeyStore.Iso(e) : null;
        }, ct).ConfigureAwait(false);
    }
}
