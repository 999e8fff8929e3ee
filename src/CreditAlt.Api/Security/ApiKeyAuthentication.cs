using System.Security.Claims;
using System.Text.Encodings.Web;
using CreditAlt.Api.Infrastructure;
using CreditAlt.Data;
using CreditAlt.Data.Resilience;
using CreditAlt.Data.Security;
using System.Runtime.ExceptionServices;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace CreditAlt.Api.Security;

/// <summary>Roles an API key can hold, and the claims a key puts on the request.</summary>
internal static class Roles
{
    public const string Lender = "lender";
    public const string Compliance = "compliance";
    public const string Admin = "admin";

    public const string LenderIdClaim = "creditalt:lender_id";
    public const string KeyIdClaim = "creditalt:key_id";

    public static string? LenderId(this ClaimsPrincipal user) => user.FindFirst(LenderIdClaim)?.Value;

    public static string? KeyId(this ClaimsPrincipal user) => user.FindFirst(KeyIdClaim)?.Value;
}

/// <summary>
/// Reads an API key from <c>Authorization: Bearer ca_...</c> or <c>X-Api-Key: ca_...</c> and looks it up by hash.
/// Applicant access tokens (<c>at_...</c>) are not keys: this handler leaves them to the notice endpoint, which
/// checks them against the one decision they open. Lookups are cached briefly (positive and negative) so a
/// request costs no database round trip; <see cref="ApiOptions.ApiKeyCacheDuration"/> bounds how long a
/// revoked key keeps working.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    CreditAltDatabase database,
    IMemoryCache cache,
    IOptions<ApiOptions> apiOptions)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string KeyPrefix = "ca_";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var secret = ReadKey(Request);
        if (secret is null)
            return AuthenticateResult.NoResult();

        var cacheKey = CacheKey(secret);
        if (!cache.TryGetValue(cacheKey, out ApiKeyRecord? record))
        {
            try
            {
                record = await database.ApiKeys.FindAsync(secret, Context.RequestAborted).ConfigureAwait(false);
            }
            catch (StorageUnavailableException ex)
            {
                // Not a 401: the key may be fine. Endpoints that need the key rethrow it (503); the others carry on.
                return AuthenticateResult.Fail(ex);
            }
            var ttl = record is null ? TimeSpan.FromSeconds(5) : apiOptions.Value.ApiKeyCacheDuration;
            if (ttl > TimeSpan.Zero)
                cache.Set(cacheKey, record, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = ttl, Size = 1 });
        }

        if (record is null)
            return AuthenticateResult.Fail("unknown or revoked API key");

        var claims = new List<Claim>
        {
            new(ClaimTypes.Role, record.Role),
            new(Roles.KeyIdClaim, record.KeyId),
        };
        if (record.LenderId is { Length: > 0 } lender)
            claims.Add(new Claim(Roles.LenderIdClaim, lender));
        var identity = new ClaimsIdentity(claims, SchemeName, Roles.KeyIdClaim, ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync().ConfigureAwait(false);
        if (result.Failure is StorageUnavailableException storage)
            ExceptionDispatchInfo.Throw(storage);
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"creditalt\"";
    }

    /// <summary>Where a key's lookup is cached: by the key's hash, never the secret itself.</summary>
    public static string CacheKey(string secret) => "apikey:" + SecretHash.Hash(secret);

    /// <summary>The API key in the request, or null when there is none (an applicant token is not a key).</summary>
    public static string? ReadKey(HttpRequest request)
    {
        if (request.Headers.TryGetValue("X-Api-Key", out var header) && header.Count == 1 && header[0] is { Length: > 0 } key)
            return key.Trim();
        var bearer = Bearer(request);
        return bearer is not null && bearer.StartsWith(KeyPrefix, StringComparison.Ordinal) ? bearer : null;
    }

    /// <summary>The token after <c>Bearer </c> in the Authorization header, or null.</summary>
    public static string? Bearer(HttpRequest request)
    {
        var authorization = request.Headers.Authorization;
        if (authorization.Count != 1 || authorization[0] is not { } value)
            return null;
        const string prefix = "Bearer ";
        return value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && value.Length > prefix.Length ? value[prefix.Length..].Trim() : null;
    }
}
