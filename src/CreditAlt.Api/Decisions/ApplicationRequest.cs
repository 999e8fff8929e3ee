using System.Text.Json;
using CreditAlt.Core.Applications;

namespace CreditAlt.Api.Decisions;

/// <summary>
/// Reads a request body into an application, stricter than <see cref="ApplicationJson.Parse(ReadOnlySpan{byte})"/> where a
/// hostile client could otherwise get through: the whole body must be valid UTF-8 (JsonDocument checks a string only when
/// it is read, and an invalid property name would throw later), and a property may not appear twice (which value counts is
/// a classic parser-differential trick; found by scripts/fuzz-api.py).
/// </summary>
internal static class ApplicationRequest
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = ApplicationJson.MaxDepth, AllowDuplicateProperties = false };

    public static ApplicationParseResult Parse(byte[] body)
    {
        if (!System.Text.Unicode.Utf8.IsValid(body))
            return Fail("a UTF-8 encoded JSON document");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, Options);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" at line {line + 1}, byte {ex.BytePositionInLine + 1}" : "";
            return Fail($"a well-formed JSON document{where}: {FirstSentence(ex.Message)}");
        }

        using (document)
            return ApplicationJson.Read(document.RootElement);
    }

    private static ApplicationParseResult Fail(string expected) => new(null, [new ValidationProblem("$", expected)]);

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message.TrimEnd('.');
    }
}
