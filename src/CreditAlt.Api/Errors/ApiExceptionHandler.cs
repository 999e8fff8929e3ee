using System.Globalization;
using CreditAlt.Data.Resilience;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace CreditAlt.Api.Errors;

/// <summary>
/// Maps exceptions to RFC 9457 problem details. What a client can cause is never a 500: a malformed request
/// (<see cref="BadHttpRequestException"/>: size limit, bad framing) keeps its 4xx, storage trouble is 503 with
/// Retry-After, a client that went away gets 499 (no one reads it). Only bugs reach 500, logged without request data.
/// </summary>
internal sealed class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            StorageUnavailableException storage => (StatusCodes.Status503ServiceUnavailable, "Storage unavailable",
                $"The decision store is not answering; nothing was recorded by this request. Try again in {Seconds(storage.RetryAfter)} s."),
            BadHttpRequestException bad => (bad.StatusCode, ReasonPhrase(bad.StatusCode), bad.Message),
            OperationCanceledException when context.RequestAborted.IsCancellationRequested => (499, "Client closed request", "The client closed the connection."),
            _ => (StatusCodes.Status500InternalServerError, "Internal error", "An unexpected error occurred; it has been logged."),
        };

        if (exception is StorageUnavailableException s)
        {
            context.Response.Headers.RetryAfter = Seconds(s.RetryAfter).ToString(CultureInfo.InvariantCulture);
            log.LogWarning("Storage unavailable on {Method} {Route}: {Message}", context.Request.Method, context.Request.Path.Value, s.Message);
        }
        else if (status == StatusCodes.Status500InternalServerError)
        {
            log.LogError(exception, "Unhandled error on {Method} {Route}", context.Request.Method, context.Request.Path.Value);
        }

        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        }).ConfigureAwait(false);
    }

    private static int Seconds(TimeSpan t) => Math.Max(1, (int)Math.Ceiling(t.TotalSeconds));

    public static string ReasonPhrase(int status) =>
        Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } p ? p : "Error";
}
