using System.ComponentModel.DataAnnotations;

namespace CreditAlt.Api.Infrastructure;

/// <summary>Everything the service reads from the <c>CreditAlt</c> configuration section (env: <c>CreditAlt__Database</c>, ...).</summary>
public sealed class ApiOptions
{
    public const string Section = "CreditAlt";

    /// <summary>Where decisions are stored, in the CLI's <c>--db</c> forms (sqlite:PATH, postgres://..., Host=...;..., sqlserver:...).</summary>
    /// <value>sqlite:.creditalt/creditalt.db (under the working directory)</value>
    public string Database { get; set; } = "sqlite:.creditalt/creditalt.db";

    /// <summary>The scorecard that scores every application (<c>scorecard.json</c>); relative paths start at the working directory.</summary>
    /// <value>models/champion/scorecard.json</value>
    public string ModelPath { get; set; } = "models/champion/scorecard.json";

    /// <summary>
    /// The transaction categoriser model's directory (written by <c>creditalt train-categoriser</c>), the same default
    /// as <c>creditalt ingest</c>'s, found like <see cref="ModelPath"/>; <c>none</c> categorises by the rules alone.
    /// </summary>
    /// <value>models/categoriser</value>
    public string CategoriserPath { get; set; } = "models/categoriser";

    /// <summary>Largest request body accepted; larger bodies get 413.</summary>
    /// <value>262,144 bytes (256 KB)</value>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxRequestBodyBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// Largest body of <c>POST /v1/decisions</c> when it carries raw bank transactions (a year of an FDX or aggregator
    /// document is a few hundred KB); application bodies keep <see cref="MaxRequestBodyBytes"/>.
    /// </summary>
    /// <value>4,194,304 bytes (4 MB)</value>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxTransactionBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// How long the raw transactions behind a decision are kept after it, at most (docs/transactions.md, "Retention"):
    /// the body is deleted at the earlier of this and the consent's expiry, or at once on revocation.
    /// </summary>
    /// <value>90 days</value>
    public TimeSpan RawTransactionRetention { get; set; } = TimeSpan.FromDays(90);

    public RateLimitOptions RateLimit { get; set; } = new();

    public NoticeOptions Notice { get; set; } = new();

    /// <summary>How long an applicant access token opens its notice, counted from the decision.</summary>
    /// <value>180 days</value>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromDays(180);

    /// <summary>
    /// How long a replayed request (same Idempotency-Key, same application) is answered with the same applicant token:
    /// the token of the decision's latest answer is kept in memory this long, so retries store no new token.
    /// </summary>
    /// <value>1 hour</value>
    public TimeSpan AccessTokenReplayWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Serve <c>POST /v1/echo</c>, a bare JSON echo used as the load test's ceiling. Off in production.</summary>
    /// <value>false</value>
    public bool EnableEcho { get; set; }

    /// <summary>How long an API key lookup is cached; a revoked key stops working at most this long after.</summary>
    /// <value>30 s</value>
    public TimeSpan ApiKeyCacheDuration { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Per-key token bucket: <see cref="PermitsPerSecond"/> sustained, <see cref="Burst"/> at once. Requests without a
/// known key (none, unknown, revoked, or an applicant token) draw from a bucket per client address before any key is
/// looked up: <see cref="AnonymousPermitsPerSecond"/> and <see cref="AnonymousBurst"/>.
/// </summary>
public sealed class RateLimitOptions
{
    /// <value>1,000 requests per second per key</value>
    [Range(1, 1_000_000)]
    public int PermitsPerSecond { get; set; } = 1000;

    /// <value>2,000 requests</value>
    [Range(1, 10_000_000)]
    public int Burst { get; set; } = 2000;

    /// <summary>
    /// Sustained rate per client address of requests that carry no key the service already knows to be valid; below 1,
    /// one request every 1/rate seconds (0.1: one every 10 s).
    /// </summary>
    /// <value>20 requests per second per address</value>
    [Range(0.001, 1_000_000)]
    public double AnonymousPermitsPerSecond { get; set; } = 20;

    /// <value>100 requests</value>
    [Range(1, 10_000_000)]
    public int AnonymousBurst { get; set; } = 100;
}

