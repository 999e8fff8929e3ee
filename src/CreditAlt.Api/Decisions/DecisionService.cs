using System.Text.Json;
using CreditAlt.Api.Infrastructure;
using CreditAlt.Api.Models;
using CreditAlt.Core.Applications;
using CreditAlt.Core.Attributes;
using CreditAlt.Core.Recourse;
using CreditAlt.Core.Scoring;
using CreditAlt.Data;
using CreditAlt.Data.Ledger;
using CreditAlt.Data.Security;

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
    ILogger<DecisionService> log)
{
    public async Task<DecideOutcome> DecideAsync(string lenderId, Application application, string? idempotencyKey, CancellationToken ct)
    {
        Span<double> values = stackalloc double[AttributeCatalogue.Count];
        AttributeCalculator.Compute(application, values);
        var engine = model.Engine;
        var assessment = engine.Assess(values);
        var plan = RecoursePlanner.Plan(application, values, engine, assessment);
        var recourse = plan is null ? null : RecourseView.From(plan);

        var canonical = CanonicalApplicationJson.Of(application);
        var outcome = assessment.Decision.ToWire();
        int? score = assessment.Decision == Decision.InsufficientData ? null : assessment.Score;
        var token = AccessTokenStore.NewSecret();
        var record = new DecisionToRecord(
            DecisionId: "dec_" + Guid.CreateVersion7().ToString("N"),
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
            RecordedAt: time.GetUtcNow(),
            IdempotencyKey: idempotencyKey,
            RequestHash: idempotencyKey is null ? null : canonical.Fingerprint,
            AccessToken: AccessToken.FromSecret(token));

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
                // The first answer's token is stored only as a hash; a retrying client gets a fresh one for the same decision.
                var fresh = await database.AccessTokens.IssueAsync(prior.DecisionId, ct: ct).ConfigureAwait(false);
                return new(DecideStatus.Replayed, View(prior, model, fresh), null);
            }
            default:
                return new(DecideStatus.IdempotencyConflict, null, appended.DecisionId);
        }
    }

    private DecisionResponse View(DecisionToRecord r, ScoreAssessment assessment, RecourseView? recourse, string token) => new(
        r.DecisionId, r.ApplicationId, r.Decision, r.Score, Range(model, r.ModelId, r.ModelVersion),
        Reasons(assessment), recourse, new ModelRef(r.ModelId, r.ModelVersion),
        r.AsOfDate, Truncate(r.RecordedAt), r.ApplicationFingerprint, NoticeUrl(r.DecisionId), token);

    /// <summary>The lender's view of a stored decision.</summary>
    public static DecisionResponse View(LedgerEntry e, ActiveModel active, string? token) => new(
        e.DecisionId, e.ApplicationId, e.Decision, e.Score, Range(active, e.ModelId, e.ModelVersion),
        Reasons(e, active), RecourseOf(e), new ModelRef(e.ModelId, e.ModelVersion),
        e.AsOfDate, e.RecordedAt, e.ApplicationFingerprint, NoticeUrl(e.DecisionId), token);

    private static ReasonView[] Reasons(ScoreAssessment a) =>
        [.. a.Reasons.Select(r => new ReasonView(r.Code, r.Sentence, r.PointsLost, r.ObligationType))];

    /// <summary>
    /// A stored decision's reasons. The ledger keeps code and sentence; the points each cost come from assessing the stored
    /// application again with the model that decided (scoring is deterministic), when that model is the active one.
    /// </summary>
    public static ReasonView[] Reasons(LedgerEntry e, ActiveModel active)
    {
        if (active.Scorecard.ModelId == e.ModelId && active.Scorecard.Version == e.ModelVersion
            && ApplicationJson.Parse(System.Text.Encoding.UTF8.GetBytes(e.ApplicationJson)) is { IsValid: true, Application: { } application })
        {
            var again = Reasons(active.Engine.Assess(application));
            if (again.Select(r => r.Code).SequenceEqual(e.Reasons.Select(r => r.Code))) return again;
        }

        return [.. e.Reasons.Select(r => new ReasonView(r.Code, r.Sentence, null,
            AttributeCatalogue.All.FirstOrDefault(a => a.ReasonCode == r.Code) is { } d ? ReasonSelection.ObligationTypeOf(d.Id) : null))];
    }

    /// <summary>The recourse stored with a decision (JSON); decisions recorded before it was machine-readable have none.</summary>
    public static RecourseView? RecourseOf(LedgerEntry e)
    {
        if (e.Recourse is not { Length: > 0 } text || text[0] != '{') return null;
        try
        {
            return JsonSerializer.Deserialize(text, DecisionJsonContext.Default.RecourseView);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The range the deciding model can produce (its <see cref="Scorecard.PossibleRange"/>). Older models are not loaded; for
    /// a decision by another model the scaling's nominal bounds are the only range known.
    /// </summary>
    public static ScoreRange Range(ActiveModel active, string modelId, string version) =>
        active.Scorecard.ModelId == modelId && active.Scorecard.Version == version
            ? new ScoreRange(active.Scorecard.PossibleRange.Min, active.Scorecard.PossibleRange.Max)
            : new ScoreRange(ScoreScaling.Default.MinScore, ScoreScaling.Default.MaxScore);

    public static string NoticeUrl(string decisionId) => $"/v1/decisions/{decisionId}/notice";

    // The ledger stores instants with 100 ns precision; answering with the same precision makes a replay byte-identical.
    private static DateTimeOffset Truncate(DateTimeOffset at) => new(at.UtcTicks, TimeSpan.Zero);

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Recorded decision {DecisionId}: {Outcome} by model {ModelVersion}")]
    private static partial void LogRecorded(ILogger logger, string decisionId, string outcome, string modelVersion);
}
