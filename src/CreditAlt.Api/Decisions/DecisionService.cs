using System.Text.Json;
using CreditAlt.Api.Infrastructure;
using CreditAlt.Api.Models;
using CreditAlt.Core.Applications;
using CreditAlt.Core.Attributes;
using CreditAlt.Core.Recourse;
using CreditAlt.Core.Scoring;
using CreditAlt.Data;
using CreditAlt.Data.Consents;
using CreditAlt.Data.Ledger;
using CreditAlt.Data.Security;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace CreditAlt.Api.Decisions;

/// <summary>What became of a decision request.</summary>
internal enum DecideStatus
{
    Created,
    Replayed,
    IdempotencyConflict,
}

internal sealed record DecideOutcome(DecideStatus Status, DecisionResponse? Decision, string? PriorDecisionId);

/// <summary>
/// Scores an application with the active model and records the decision in the ledger. The ledger's group commit
/// makes the returned decision durable before the caller answers; the ledger also enforces idempotency keys
/// (per lender), so two racing requests with one key still store one decision. The applicant's access token is
/// stored in the same transaction as the decision: one durable commit per decision, and a token handed out always opens.
/// </summary>
internal sealed partial class DecisionService(
    CreditAltDatabase database,
    ActiveModel model,
    TimeProvider time,
    ApiMetrics metrics,
    IOptions<ApiOptions> options,
    ILogger<DecisionService> log) : IDisposable
{
    /// <summary>
    /// The applicant token of each recent idempotent answer, by decision id, for <see cref="ApiOptions.AccessTokenReplayWindow"/>:
    /// a retry within the window gets the same token and stores nothing. Tokens are stored only as hashes, so once an
    /// entry is gone (window over, restart, another instance) a replay replaces the decision's token with a new one.
    /// Its own cache, so retries never evict the API-key lookups.
    /// </summary>
    private readonly MemoryCache _answeredTokens = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    private readonly Lock _replayGate = new();

    /// <summary>
    /// Scores and records. For a decision derived from bank transactions, <paramref name="rawTransactions"/> makes the raw
    /// set to store with it from the decision's id and recorded instant: the ledger stores it in the decision's own
    /// transaction, and only when the decision is recorded now (not for a replay or a conflict).
    /// </summary>
    public async Task<DecideOutcome> DecideAsync(string lenderId, Application application, string? idempotencyKey, CancellationToken ct,
        Func<string, DateTimeOffset, TransactionSetToStore>? rawTransactions = null)
    {
        Span<double> values = stackalloc double[AttributeCatalogue.Count];
        AttributeCalculator.Compute(application, values);
        var engine = model.Engine;
        var assessment = engine.Assess(application, values);
        // A counteroffer is the way to approval; a decline made by the ability-to-pay rule alone has no time path to offer.
        var plan = assessment.Affordability is { Unaffordable: true } check && (check.Counteroffer is not null || check.ScoredDecision != Decision.Decline)
            ? null
            : RecoursePlanner.Plan(application, values, engine, assessment);
        var recourse = plan is null ? null : RecourseView.From(plan);

        var canonical = CanonicalApplicationJson.Of(application);
        var outcome = assessment.Decision.ToWire();
        int? score = assessment.Decision == Decision.InsufficientData ? null : assessment.Score;
        var token = AccessTokenStore.NewSecret();
        var recordedAt = time.GetUtcNow();
        var decisionId = "dec_" + Guid.CreateVersion7().ToString("N");
        var window = options.Value.AccessTokenReplayWindow;
        // Kept before the append, so a retry racing this request finds the token if this request records the decision.
        if (idempotencyKey is not null && window > TimeSpan.Zero)
            _answeredTokens.Set(decisionId, new Lazy<Task<string>>(Task.FromResult(token)), new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = window, Size = 1 });
        var record = new DecisionToRecord(
            DecisionId: decisionId,
            LenderId: lenderId,
            ApplicationId: application.ApplicationId,
            ApplicantId: application.ApplicantId,
            ModelId: assessment.ModelId,
            ModelVersion: assessment.ModelVersion,
            ApplicationJson: canonical,
            Score: score,
            Decision: outcome,
            Reasons: assessment.Reasons.Select(r => new DecisionReason(r.Code, r.Sentence)).ToArray(),
            Recourse: recourse is null ? null : JsonSerializer.Serialize(recourse, DecisionJsonContext.Default.RecourseView),
            AsOfDate: application.AsOfDate,
            RecordedAt: recordedAt,
            IdempotencyKey: idempotencyKey,
            RequestHash: idempotencyKey is null ? null : canonical.Fingerprint,
            AccessToken: AccessToken.FromSecret(token, ExpiresAt(recordedAt)),
            RawTransactions: rawTransactions?.Invoke(decisionId, recordedAt));

        var appended = await database.Ledger.AppendAsync(record, ct).ConfigureAwait(false);
        switch (appended.Status)
        {
            case AppendStatus.Recorded:
            {
                metrics.Recorded(outcome, assessment.ModelVersion, score);
                LogRecorded(log, record.DecisionId, outcome, assessment.ModelVersion);
                return new(DecideStatus.Created, View(record, assessment, recourse, token), null);
            }
            case AppendStatus.Replayed:
            {
                var prior = await database.Ledger.GetAsync(appended.DecisionId, ct).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"The ledger replayed decision {appended.DecisionId} but does not hold it.");
                var replayToken = await ReplayTokenAsync(prior, ct).ConfigureAwait(false);
                return new(DecideStatus.Replayed, View(prior, model, replayToken), null);
            }
            default:
                return new(DecideStatus.IdempotencyConflict, null, appended.DecisionId);
        }
    }

    /// <summary>
    /// The token for a replayed answer: the one already handed out for this decision within the replay window, else a
    /// new one that replaces every stored token of the decision (at most one live token per decision). Concurrent
    /// replays share one replacement. Expiry stays counted from the decision, so a replay never extends it.
    /// </summary>
    private async Task<string> ReplayTokenAsync(LedgerEntry prior, CancellationToken ct)
    {
        var window = options.Value.AccessTokenReplayWindow;
        if (window <= TimeSpan.Zero)
            return await database.AccessTokens.ReplaceAsync(prior.DecisionId, ExpiresAt(prior.RecordedAt), ct).ConfigureAwait(false);

        Lazy<Task<string>> replacement;
        lock (_replayGate)
        {
            replacement = _answeredTokens.GetOrCreate(prior.DecisionId, entry =>
            {
                entry.AbsoluteExpirationRelativeToNow = window;
                entry.Size = 1;
                return new Lazy<Task<string>>(() => database.AccessTokens.ReplaceAsync(prior.DecisionId, ExpiresAt(prior.RecordedAt), CancellationToken.None));
            })!;
        }
        try
        {
            return await replacement.Value.WaitAsync(ct).ConfigureAwait(false);
        }
        catch (Exception) when (replacement.Value.IsFaulted)
        {
            _answeredTokens.Remove(prior.DecisionId); // the next retry tries again
            throw;
        }
    }

    private DateTimeOffset ExpiresAt(DateTimeOffset recordedAt) => recordedAt + options.Value.AccessTokenLifetime;

    public void Dispose() => _answeredTokens.Dispose();

    private DecisionResponse View(DecisionToRecord r, ScoreAssessment assessment, RecourseView? recourse, string token) => new(
        r.DecisionId, r.ApplicationId, r.Decision, r.Score, Range(model, r.ModelId, r.ModelVersion),
        Reasons(assessment), recourse, new ModelRef(r.ModelId, r.ModelVersion),
        r.AsOfDate, Truncate(r.RecordedAt), r.ApplicationFingerprint, NoticeUrl(r.DecisionId), token)
    { Counteroffer = CounterofferView.From(assessment.Affordability) };

    /// <summary>The lender's view of a stored decision (the counteroffer assessed again from the stored application, as the reasons' points are).</summary>
    public static DecisionResponse View(LedgerEntry e, ActiveModel active, string? token) => new(
        e.DecisionId, e.ApplicationId, e.Decision, e.Score, Range(active, e.ModelId, e.ModelVersion),
        Reasons(e, active), RecourseOf(e), new ModelRef(e.ModelId, e.ModelVersion),
        e.AsOfDate, e.RecordedAt, e.ApplicationFingerprint, NoticeUrl(e.DecisionId), token)
    { Counteroffer = e.Decision == "decline" ? CounterofferView.From(StoredDecision.Affordability(e, active.Engine)) : null };

    private static ReasonView[] Reasons(ScoreAssessment a) => StoredDecision.Reasons(a);

    /// <summary>A stored decision's reasons, with the points each cost when the active model made it (CreditAlt.Notices StoredDecision.Reasons).</summary>
    public static ReasonView[] Reasons(LedgerEntry e, ActiveModel active) => StoredDecision.Reasons(e, active.Engine);

    /// <summary>The recourse stored with a decision; see StoredDecision.RecourseOf.</summary>
    public static RecourseView? RecourseOf(LedgerEntry e) => StoredDecision.RecourseOf(e);

    /// <summary>The range the deciding model can produce; see StoredDecision.Range.</summary>
    public static ScoreRange Range(ActiveModel active, string modelId, string version)
    {
        var (min, max) = StoredDecision.Range(active.Engine, modelId, version);
        return new ScoreRange(min, max);
    }

    public static string NoticeUrl(string decisionId) => $"/v1/decisions/{decisionId}/notice";

    // The ledger stores instants with 100 ns precision; answering with the same precision makes a replay byte-identical.
    private static DateTimeOffset Truncate(DateTimeOffset at) => new(at.UtcTicks, TimeSpan.Zero);

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Recorded decision {DecisionId}: {Outcome} by model {ModelVersion}")]
    private static partial void LogRecorded(ILogger logger, string decisionId, string outcome, string modelVersion);
}
