using CreditAlt.Api.Errors;
using CreditAlt.Api.Infrastructure;
using CreditAlt.Api.Lifecycle;
using CreditAlt.Api.Security;
using CreditAlt.Data;
using CreditAlt.Data.Consents;
using CreditAlt.Transactions.Consent;
using Microsoft.Extensions.Options;

namespace CreditAlt.Api.Transactions;

/// <summary><c>/v1/consents</c>: the owning lender revokes an applicant's consent (docs/api.md, "Revoking a consent").</summary>
internal static class ConsentsApi
{
    public static IEndpointRouteBuilder MapConsents(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/v1/consents").WithTags("Consents")
            .MapPost("/{consentId}/revocation", Revoke)
            .WithName("RevokeConsent")
            .WithSummary("Revoke an applicant's consent to use their bank data (the owning lender, on the applicant's request)")
            .WithDescription("Records the revocation now and deletes, in the same transaction, the raw transactions received under the consent; " +
                             "the derived applications and decisions stay in the ledger. Later requests with this consent are refused with 403. " +
                             "Revoking again answers 200 with the first revocation and deletes nothing more. Another lender's consent id answers 404.")
            .RequireAuthorization(Policies.Lender)
            .Accepts<RevocationRequest>("application/json")
            .Produces<ConsentView>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return routes;
    }

    public static async Task<IResult> Revoke(string consentId, HttpContext context, CreditAltDatabase database, TimeProvider time, IOptions<ApiOptions> options, CancellationToken ct)
    {
        var lenderId = context.User.LenderId();
        if (lenderId is null)
            return Problems.Status(StatusCodes.Status403Forbidden, "Forbidden", "This API key has no lender id; only the lender that holds a consent revokes it.");

        const string title = "The revocation is not valid";
        var (body, problem) = await RequestBody.ReadAsync(context.Request, options.Value.MaxRequestBodyBytes, title, ct).ConfigureAwait(false);
        if (problem is not null)
            return problem;
        body!.OnlyKnown(body.Root, "", "requestedBy", "reason");
        var by = body.String(body.Root, "", "requestedBy", required: true, maxLength: 20);
        if (by is not null && !ConsentPurposes.Revokers.Contains(by, StringComparer.Ordinal))
            body.Add("requestedBy", $"one of {string.Join(", ", ConsentPurposes.Revokers)}");
        var reason = body.String(body.Root, "", "reason", required: false, maxLength: ConsentJson.MaxNameLength);
        if (!body.IsValid)
            return body.ToProblem(title);

        var result = consentId.Length <= ConsentJson.MaxIdLength
            ? await database.Consents.RevokeAsync(lenderId, consentId, time.GetUtcNow(), by!, reason, ct).ConfigureAwait(false)
            : new RevokeResult(RevokeStatus.NotFound, null, 0);
        if (result.Status == RevokeStatus.NotFound)
            return Problems.Status(StatusCodes.Status404NotFound, "Not found",
                $"No consent '{(consentId.Length > 100 ? consentId[..100] + "…" : consentId)}' that this lender holds.");
        var c = result.Consent!;
        return TypedResults.Ok(new ConsentView(c.ConsentId, c.ApplicationId, c.GrantedAt, c.ExpiresAt, c.RevokedAt, c.RevokedBy, c.RevocationReason, result.RawSetsDeleted));
    }
}
