using Dapper;

namespace CreditAlt.Data.Security;

/// <summary>Applicant access tokens: each opens the notice of exactly one decision. Stored only as hashes.</summary>
public sealed class AccessTokenStore
{
    private readonly CreditAltDatabase _db;

    internal AccessTokenStore(CreditAltDatabase db) => _db = db;

    /// <summary>Issues a token for <paramref name="decisionId"/>; returns the secret (shown once).</summary>
    public async Task<string> IssueAsync(string decisionId, DateTimeOffset? expiresAt = null, CancellationToken ct = default)
    {
        var secret = SecretHash.NewSecret("at_");
        await _db.RunAsync((c, token) => c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO applicant_tokens (token_hash, decision_id, created_at, expires_at) VALUES (@hash, @decisionId, @now, @expires)",
            new
            {
                hash = SecretHash.Hash(secret),
                decisionId,
                now = ApiKeyStore.Iso(_db.Time.GetUtcNow()),
                expires = expiresAt is { } e ? ApiKeyStore.Iso(e) : null,
            }, cancellationToken: token)), ct).ConfigureAwait(false);
        return secret;
    }

    /// <summary>True when <paramref name="secret"/> is an unexpired token for <paramref name="decisionId"/>.</summary>
    public async Task<bool> OpensAsync(string decisionId, string secret, CancellationToken ct = default)
    {
        var row = await _db.RunAsync((c, token) => c.QuerySingleOrDefaultAsync<(string DecisionId, string? ExpiresAt)?>(new CommandDefinition(
            "SELECT decision_id, expires_at FROM applicant_tokens WHERE token_hash = @hash",
            new { hash = SecretHash.Hash(secret) }, cancellationToken: token)), ct).ConfigureAwait(false);
        if (row is not { } r || !string.Equals(r.DecisionId, decisionId, StringComparison.Ordinal))
            return false;
        return r.ExpiresAt is null || ApiKeyStore.Parse(r.ExpiresAt) > _db.Time.GetUtcNow();
    }
}
