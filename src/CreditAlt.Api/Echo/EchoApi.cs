using CreditAlt.Api.Infrastructure;
using CreditAlt.Api.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CreditAlt.Api.Echo;

/// <summary>
/// <c>POST /v1/echo</c>, mapped only when <see cref="ApiOptions.EnableEcho"/> is set: the load test's ceiling. It goes through the
/// same pipeline as a decision (key, rate limit, size limit, JSON parse) but neither scores nor stores, so the ratio of the two
/// throughputs is what scoring and the durable ledger cost.
/// </summary>
internal static class EchoApi
{
    public static IEndpointRouteBuilder MapEcho(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/echo", EchoAsync).RequireAuthorization(Policies.Lender).ExcludeFromDescription();
        return routes;
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> EchoAsync(HttpRequest request, IOptions<ApiOptions> options, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync(request, options.Value.MaxRequestBodyBytes, ct).ConfigureAwait(false);
        if (problem is not null)
            return problem;
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(body);
        }
        catch (System.Text.Json.JsonException ex)
        {
            return Errors.Problems.Status(StatusCodes.Status400BadRequest, "Not JSON", ex.Message);
        }
        return TypedResults.File(body!, "application/json");
    }
}
