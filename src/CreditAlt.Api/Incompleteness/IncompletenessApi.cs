using System.Globalization;
using System.Text.Json;
using CreditAlt.Api.Decisions;
using CreditAlt.Api.Errors;
using CreditAlt.Api.FinalActions;
using CreditAlt.Api.Infrastructure;
using CreditAlt.Api.Lifecycle;
using CreditAlt.Api.Security;
using CreditAlt.Data;
using CreditAlt.Data.Ledger;
using CreditAlt.Data.Lifecycle;
using Microsoft.Extensions.Options;

namespace CreditAlt.Api.Incompleteness;

/// <summary>What is missing and by when (Regulation B §1002.9(c), form C-6).</summary>
/// <param name="Missing">The information needed, 1 to 10 items of at most 200 characters.</param>
/// <param name="RespondBy">The date by which it must arrive (yyyy-MM-dd), after today and at most 90 days ahead.</param>
public sealed record IncompletenessRequest(IReadOnlyList<string> Missing, DateOnly RespondBy);

/// <summary>
/// <c>POST /v1/decisions/{id}/incompleteness-notice</c>: for an <c>insufficient_data</c> decision the lender may send a
/// notice of incompleteness instead of an adverse action notice. Lenders listed in
/// <c>CreditAlt:Lifecycle:IncompletenessByDefault</c> get it by default, asking for the payment history the model lacked
/// within <see cref="DefaultRespondDays"/> days.
/// </summary>
internal static class IncompletenessApi
{
    public const int MaxItems = 10;
    public const int MaxItemLength = 200;
    public const int MaxRespondDays = 90;
    public const int DefaultRespondDays = LifecycleViews.DefaultRespondDays;
    public const string DefaultsKey = "CreditAlt:Lifecycle:IncompletenessByDefault";

    public static IEndpointRouteBuilder MapIncompleteness(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/decisions/{decisionId}/incompleteness-notice", Send)
            .WithTags("Incompleteness notices")
            .WithName("SendIncompletenessNotice")
            .WithSummary("Send a notice of incompleteness instead of an adverse action notice")
            .WithDescription("Only for insufficient_data decisions (409 otherwise, and 409 for a second one). Lists what is missing and the date it must arrive by; " +
                             "the notice says the application will not be considered further without it (Regulation B §1002.9(c)). The owning lender only.")
            .RequireAuthorization(Policies.Lender)
            .Accepts<IncompletenessRequest>("application/json")
            .Produces<IncompletenessView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return routes;
    }

    public static async Task<IResult> Send(string decisionId, HttpContext context, CreditAltDatabase database, IOptions<ApiOptions> options, CancellationToken ct)
    {
        var entry = await FinalActionsApi.OwnedDecisionAsync(database, context.User, decisionId, ct).ConfigureAwait(false);
        if (entry is null)
            return FinalActionsApi.NotFound(decisionId);
        if (entry.Decision != DecisionOutcomes.InsufficientData)
            return Problems.Status(StatusCodes.Status409Conflict, "Not an insufficient-data decision",
                $"Decision {decisionId} is '{entry.Decision}'; a notice of incompleteness replaces the adverse action notice of an insufficient_data decision only.");

        const string title = "The incompleteness notice is not valid";
        var (body, problem) = await RequestBody.ReadAsync(context.Request, options.Value.MaxRequestBodyBytes, title, ct).ConfigureAwait(false);
        if (problem is not null)
            return problem;
        var today = DateOnly.FromDateTime(database.Time.GetUtcNow().UtcDateTime);
        var request = Parse(body!, today);
        if (!body!.IsValid)
            return body.ToProblem(title);

        var result = await database.Lifecycle.AppendAsync(
            new NewLifecycleEvent("inc_" + Guid.CreateVersion7().ToString("N"), LifecycleKinds.IncompletenessNotice, decisionId, null, request.RespondBy, LifecycleJson.Write(request)),
            prior => prior.FirstOrDefault(p => p.Kind == LifecycleKinds.IncompletenessNotice) is { } sent
                ? $"Decision {decisionId} already has notice of incompleteness {sent.EventId}; it is never edited." : null, ct).ConfigureAwait(false);
        return result.Status switch
        {
            LifecycleAppendStatus.Recorded => TypedResults.Created($"/v1/decisions/{decisionId}/notice", View(result.Event!)),
            LifecycleAppendStatus.Refused => Problems.Status(StatusCodes.Status409Conflict, "Notice of incompleteness already sent", result.Reason!),
            _ => FinalActionsApi.NotFound(decisionId),
        };
    }

    internal static IncompletenessView View(LifecycleEvent e) => LifecycleViews.Incompleteness(e);

    public static bool ByDefault(IConfiguration configuration, string lenderId) =>
        configuration.GetSection(DefaultsKey).Get<string[]>()?.Contains(lenderId, StringComparer.Ordinal) == true;

    private static IncompletenessBody Parse(RequestBody body, DateOnly today)
    {
        body.OnlyKnown(body.Root, "", "missing", "respondBy");
        var missing = new List<string>();
        if (body.Array(body.Root, "", "missing", required: true, 1, MaxItems) is { } items)
            for (var i = 0; i < items.Length; i++)
            {
                if (items[i].ValueKind != JsonValueKind.String || items[i].GetString() is not { } s || s.Trim().Length == 0 || s.Length > MaxItemLength)
                    body.Add($"missing[{i}]", $"a string of 1 to {MaxItemLength} characters saying what is needed");
                else
                    missing.Add(s);
            }
        var respondBy = body.Date(body.Root, "", "respondBy", required: true);
        if (respondBy is { } d && (d <= today || d > today.AddDays(MaxRespondDays)))
            body.Add("respondBy", $"a date after {today:yyyy-MM-dd} and at most {MaxRespondDays} days ahead");
        return new IncompletenessBody(missing, respondBy ?? today);
    }
}
