using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using CreditAlt.Api.Decisions;
using CreditAlt.Api.Errors;
using CreditAlt.Api.FinalActions;
using CreditAlt.Api.Infrastructure;
using CreditAlt.Api.Lifecycle;
using CreditAlt.Api.Models;
using CreditAlt.Api.Security;
using CreditAlt.Core.Applications;
using CreditAlt.Data;
using CreditAlt.Data.Lifecycle;
using CreditAlt.Data.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CreditAlt.Api.Disputes;

/// <summary>
/// Disputes of the data a decision used: the applicant raises one with the decision's access token; the owning lender
/// lists and resolves them. A correction (or deletion) of the data is re-scored by the model that made the original
/// decision, and the new decision is recorded in the ledger, linked from the resolution.
/// </summary>
internal static class DisputesApi
{
    public const int MaxItems = 20;
    public const int MaxStatementLength = 2000;

    /// <summary>30 days to resolve: the reinvestigation period of FCRA §611 and §623.</summary>
    public const int ResolveWithinDays = 30;

    public static IEndpointRouteBuilder MapDisputes(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/decisions/{decisionId}/disputes", RaiseDispute)
            .WithTags("Disputes")
            .WithName("RaiseDispute")
            .WithSummary("Dispute items of the data a decision used (the applicant)")
            .WithDescription("Opened with the decision's applicant access token (Authorization: Bearer at_... or ?access_token=at_...); API keys are refused (403). " +
                             "Each item names an account of the application and a month with a payment record of it. Answers 201 with the dispute id and the date it is due (30 days).")
            .AllowAnonymous()
            .Accepts<DisputeRequest>("application/json")
            .Produces<DisputeReceipt>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        var group = routes.MapGroup("/v1/disputes").WithTags("Disputes");
        group.MapGet("/", ListDisputes)
            .WithName("ListDisputes")
            .WithSummary("List disputes")
            .WithDescription("status=open (not yet resolved) or all; newest first, paged by limit (1-500) and offset. A lender sees the disputes of its own decisions; compliance sees all.")
            .RequireAuthorization(Policies.LenderOrCompliance)
            .Produces<DisputePage>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/{disputeId}/resolution", ResolveDispute)
            .WithName("ResolveDispute")
            .WithSummary("Resolve a dispute (the owning lender)")
            .WithDescription("verified: the data stands. corrected: correctedApplication (same application id) is scored by the model that made the original decision and " +
                             "recorded as a new decision linked to it. deleted: the disputed payment records are removed and the rest re-scored likewise. 409 when already resolved.")
            .RequireAuthorization(Policies.Lender)
            .Accepts<ResolutionRequest>("application/json")
            .Produces<ResolutionView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return routes;
    }

    public static async Task<IResult> RaiseDispute(
        string decisionId, HttpContext context, CreditAltDatabase database, IOptions<ApiOptions> options,
        [FromQuery(Name = "access_token")] string? accessToken, CancellationToken ct)
    {
        var denied = await ApplicantOnlyAsync(context, database, decisionId, accessToken, ct).ConfigureAwait(false);
        if (denied is not null)
            return denied;
        var entry = await database.Ledger.GetAsync(decisionId, ct).ConfigureAwait(false);
        if (entry is null)
            return FinalActionsApi.NotFound(decisionId);

        const string title = "The dispute is not valid";
        var (body, problem) = await RequestBody.ReadAsync(context.Request, options.Value.MaxRequestBodyBytes, title, ct).ConfigureAwait(false);
        if (problem is not null)
            return problem;
        var application = ApplicationJson.Parse(System.Text.Encoding.UTF8.GetBytes(entry.ApplicationJson)).Application!;
        var items = ParseItems(body!, application);
        if (!body!.IsValid)
            return body.ToProblem(title);

        var dueBy = DateOnly.FromDateTime(database.Time.GetUtcNow().UtcDateTime).AddDays(ResolveWithinDays);
        var result = await database.Lifecycle.AppendAsync(
            new NewLifecycleEvent("dsp_" + Guid.CreateVersion7().ToString("N"), LifecycleKinds.Dispute, decisionId, null, dueBy, LifecycleJson.Write(new DisputeBody(items))),
            ct: ct).ConfigureAwait(false);
        var e = result.Event!;
        return TypedResults.Created($"/v1/disputes/{e.EventId}", new DisputeReceipt(e.EventId, decisionId, e.RecordedAt, e.DueDate!.Value));
    }

