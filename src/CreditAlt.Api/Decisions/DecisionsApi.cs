using System.Security.Claims;
using CreditAlt.Api.Errors;
using CreditAlt.Api.Infrastructure;
using CreditAlt.Api.Models;
using CreditAlt.Api.Security;
using CreditAlt.Core.Applications;
using ValidationProblem = Microsoft.AspNetCore.Http.HttpResults.ValidationProblem;
using CreditAlt.Data;
using CreditAlt.Data.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace CreditAlt.Api.Decisions;

/// <summary><c>/v1/decisions</c>: score and record (lenders), read back (the lender that made it), and the applicant's notice.</summary>
internal static class DecisionsApi
{
    public const string IdempotencyHeader = "Idempotency-Key";
    public const int MaxIdempotencyKeyLength = 200;

    public static RouteGroupBuilder MapDecisions(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/decisions").WithTags("Decisions");

        group.MapPost("/", CreateDecision)
            .WithName("CreateDecision")
            .WithSummary("Score an application and record the decision")
            .WithDescription("Scores the application with the active model and appends the decision to the tamper-evident ledger before answering. " +
                             "With an Idempotency-Key header, a retry with the same key and the same application returns the same decision (200, stored once); " +
                             "the same key with a different application is refused with 409. Lender keys only. " +
                             "Instead of an application, the body may carry raw bank transactions with the applicant's consent " +
                             "({applicationId, applicantId, asOfDate, requestedAmount, consent, transactions: {format: fdx|plaid, ...the provider's document}}, docs/api.md): " +
                             "the application is derived from them and scored the same way, the answer adds what was inferred (derived), " +
                             "data the consent does not cover is refused with 403, and such a body may be up to MaxTransactionBodyBytes (4 MB) instead of MaxRequestBodyBytes (256 KB).")
            .RequireAuthorization(Policies.Lender)
            .WithMetadata(new RequestSizeLimitAttribute(routes.ServiceProvider.GetRequiredService<IOptions<ApiOptions>>().Value.MaxTransactionBodyBytes))
            .Accepts<ApplicationDocument>("application/json")
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status422UnprocessableEntity, StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        group.MapGet("/{decisionId}", GetDecision)
            .WithName("GetDecision")
            .WithSummary("Read a recorded decision")
            .WithDescription("A lender reads only its own decisions (any other decision id answers 404); compliance keys read any decision.")
            .RequireAuthorization(Policies.LenderOrCompliance)
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        group.MapGet("/{decisionId}/notice", GetNotice)
            .WithName("GetNotice")
            .WithSummary("The applicant's notice about the decision")
            .WithDescription("The adverse action notice (Regulation B, FCRA) for the applicant, opened with the decision's applicant access token " +
                             "(Authorization: Bearer at_... or ?access_token=at_...); the lender that made the decision and compliance keys may read it too. " +
                             "JSON by default; a readable, self-contained HTML page when the client accepts text/html.")
            .AllowAnonymous()
            .Produces<string>(StatusCodes.Status200OK, "text/html")
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status404NotFound, StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        return group;
    }

    /// <summary>Scores an application and records the decision.</summary>
    public static async Task<Results<Created<DecisionResponse>, Ok<DecisionResponse>, ValidationProblem, ProblemHttpResult>> CreateDecision(
        HttpContext context,
        DecisionService service,
        IOptions<ApiOptions> options,
        CancellationToken ct)
    {
        var lenderId = context.User.LenderId();
        if (lenderId is null)
            return Problems.Status(StatusCodes.Status403Forbidden, "Forbidden", "This API key has no lender id; only lender keys record decisions.");

        string? key = null;
        if (context.Request.Headers.TryGetValue(IdempotencyHeader, out var keys))
        {
            key = keys.Count == 1 ? keys[0] : null;
            if (key is null || key.Length is 0 or > MaxIdempotencyKeyLength || key.AsSpan().ContainsAnyExceptInRange('!', '~'))
                return Problems.Header(IdempotencyHeader, $"one value of 1 to {MaxIdempotencyKeyLength} visible ASCII characters");
        }

        // Read up to the larger limit of a transaction request; an application body keeps its own, smaller one.
        var (body, problem) = await JsonBody.ReadAsync(context.Request, options.Value.MaxTransactionBodyBytes, ct).ConfigureAwait(false);
        if (problem is not null)
            return problem;
        if (Transactions.TransactionDecisions.IsTransactionBody(body))
            return await Transactions.TransactionDecisions.DecideAsync(context, lenderId, key, body!, service, ct).ConfigureAwait(false);
        // Answered like Kestrel's own limit would be (Connection: close), so a client sees one behaviour whichever limit it hit.
        if (body!.Length > options.Value.MaxRequestBodyBytes)
            return JsonBody.Unread(context.Request, JsonBody.TooLarge(options.Value.MaxRequestBodyBytes));

        // One streaming pass that also refuses invalid UTF-8 and repeated properties (a parser-differential trick).
        var parsed = ApplicationJson.Parse(body);
        if (!parsed.IsValid)
            return Problems.Validation(parsed.Problems);

        var outcome = await service.DecideAsync(lenderId, parsed.Application!, key, ct).ConfigureAwait(false);
        switch (outcome.Status)
        {
            case DecideStatus.Created:
                return TypedResults.Created(outcome.Decision!.DecisionId is var id ? $"/v1/decisions/{id}" : null, outcome.Decision);
            case DecideStatus.Replayed:
                context.Response.Headers["Idempotent-Replayed"] = "true";
                return TypedResults.Ok(outcome.Decision!);
            default:
                return Problems.Status(StatusCodes.Status409Conflict, "Idempotency key reused",
                    $"The Idempotency-Key '{key}' was already used with a different application (decision {outcome.PriorDecisionId}); use a new key for a new application.");
        }
    }

