using System.Buffers;
using System.IO.Pipelines;
using CreditAlt.Api.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace CreditAlt.Api.Infrastructure;

/// <summary>
/// Reads a JSON request body by hand: the handlers need the raw bytes (one parse that reports every problem,
/// and the same bytes for the idempotency check), a 415 for the wrong media type and a 413 past the size limit
/// whatever server hosts the app (Kestrel's own limit does not apply under the test server).
/// </summary>
internal static class JsonBody
{
    public static bool IsJson(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var media) || media.MediaType.Value is not { } type)
            return false;
        if (media.Charset.HasValue && !media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
            return false;
        return type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (type.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && type.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The body as bytes, or the problem to answer (415, 413, 400 for an empty body).</summary>
    public static async Task<(byte[]? Body, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, int limit, CancellationToken ct)
    {
        if (!IsJson(request))
            return (null, Problems.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                $"Send the application as JSON with 'Content-Type: application/json' (UTF-8); got '{Describe(request.ContentType)}'."));
        if (request.ContentLength > limit)
            return (null, TooLarge(limit));

        var reader = request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(ct).ConfigureAwait(false);
            var buffer = read.Buffer;
            if (buffer.Length > limit)
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
                return (null, TooLarge(limit));
            }
            if (read.IsCompleted)
            {
                var bytes = buffer.ToArray();
                reader.AdvanceTo(buffer.End);
                return bytes.Length == 0
                    ? (null, Problems.Status(StatusCodes.Status400BadRequest, "Empty body", "The request has no body; send the application as JSON."))
                    : (bytes, null);
            }
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static ProblemHttpResult TooLarge(int limit) =>
        Problems.Status(StatusCodes.Status413PayloadTooLarge, "Request too large", $"The body may be at most {limit} bytes.");

    private static string Describe(string? contentType) =>
        string.IsNullOrEmpty(contentType) ? "none" : contentType.Length > 80 ? contentType[..80] + "…" : contentType;
}
