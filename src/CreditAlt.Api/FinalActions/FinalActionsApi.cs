using System.Globalization;
using System.Security.Claims;
using CreditAlt.Api.Decisions;
using CreditAlt.Api.Errors;
using CreditAlt.Api.Infrastructure;
using CreditAlt.Api.Lifecycle;
using CreditAlt.Api.Security;
using CreditAlt.Core.Applications;
using CreditAlt.Data;
using CreditAlt.Data.Ledger;
using CreditAlt.Data.Lifecycle;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CreditAlt.Api.FinalActions;

/// <summary>
/// <c>POST /v1/decisions/{id}/final-action</c> (the underwriter finishes or overrides a decision) and
/// <c>GET /v1/decisions?status=awaiting-final-action</c> (referrals still waiting: Regulation B gives 30 days).
/// </summary>
internal static class FinalActionsApi
{
    public const int MaxReasons = 4;
    public const int MaxNoteLength = 2000;
    public const int MaxTermsLength = 1000;
    public const decimal MaxAmount = 10_000_000m;

    /// <summary>Regulation B §1002.9(a)(1)(i): notify within 30 days of a completed application.</summary>
    public const int NotifyWithinDays = 30;

    public static IEndpointRouteBuilder MapFinalActions(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/decisions").WithTags("Final actions");

        group.MapPost("/{decisionId}/final-action", RecordFinalAction)
            .WithName("RecordFinalAction")
            .WithSummary("Record the underwriter's final action on a decision")
            .WithDescription("Approve, decline or counteroffer; decline and counteroffer need at least one reason code (docs/reason-codes.md or a manual code). " +
                             "A final action against the model's approve or decline is an override. A decision has one current final action: a correction is a " +
                             "new final action naming the one it supersedes (409 otherwise). Chained in the ledger. The owning lender only.")
            .RequireAuthorization(Policies.Lender)
            .Accepts<FinalActionRequest>("application/json")
            .Produces<FinalActionView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        group.MapGet("/", ListDecisions)
            .WithName("ListDecisions")
            .WithSummary("List referrals awaiting a final action")
            .WithDescription("status=awaiting-final-action: referrals without a final action recorded more than olderThanDays days ago, newest first, " +
                             "paged by limit (1-500, default 100) and offset. A lender sees its own; compliance sees every lender's.")
            .RequireAuthorization(Policies.LenderOrCompliance)
            .Produces<PendingReferralPage>()
            .ProducesValidationProblem()
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return routes;
    }

    public static async Task<IResult> RecordFinalAction(
        string decisionId, HttpContext context, CreditAltDatabase database, IOptions<ApiOptions> options, CancellationToken ct)
    {
        var entry = await OwnedDecisionAsync(database, context.User, decisionId, ct).ConfigureAwait(false);
        if (entry is null)
            return NotFound(decisionId);

        const string title = "The final action is not valid";
        var (body, problem) = await RequestBody.ReadAsync(context.Request, options.Value.MaxRequestBodyBytes, title, ct).ConfigureAwait(false);
        if (problem is not null)
            return problem;
        var request = Parse(body!);
        if (!body!.IsValid)
            return body.ToProblem(title);

        var application = ApplicationJson.Parse(System.Text.Encoding.UTF8.GetBytes(entry.ApplicationJson)).Application;
        var (isOverride, direction) = Override(entry.Decision, request.Action);
        var stored = new FinalActionBody(request.Action, ReasonCatalogue.Resolve(request.ReasonCodes, application), request.UnderwriterId, request.Note,
            request.Counteroffer, entry.Decision, isOverride, direction);
        var result = await database.Lifecycle.AppendAsync(
            new NewLifecycleEvent("fa_" + Guid.CreateVersion7().ToString("N"), LifecycleKinds.FinalAction, decisionId, request.Supersedes, null, LifecycleJson.Write(stored)),
            prior => Conflict(decisionId, prior, request.Supersedes), ct).ConfigureAwait(false);
        return result.Status switch
        {
            LifecycleAppendStatus.Recorded => TypedResults.Created($"/v1/decisions/{decisionId}", View(result.Event!)),
            LifecycleAppendStatus.Refused => Problems.Status(StatusCodes.Status409Conflict, "Final action conflicts", result.Reason!),
            _ => NotFound(decisionId),
        };
    }

