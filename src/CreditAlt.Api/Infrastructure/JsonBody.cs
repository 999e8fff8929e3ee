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

    /// <summary>
    /// The body as bytes, or the problem to answer: 415, 413, 400 for an empty body or broken framing (a chunk size
    /// Kestrel cannot parse surfaces as an <see cref="IOException"/>, not a <see cref="BadHttpRequestException"/>).
    /// When the answer leaves the body unread, it carries <c>Connection: close</c>: the server will not read the
    /// rest, so a keep-alive client must not send its next request on this connection.
    /// </summary>
    public static async Task<(byte[]? Body, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, int limit, CancellationToken ct)
    {
        if (!IsJson(request))
            return (null, Problems.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                $"Send the application as JSON with 'Content-Type: application/json' (UTF-8); got '{Describe(request.ContentType)}'."));
        if (request.ContentLength > limit)
            return (null, Unread(request, TooLarge(limit)));

        var reader = request.BodyReader;
        try
        {
            while (true)
            {
                var read = await reader.ReadAsync(ct).ConfigureAwait(false);
                var buffer = read.Buffer;
                if (buffer.Length > limit)
                {
                    reader.AdvanceTo(buffer.Start, buffer.End);
                    return (null, Unread(request, TooLarge(limit)));
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
        catch (BadHttpRequestException ex)
        {
            // Kestrel's own checks (its size limit, bad framing): the client's fault, answered with its status.
            return (null, Unread(request, Problems.Status(ex.StatusCode, ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request too large" : "Malformed request body",
                ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? $"The body may be at most {limit} bytes." : ex.Message)));
        }
        catch (IOException ex) when (!request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            return (null, Unread(request, Problems.Status(StatusCodes.Status400BadRequest, "Malformed request body",
                $"The body's HTTP framing could not be read ({ex.Message.TrimEnd('.')}); send it with a valid Content-Length or chunked encoding.")));
        }
    }

    /// <summary>Marks the answer as the connection's last, since the rest of the body stays unread.</summary>
    public static ProblemHttpResult Unread(HttpRequest request, ProblemHttpResult problem)
    {
        request.HttpContext.Response.Headers.Connection = "close";
        return problem;
    }

    public static ProblemHttpResult TooLarge(int limit) =>
        Problems.Status(StatusCodes.Status413PayloadTooLarge, "Request too large", $"The body may be at most {limit} bytes.");

    private static string Describe(string? contentType) =>
        string.IsNullOrEmpty(contentType) ? "none" : contentType.Length > 80 ? contentType[..80] + "…" : contentType;
}
