using System.Globalization;
using Dapper;

namespace CreditAlt.Data.Security;

/// <summary>A stored API key (never the secret itself).</summary>
public sealed record ApiKeyRecord(string KeyId, string Role, string? LenderId, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>An issued key: the secret is shown once to whoever created it and stored only as a hash.</summary>
public sealed record IssuedApiKey(ApiKeyRecord Key, string Secret);

/// <summary>API keys with a role (<c>lender</c>, <c>compliance</c>, <c>admin</c>) and, for lenders, the lender they act for.</summary>
public sealed class ApiKeyStore
{
    public static readonly IReadOnlyList<string> Roles = ["lender", "compliance", "admin"];

    private readonly CreditAltDatabase _db;

    internal ApiKeyStore(CreditAltDatabase db) => _db = db;

    public async Task<IssuedApiKey> CreateAsync(string role, string? lenderId, CancellationToken ct = default)
    {
        if (!Roles.Contains(role))
            throw new ArgumentException($"role must be one of {string.Join(", ", Roles)}, got '{role}'", nameof(role));
        if (role == "lender" && string.IsNullOrWhiteSpace(lenderId))
            throw new ArgumentException("a lender key needs a lender id", nameof(lenderId));
        var secret = SecretHash.NewSecret("ca_");
        var record = new ApiKeyRecord("key_" + Guid.NewGuid().ToString("N")[..16], role, lenderId, _db.Time.GetUtcNow(), null);
        await _db.RunAsync((c, token) => c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO api_keys (key_id, key_hash, role, lender_id, created_at, revoked_at) VALUES (@KeyId, @Hash, @Role, @LenderId, @At, NULL)",
            new { record.KeyId, Hash = SecretHash.Hash(secret), record.Role, record.LenderId, At = Iso(record.CreatedAt) }, cancellationToken: token)), ct).ConfigureAwait(false);
        return new IssuedApiKey(record, secret);
    }

    /// <summary>The active key whose secret this is, or null (unknown or revoked).</summary>
    public async Task<ApiKeyRecord?> FindAsync(string secret, CancellationToken ct = default)
    {
        var row = await _db.RunAsync((c, token) => c.QuerySingleOrDefaultAsync<(string KeyId, string Role, string? LenderId, string CreatedAt, string? RevokedAt)?>(new CommandDefinition(
            "SELECT key_id, role, lender_id, created_at, revoked_at FROM api_keys WHERE key_hash = @hash",
            new { hash = SecretHash.Hash(secret) }, cancellationToken: token)), ct).ConfigureAwait(false);
        if (row is not { } r || r.RevokedAt is not null)
            return null;
        return new ApiKeyRecord(r.KeyId, r.Role, r.LenderId, Parse(r.CreatedAt), null);
    }

    public Task<bool> RevokeAsync(string keyId, CancellationToken ct = default) =>
        _db.RunAsync(async (c, token) => await c.ExecuteAsync(new CommandDefinition(
            "UPDATE api_keys SET revoked_at = @at WHERE key_id = @keyId AND revoked_at IS NULL",
            new { keyId, at = Iso(_db.Time.GetUtcNow()) }, cancellationToken: token)).ConfigureAwait(false) == 1, ct);

    internal static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    internal static DateTimeOffset Parse(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