    public static async Task<IResult> ListDecisions(
        HttpContext context,
        CreditAltDatabase database,
        TimeProvider time,
        [FromQuery] string? status,
        [FromQuery] string? olderThanDays,
        [FromQuery] string? limit,
        [FromQuery] string? offset,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (status != "awaiting-final-action")
            errors["status"] = ["expected awaiting-final-action (the only listing so far)"];
        var days = Int(errors, "olderThanDays", olderThanDays, 0, 0, 3650);
        var take = Int(errors, "limit", limit, 100, 1, 500);
        var skip = Int(errors, "offset", offset, 0, 0, 1_000_000);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "The query is not valid");

        var user = context.User;
        var lender = user.IsInRole(Roles.Compliance) ? null : user.LenderId();
        var now = time.GetUtcNow();
        var rows = await database.Lifecycle.PendingReferralsAsync(lender, now.AddDays(-days), take + 1, skip, ct).ConfigureAwait(false);
        var items = rows.Take(take).Select(r => new PendingReferralView(
            r.DecisionId, r.LenderId, r.ApplicationId, r.Score, r.RecordedAt,
            (int)Math.Floor((now - r.RecordedAt).TotalDays), DateOnly.FromDateTime(r.RecordedAt.UtcDateTime).AddDays(NotifyWithinDays))).ToArray();
        return TypedResults.Ok(new PendingReferralPage(items, take, skip, rows.Count > take ? skip + take : null));
    }

    /// <summary>The decision if this caller's lender made it; null otherwise (answered 404 like a missing one).</summary>
    internal static async Task<LedgerEntry?> OwnedDecisionAsync(CreditAltDatabase database, ClaimsPrincipal user, string decisionId, CancellationToken ct)
    {
        var entry = decisionId.Length <= 100 ? await database.Ledger.GetAsync(decisionId, ct).ConfigureAwait(false) : null;
        return entry is not null && entry.LenderId == user.LenderId() ? entry : null;
    }

    /// <summary>
    /// Overrides are judged against the model's own outcome: a referral is the model deferring to the underwriter, so
    /// finishing one is no override; granting credit the model declined (or could not score) is low-side; refusing or
    /// cutting credit the model approved is high-side.
    /// </summary>
    internal static (bool Override, string? Direction) Override(string modelDecision, string action) => (modelDecision, action) switch
    {
        (DecisionOutcomes.Approve, FinalActionKinds.Decline or FinalActionKinds.Counteroffer) => (true, "high-side"),
        (DecisionOutcomes.Decline or DecisionOutcomes.InsufficientData, FinalActionKinds.Approve or FinalActionKinds.Counteroffer) => (true, "low-side"),
        _ => (false, null),
    };

    private static string? Conflict(string decisionId, IReadOnlyList<LifecycleEvent> prior, string? supersedes)
    {
        var current = prior.LastOrDefault(e => e.Kind == LifecycleKinds.FinalAction);
        if (current is null)
            return supersedes is null ? null : $"Decision {decisionId} has no final action for '{supersedes}' to supersede; leave supersedes out.";
        if (supersedes is null)
            return $"Decision {decisionId} already has final action {current.EventId}; a correction is a new final action with \"supersedes\": \"{current.EventId}\".";
        return supersedes == current.EventId
            ? null
            : $"Decision {decisionId}'s current final action is {current.EventId}; a correction must supersede that one, not '{supersedes}'.";
    }

    internal static FinalActionView View(LifecycleEvent e) => LifecycleViews.FinalAction(e);

    /// <summary>The decision's current final action (the last one recorded), or null.</summary>
    internal static FinalActionView? Current(IReadOnlyList<LifecycleEvent> events) =>
        events.LastOrDefault(e => e.Kind == LifecycleKinds.FinalAction) is { } e ? View(e) : null;

    private static FinalActionRequest Parse(RequestBody body)
    {
        var root = body.Root;
        body.OnlyKnown(root, "", "action", "reasonCodes", "underwriterId", "note", "counteroffer", "supersedes");
        var action = body.String(root, "", "action", required: true, 20);
        if (action is not null && !FinalActionKinds.All.Contains(action))
            body.Add("action", "one of approve, decline, counteroffer");
        var codes = new List<string>();
        var needsReasons = action is FinalActionKinds.Decline or FinalActionKinds.Counteroffer;
        if (body.Array(root, "", "reasonCodes", required: needsReasons, needsReasons ? 1 : 0, MaxReasons) is { } items)
            for (var i = 0; i < items.Length; i++)
            {
                var path = $"reasonCodes[{i}]";
                if (items[i].ValueKind != System.Text.Json.JsonValueKind.String || !ReasonCatalogue.IsKnown(items[i].GetString()!))
                    body.Add(path, ReasonCatalogue.Describe());
                else if (codes.Contains(items[i].GetString()!))
                    body.Add(path, "each reason code once");
                else
                    codes.Add(items[i].GetString()!);
            }
        var underwriter = body.String(root, "", "underwriterId", required: true, 64);
        var note = body.String(root, "", "note", required: false, MaxNoteLength);
        var supersedes = body.String(root, "", "supersedes", required: false, 100);
        CounterofferTerms? counteroffer = null;
        if (root.TryGetProperty("counteroffer", out var c) && c.ValueKind != System.Text.Json.JsonValueKind.Null)
        {
            if (action != FinalActionKinds.Counteroffer)
                body.Add("counteroffer", "no counteroffer unless action is counteroffer");
            else if (c.ValueKind != System.Text.Json.JsonValueKind.Object)
                body.Add("counteroffer", "an object with amount and terms");
            else
            {
                body.OnlyKnown(c, "counteroffer", "amount", "terms");
                var amount = body.Amount(c, "counteroffer", "amount", MaxAmount);
                var terms = body.String(c, "counteroffer", "terms", required: true, MaxTermsLength);
                if (amount is { } a && terms is not null)
                    counteroffer = new CounterofferTerms(a, terms);
            }
        }
        else if (action == FinalActionKinds.Counteroffer)
        {
            body.Add("counteroffer", "an object with amount and terms (what is offered)");
        }
        return new FinalActionRequest(action ?? "", codes, underwriter ?? "", note, counteroffer, supersedes);
    }

    private static int Int(Dictionary<string, string[]> errors, string name, string? text, int fallback, int min, int max)
    {
        if (text is null)
            return fallback;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max)
            return v;
        errors[name] = [$"expected a whole number from {min} to {max}"];
        return fallback;
    }

    internal static IResult NotFound(string decisionId) =>
        Problems.Status(StatusCodes.Status404NotFound, "Not found",
            $"No decision '{(decisionId.Length > 100 ? decisionId[..100] + "…" : decisionId)}' that this caller may act on.");
}

