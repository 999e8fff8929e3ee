using System.Globalization;
using System.Text.Json;
using CreditAlt.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreditAlt.Api.Lifecycle;

/// <summary>
/// Reads the small JSON bodies of the lifecycle endpoints (final actions, disputes, resolutions, incompleteness notices)
/// and collects every problem with its JSON path (<c>reasonCodes[1]</c>, <c>counteroffer.amount</c>), in the style of
/// the application parser, so a caller fixes the whole body in one round. Unknown properties are problems too: a
/// misspelt optional field must not be dropped silently.
/// </summary>
internal sealed class RequestBody
{
    private readonly Dictionary<string, List<string>> _problems = new(StringComparer.Ordinal);

    public JsonElement Root { get; }

    public bool IsValid => _problems.Count == 0;

    private RequestBody(JsonElement root) => Root = root;

    /// <summary>Reads and parses the body; the problem is the answer to give when it is not JSON at all (415, 413, 400).</summary>
    public static async Task<(RequestBody? Body, IResult? Problem)> ReadAsync(HttpRequest request, int limit, string title, CancellationToken ct)
    {
        var (bytes, problem) = await JsonBody.ReadAsync(request, limit, ct).ConfigureAwait(false);
        if (problem is not null)
            return (null, problem);
        // JsonDocument checks UTF-8 only when a string is read; a bad byte inside a name or value would surface later as an exception.
        if (!System.Text.Unicode.Utf8.IsValid(bytes))
            return (null, Problem(title, new() { ["$"] = ["expected UTF-8 text"] }));
        try
        {
            using var doc = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 16 });
            var body = new RequestBody(doc.RootElement.Clone());
            if (body.Root.ValueKind != JsonValueKind.Object)
                return (null, Problem(title, new() { ["$"] = ["expected a JSON object"] }));
            // A repeated property would be read one way here and perhaps another way by whoever audits the stored body.
            if (Repeated(body.Root, "") is { } repeated)
                return (null, Problem(title, new() { [repeated] = ["expected each property once"] }));
            return (body, null);
        }
        catch (JsonException ex)
        {
            var at = ex.LineNumber is { } line ? $" (line {line + 1}, byte {ex.BytePositionInLine + 1})" : "";
            return (null, Problem(title, new() { ["$"] = [$"expected well-formed JSON{at}"] }));
        }
    }

    private static string? Repeated(JsonElement e, string path)
    {
        if (e.ValueKind == JsonValueKind.Object)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var p in e.EnumerateObject())
            {
                var at = Join(path, p.Name);
                if (!seen.Add(p.Name))
                    return at;
                if (Repeated(p.Value, at) is { } inner)
                    return inner;
            }
        }
        else if (e.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in e.EnumerateArray())
                if (Repeated(item, $"{path}[{i++}]") is { } inner)
                    return inner;
        }
        return null;
    }

    public void Add(string path, string expected)
    {
        if (!_problems.TryGetValue(path, out var list))
            _problems[path] = list = [];
        list.Add("expected " + expected);
    }

    /// <summary>Flags every property of <paramref name="obj"/> not in <paramref name="known"/>.</summary>
    public void OnlyKnown(JsonElement obj, string prefix, params string[] known)
    {
        foreach (var p in obj.EnumerateObject())
            if (!known.Contains(p.Name, StringComparer.Ordinal))
                Add(Join(prefix, p.Name), $"no property '{Trim(p.Name)}' here; known: {string.Join(", ", known)}");
    }

    public string? String(JsonElement obj, string prefix, string name, bool required, int maxLength)
    {
        var path = Join(prefix, name);
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            if (required)
                Add(path, $"a string of 1 to {maxLength} characters");
            return null;
        }
        if (v.ValueKind != JsonValueKind.String || v.GetString() is not { } s || s.Trim().Length == 0 || s.Length > maxLength)
        {
            Add(path, $"a string of 1 to {maxLength} characters");
            return null;
        }
        return s;
    }

    public decimal? Amount(JsonElement obj, string prefix, string name, decimal max)
    {
        var path = Join(prefix, name);
        var expected = $"an amount above 0 and at most {max.ToString("#,0", CultureInfo.InvariantCulture)}, with at most 2 decimals";
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind != JsonValueKind.Number || !v.TryGetDecimal(out var d) || d <= 0 || d > max || d.Scale > 2)
        {
            Add(path, expected);
            return null;
        }
        return d;
    }

    public DateOnly? Date(JsonElement obj, string prefix, string name, bool required)
    {
        var path = Join(prefix, name);
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            if (required)
                Add(path, "a date (yyyy-MM-dd)");
            return null;
        }
        if (v.ValueKind != JsonValueKind.String || !DateOnly.TryParseExact(v.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            Add(path, "a date (yyyy-MM-dd)");
            return null;
        }
        return d;
    }

    /// <summary>The array property, or null (with a problem) when it is missing or not an array of 1 to <paramref name="max"/> items.</summary>
    public JsonElement[]? Array(JsonElement obj, string prefix, string name, bool required, int min, int max)
    {
        var path = Join(prefix, name);
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            if (required)
                Add(path, $"an array of {min} to {max} items");
            return null;
        }
        if (v.ValueKind != JsonValueKind.Array || v.GetArrayLength() < min || v.GetArrayLength() > max)
        {
            Add(path, $"an array of {min} to {max} items");
            return null;
        }
        return v.EnumerateArray().ToArray();
    }

    public IResult ToProblem(string title) => Problem(title, _problems.ToDictionary(p => p.Key, p => p.Value));

    private static ValidationProblem Problem(string title, Dictionary<string, List<string>> errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal),
            detail: $"The body has {errors.Sum(e => e.Value.Count)} problem(s); each is listed under its JSON path with what was expected.",
            title: title);

    public static string Join(string prefix, string name) => prefix.Length == 0 ? name : prefix + "." + name;

    private static string Trim(string s) => s.Length > 40 ? s[..40] + "…" : s;
}