    /// <summary>Reads a recorded decision.</summary>
    public static async Task<Results<Ok<DecisionResponse>, ProblemHttpResult>> GetDecision(
        string decisionId,
        ClaimsPrincipal user,
        CreditAltDatabase database,
        ActiveModel model,
        CancellationToken ct)
    {
        var entry = decisionId.Length <= 100 ? await database.Ledger.GetAsync(decisionId, ct).ConfigureAwait(false) : null;
        // Another lender's decision is answered exactly like a missing one, so ids reveal nothing.
        if (entry is null || (!user.IsInRole(Roles.Compliance) && entry.LenderId != user.LenderId()))
            return NotFound(decisionId);
        var events = await database.Lifecycle.ForDecisionAsync(entry.DecisionId, ct).ConfigureAwait(false);
        return TypedResults.Ok(DecisionService.View(entry, model, null) with { FinalAction = FinalActions.FinalActionsApi.Current(events) });
    }

    /// <summary>The applicant's notice, as JSON or HTML.</summary>
    public static async Task<Results<Ok<NoticeResponse>, ContentHttpResult, FileContentHttpResult, ProblemHttpResult>> GetNotice(
        string decisionId,
        HttpContext context,
        CreditAltDatabase database,
        ActiveModel model,
        IOptions<ApiOptions> options,
        [FromQuery(Name = "access_token")] string? accessToken,
        [FromQuery] int? version,
        CancellationToken ct)
    {
        // The endpoint is anonymous (applicants have no key), so a key, if any, is checked here.
        var authentication = await context.AuthenticateAsync(ApiKeyAuthenticationHandler.SchemeName).ConfigureAwait(false);
        if (authentication.Failure is CreditAlt.Data.Resilience.StorageUnavailableException storage)
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(storage);
        var user = authentication.Succeeded ? authentication.Principal : new ClaimsPrincipal();
        var token = ApiKeyAuthenticationHandler.Bearer(context.Request) is { } bearer && bearer.StartsWith(AccessTokenStore.Prefix, StringComparison.Ordinal)
            ? bearer
            : accessToken;
        var isKey = user.Identity?.IsAuthenticated == true;
        if (!isKey && string.IsNullOrEmpty(token))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"creditalt\"";
            return Problems.Status(StatusCodes.Status401Unauthorized, "Unauthorized",
                "Open the notice with the applicant access token: 'Authorization: Bearer at_...' or '?access_token=at_...'.");
        }

        var entry = decisionId.Length <= 100 ? await database.Ledger.GetAsync(decisionId, ct).ConfigureAwait(false) : null;
        if (entry is null)
            return NotFound(decisionId);
        var allowed = isKey
            ? user.IsInRole(Roles.Compliance) || (user.IsInRole(Roles.Lender) && entry.LenderId == user.LenderId())
            : await OpensAsync(database, decisionId, token!, ct).ConfigureAwait(false);
        if (!allowed)
            return NotFound(decisionId);

        // The notice as it stands after final actions and other events; ?version=N an earlier one (CreditAlt.Notices/NoticeBuilder.cs).
        var incompleteByDefault = Incompleteness.IncompletenessApi.ByDefault(context.RequestServices.GetRequiredService<IConfiguration>(), entry.LenderId);
        var notice = await NoticeBuilder.BuildAsync(database, entry, model.Engine, options.Value.Notice, version, incompleteByDefault, ct).ConfigureAwait(false);
        if (notice is null)
            return Problems.Status(StatusCodes.Status404NotFound, "Not found", $"Decision {decisionId} has no notice version {version}.");
        notice = await Transactions.PaymentsFound.AddAsync(database, entry, notice, ct).ConfigureAwait(false);
        context.Response.Headers.CacheControl = "no-store";
        if (Letters.PdfNegotiation.WantsPdf(context.Request))
            return TypedResults.File(NoticeLetter.Render(notice, ApplicationJson.Parse(System.Text.Encoding.UTF8.GetBytes(entry.ApplicationJson)).Application?.Applicant),
                "application/pdf", $"{decisionId}-notice-v{notice.Version}.pdf");
        return WantsHtml(context.Request)
            ? TypedResults.Content(NoticeHtml.Render(notice), "text/html; charset=utf-8")
            : TypedResults.Ok(notice);
    }

    /// <summary>True when <paramref name="token"/> is an applicant token of <paramref name="decisionId"/>; anything not shaped like one is not looked up.</summary>
    private static Task<bool> OpensAsync(CreditAltDatabase database, string decisionId, string token, CancellationToken ct) =>
        token.StartsWith(AccessTokenStore.Prefix, StringComparison.Ordinal) && token.Length <= 128
            ? database.AccessTokens.OpensAsync(decisionId, token, ct)
            : Task.FromResult(false);

    private static ProblemHttpResult NotFound(string decisionId) =>
        Problems.Status(StatusCodes.Status404NotFound, "Not found",
            $"No decision '{(decisionId.Length > 100 ? decisionId[..100] + "…" : decisionId)}' that this caller may read.");

    /// <summary>True when the client ranks text/html above JSON (a browser does; API clients ask for JSON or anything).</summary>
    private static bool WantsHtml(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepts))
            return false;
        double html = 0, json = 0;
        foreach (var a in accepts)
        {
            var q = a.Quality ?? 1;
            if (a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase)) html = Math.Max(html, q);
            else if (a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)) json = Math.Max(json, q);
        }
        return html > 0 && html >= json;
    }
}
