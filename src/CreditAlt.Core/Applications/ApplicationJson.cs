using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace CreditAlt.Core.Applications;

/// <summary>The outcome of reading an application: the application, or every problem found.</summary>
public sealed record ApplicationParseResult(Application? Application, IReadOnlyList<ValidationProblem> Problems)
{
    public bool IsValid => Application is not null && Problems.Count == 0;
}

/// <summary>
/// The JSON form of one application (docs/data-formats.md). Reading streams through the document once with a
/// <see cref="Utf8JsonReader"/> rather than deserialising, so that a wrong type, a missing or repeated field and an
/// out-of-range value anywhere are all reported together, each with its path, instead of stopping at the first; a
/// document that is not well-formed JSON (or not UTF-8) is one problem at <c>$</c>. Nothing a client sends makes it throw.
/// Writing produces the canonical form whose SHA-256 is the application's fingerprint.
/// </summary>
public static class ApplicationJson
{
    /// <value>64 levels; deeper documents are rejected.</value>
    public const int MaxDepth = 64;

    /// <value>2: amounts are currency with cents.</value>
    public const int MaxDecimalPlaces = 2;

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = MaxDepth };

    public static ApplicationParseResult Parse(ReadOnlySpan<byte> utf8)
    {
        if (utf8.StartsWith("\uFEFF"u8)) utf8 = utf8[3..];
        // Utf8JsonReader checks string contents only when they are read, so a bad byte in a skipped value or a property
        // name would get through (or throw later); the whole body is checked first, which is cheap.
        if (!Utf8.IsValid(utf8)) return Fail("$", "a UTF-8 encoded JSON document");
        var reader = new Utf8JsonReader(utf8, ReaderOptions);
        var walker = new ApplicationJsonReader();
        Application? application;
        try
        {
            application = walker.ReadDocument(ref reader);
        }
        catch (JsonException ex)
        {
            // Problems found before the syntax error are dropped: they may be artefacts of the broken document.
            var where = ex.LineNumber is { } line ? $" at line {line + 1}, byte {ex.BytePositionInLine + 1}" : "";
            return Fail("$", $"a well-formed JSON document{where}: {FirstSentence(ex.Message)}");
        }

        if (walker.Problems.Count > 0 || application is null)
            return new(null, walker.Problems);
        var problems = ApplicationValidator.Validate(application);
        return new(problems.Count == 0 ? application : null, problems);
    }

    public static ApplicationParseResult Parse(string json) => Parse(Encoding.UTF8.GetBytes(json));

    private static ApplicationParseResult Fail(string path, string expected) => new(null, [new(path, expected)]);

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message.TrimEnd('.');
    }

    /// <summary>Canonical JSON (docs/data-formats.md): fixed property order, no whitespace, <see cref="Utf8JsonWriter"/>'s default escaping and number forms.</summary>
    public static byte[] ToCanonicalJson(Application application) => CanonicalJsonWriter.ToUtf8(application);

    /// <summary>The canonical JSON as text, or indented for people to read (same properties, same values).</summary>
    public static string ToJson(Application application, bool indented = false)
    {
        if (!indented) return Encoding.UTF8.GetString(ToCanonicalJson(application));
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(4096);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            Write(w, application);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Lower-case hex SHA-256 of the canonical JSON.</summary>
    public static string Fingerprint(Application application) => Fingerprint(ToCanonicalJson(application));

    /// <summary>The fingerprint of canonical JSON already written (<see cref="ToCanonicalJson"/>): lower-case hex SHA-256 of its UTF-8 bytes.</summary>
    public static string Fingerprint(ReadOnlySpan<byte> canonicalJson) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(canonicalJson));

    /// <summary>Writes the application as one JSON value through <paramref name="w"/> (its options decide indentation).</summary>
    public static void Write(Utf8JsonWriter w, Application a) => CanonicalJsonWriter.Write(w, a);
}
