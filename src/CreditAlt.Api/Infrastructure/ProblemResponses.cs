namespace CreditAlt.Api.Infrastructure;

/// <summary>OpenAPI metadata shared by the endpoints.</summary>
internal static class ProblemResponses
{
    /// <summary>
    /// Declares a problem-details response for each status, in the order given (the order the OpenAPI document lists
    /// them), so an endpoint names its error statuses on one line.
    /// </summary>
    public static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses)
            builder.ProducesProblem(status);
        return builder;
    }
}