    public static async Task<IResult> ListDisputes(
        HttpContext context, CreditAltDatabase database, TimeProvider time,
        [FromQuery] string? status, [FromQuery] string? limit, [FromQuery] string? offset, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (status is not ("open" or "all"))
            errors["status"] = ["expected open or all"];
        var take = Query.Int(errors, "limit", limit, 100, 1, 500);
        var skip = Query.Int(errors, "offset", offset, 0, 0, 1_000_000);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "The query is not valid");

        var lender = context.User.IsInRole(Roles.Compliance) ? null : context.User.LenderId();
        var open = status == "open";
        var rows = await database.Lifecycle.ListAsync(LifecycleKinds.Dispute, lender, unresolvedOnly: open, limit: take + 1, offset: skip, ct: ct).ConfigureAwait(false);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var views = new List<DisputeView>();
        foreach (var e in rows.Take(take))
        {
            var resolved = !open && (await database.Lifecycle.RelatedToAsync(e.EventId, ct).ConfigureAwait(false)).Any(r => r.Kind == LifecycleKinds.DisputeResolution);
            views.Add(View(e, resolved, today));
        }
        return TypedResults.Ok(new DisputePage(views, take, skip, rows.Count > take ? skip + take : null));
    }

    public static async Task<IResult> ResolveDispute(
        string disputeId, HttpContext context, CreditAltDatabase database, DecisionService decisions, ActiveModel model,
        IOptions<ApiOptions> options, CancellationToken ct)
    {
        var dispute = disputeId.Length <= 100 ? await database.Lifecycle.GetAsync(disputeId, ct).ConfigureAwait(false) : null;
        if (dispute is null || dispute.Kind != LifecycleKinds.Dispute || dispute.LenderId != context.User.LenderId())
            return Problems.Status(StatusCodes.Status404NotFound, "Not found", $"No dispute '{(disputeId.Length > 100 ? disputeId[..100] + "…" : disputeId)}' that this caller may resolve.");
        var entry = (await database.Ledger.GetAsync(dispute.DecisionId, ct).ConfigureAwait(false))!;

        const string title = "The resolution is not valid";
        var (body, problem) = await RequestBody.ReadAsync(context.Request, options.Value.MaxRequestBodyBytes, title, ct).ConfigureAwait(false);
        if (problem is not null)
            return problem;
        var original = ApplicationJson.Parse(System.Text.Encoding.UTF8.GetBytes(entry.ApplicationJson)).Application!;
        var (outcome, note, corrected) = ParseResolution(body!, original);
        if (!body!.IsValid)
            return body.ToProblem(title);

        if ((await database.Lifecycle.RelatedToAsync(disputeId, ct).ConfigureAwait(false)).FirstOrDefault(r => r.Kind == LifecycleKinds.DisputeResolution) is { } done)
            return Problems.Status(StatusCodes.Status409Conflict, "Dispute already resolved", $"Dispute {disputeId} was resolved by {done.EventId}; a resolution is never edited.");

        DecisionResponse? redecided = null;
        if (outcome != DisputeOutcomes.Verified)
        {
            // The applicant is owed the decision the same model would have made on the right data, not the active model's.
            if (entry.ModelId != model.Scorecard.ModelId || entry.ModelVersion != model.Scorecard.Version)
                return Problems.Status(StatusCodes.Status409Conflict, "Original model not loaded",
                    $"Decision {entry.DecisionId} was made by {entry.ModelId} {entry.ModelVersion}; this server runs {model.Scorecard.ModelId} {model.Scorecard.Version}. " +
                    "Re-score on a server that runs the original model.");
            var application = outcome == DisputeOutcomes.Corrected ? corrected! : WithoutDisputedRecords(original, LifecycleJson.Read<DisputeBody>(dispute.Body).Items);
            redecided = (await decisions.DecideAsync(entry.LenderId, application, null, ct).ConfigureAwait(false)).Decision;
        }

        var changed = redecided is not null && redecided.Decision != entry.Decision;
        var stored = new ResolutionBody(outcome, note, redecided?.DecisionId, redecided?.Decision, redecided?.Score, redecided?.Reasons, changed);
        var result = await database.Lifecycle.AppendAsync(
            new NewLifecycleEvent("res_" + Guid.CreateVersion7().ToString("N"), LifecycleKinds.DisputeResolution, entry.DecisionId, disputeId, null, LifecycleJson.Write(stored)),
            prior => prior.Any(p => p.Kind == LifecycleKinds.DisputeResolution && p.RelatedId == disputeId) ? $"Dispute {disputeId} is already resolved." : null, ct).ConfigureAwait(false);
        if (result.Status != LifecycleAppendStatus.Recorded)
            return Problems.Status(StatusCodes.Status409Conflict, "Dispute already resolved", result.Reason ?? $"Dispute {disputeId} is already resolved.");
        var e = result.Event!;
        return TypedResults.Created($"/v1/disputes/{disputeId}", new ResolutionView(e.EventId, disputeId, entry.DecisionId, outcome, note, e.RecordedAt, changed, redecided));
    }

    /// <summary>
    /// Only the applicant (the decision's access token) raises a dispute. An API key gets 403: a lender or compliance
    /// may not speak for the applicant. Anything else gets 401, and a token of another decision 404.
    /// </summary>
    private static async Task<IResult?> ApplicantOnlyAsync(HttpContext context, CreditAltDatabase database, string decisionId, string? accessToken, CancellationToken ct)
    {
        var token = ApiKeyAuthenticationHandler.Bearer(context.Request) is { } bearer && bearer.StartsWith(AccessTokenStore.Prefix, StringComparison.Ordinal) ? bearer : accessToken;
        if (!string.IsNullOrEmpty(token))
        {
            var opens = token.StartsWith(AccessTokenStore.Prefix, StringComparison.Ordinal) && token.Length <= 128 && decisionId.Length <= 100
                && await database.AccessTokens.OpensAsync(decisionId, token, ct).ConfigureAwait(false);
            return opens ? null : FinalActionsApi.NotFound(decisionId);
        }
        var authentication = await context.AuthenticateAsync(ApiKeyAuthenticationHandler.SchemeName).ConfigureAwait(false);
        if (authentication.Failure is CreditAlt.Data.Resilience.StorageUnavailableException storage)
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(storage);
        if (authentication.Succeeded)
            return Problems.Status(StatusCodes.Status403Forbidden, "Forbidden", "Only the applicant raises a dispute, with the decision's access token; API keys may not.");
        context.Response.Headers.WWWAuthenticate = "Bearer realm=\"creditalt\"";
        return Problems.Status(StatusCodes.Status401Unauthorized, "Unauthorized", "Raise the dispute with the applicant access token: 'Authorization: Bearer at_...' or '?access_token=at_...'.");
    }

    private static List<DisputeItem> ParseItems(RequestBody body, Application application)
    {
        body.OnlyKnown(body.Root, "", "items");
        var items = new List<DisputeItem>();
        if (body.Array(body.Root, "", "items", required: true, 1, MaxItems) is not { } elements)
            return items;
        for (var i = 0; i < elements.Length; i++)
        {
            var prefix = $"items[{i}]";
            if (elements[i].ValueKind != JsonValueKind.Object)
            {
                body.Add(prefix, "an object with accountId, month and statement");
                continue;
            }
            body.OnlyKnown(elements[i], prefix, "accountId", "month", "statement");
            var accountId = body.String(elements[i], prefix, "accountId", required: true, 64);
            var month = body.String(elements[i], prefix, "month", required: true, 7);
            var statement = body.String(elements[i], prefix, "statement", required: true, MaxStatementLength);
            var account = accountId is null ? null : application.Obligations.FirstOrDefault(a => a.AccountId == accountId);
            if (accountId is not null && account is null)
                body.Add(prefix + ".accountId", "an account of the application: " + string.Join(", ", application.Obligations.Select(a => a.AccountId)));
            if (month is not null && account is not null && !account.Payments.Any(p => Month(p.DueDate) == month))
                body.Add(prefix + ".month", $"a month (yyyy-MM) with a payment record of account {accountId}");
            if (accountId is not null && month is not null && statement is not null)
                items.Add(new DisputeItem(accountId, month, statement));
        }
        return items;
    }

    private static (string Outcome, string? Note, Application? Corrected) ParseResolution(RequestBody body, Application original)
    {
        var root = body.Root;
        body.OnlyKnown(root, "", "outcome", "correctedApplication", "note");
        var outcome = body.String(root, "", "outcome", required: true, 20);
        if (outcome is not null && !DisputeOutcomes.All.Contains(outcome))
            body.Add("outcome", "one of verified, corrected, deleted");
        var note = body.String(root, "", "note", required: false, FinalActionsApi.MaxNoteLength);
        Application? corrected = null;
        var has = root.TryGetProperty("correctedApplication", out var c) && c.ValueKind != JsonValueKind.Null;
        if (outcome == DisputeOutcomes.Corrected && !has)
            body.Add("correctedApplication", "the corrected application (required for outcome corrected)");
        else if (has && outcome != DisputeOutcomes.Corrected)
            body.Add("correctedApplication", "no application unless outcome is corrected");
        else if (has)
        {
            var parsed = ApplicationJson.Parse(System.Text.Encoding.UTF8.GetBytes(c.GetRawText()));
            foreach (var p in parsed.Problems)
                body.Add(RequestBody.Join("correctedApplication", p.Path), p.Expected);
            if (parsed.Application is { } a && a.ApplicationId != original.ApplicationId)
                body.Add("correctedApplication.applicationId", $"the disputed application's id '{original.ApplicationId}'");
            corrected = parsed.IsValid ? parsed.Application : null;
        }
        return (outcome ?? "", note, corrected);
    }

    /// <summary>The application without the disputed payment records (outcome deleted: the furnisher withdrew them).</summary>
    internal static Application WithoutDisputedRecords(Application a, IReadOnlyList<DisputeItem> items) => a with
    {
        Obligations = [.. a.Obligations.Select(account => account with
        {
            Payments = [.. account.Payments.Where(p => !items.Any(i => i.AccountId == account.AccountId && i.Month == Month(p.DueDate)))],
        })],
    };

    private static string Month(DateOnly d) => d.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    internal static DisputeView View(LifecycleEvent e, bool resolved, DateOnly today) =>
        new(e.EventId, e.DecisionId, e.LenderId, LifecycleJson.Read<DisputeBody>(e.Body).Items, e.RecordedAt, e.DueDate!.Value,
            resolved ? "resolved" : "open", !resolved && e.DueDate!.Value < today);
}

/// <summary>Query-string numbers, checked, with the parameter named on error.</summary>
internal static class Query
{
    public static int Int(Dictionary<string, string[]> errors, string name, string? text, int fallback, int min, int max)
    {
        if (text is null)
            return fallback;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max)
            return v;
        errors[name] = [$"expected a whole number from {min} to {max}"];
        return fallback;
    }
}