/// <summary>The body of <c>POST /v1/decisions/{id}/final-action</c>.</summary>
/// <param name="Action">approve, decline or counteroffer.</param>
/// <param name="ReasonCodes">Up to four reason codes, most important first (at least one for decline and counteroffer).</param>
/// <param name="UnderwriterId">Who takes the action (1 to 64 characters).</param>
/// <param name="Note">Optional note (at most 2,000 characters).</param>
/// <param name="Counteroffer">What is offered; required for counteroffer, refused otherwise.</param>
/// <param name="Supersedes">The id of the current final action this one corrects.</param>
public sealed record FinalActionRequest(string Action, IReadOnlyList<string> ReasonCodes, string UnderwriterId, string? Note, CounterofferTerms? Counteroffer, string? Supersedes);

/// <summary>A referral waiting for a final action.</summary>
/// <param name="DecisionId">The decision.</param>
/// <param name="LenderId">The lender that owns it.</param>
/// <param name="ApplicationId">The lender's application id.</param>
/// <param name="Score">The model's score.</param>
/// <param name="RecordedAt">When the model referred it.</param>
/// <param name="DaysWaiting">Whole days since then.</param>
/// <param name="NotifyBy">30 days after the referral: the date by which Regulation B expects the applicant to be notified.</param>
public sealed record PendingReferralView(string DecisionId, string LenderId, string ApplicationId, int? Score, DateTimeOffset RecordedAt, int DaysWaiting, DateOnly NotifyBy);

/// <summary>One page of referrals awaiting a final action.</summary>
/// <param name="Items">Newest first.</param>
/// <param name="Limit">Page size asked for.</param>
/// <param name="Offset">Offset asked for.</param>
/// <param name="NextOffset">The offset of the next page, or null on the last.</param>
public sealed record PendingReferralPage(IReadOnlyList<PendingReferralView> Items, int Limit, int Offset, int? NextOffset);
