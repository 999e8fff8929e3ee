using System.Globalization;
using System.Text.Json;

namespace CreditAlt.Transactions.Parsing;

/// <summary>Typed reads of JSON properties that name the JSON path and what was expected when they fail.</summary>
internal readonly struct JsonFields(string input)
{
    public TransactionFormatException Error(string path, string expected) => new(input, path, expected);

    public static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => $"the string '{Truncate(e.GetString()!)}'",
        JsonValueKind.Number => $"the number {e.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => e.GetRawText(),
        JsonValueKind.Null => "null",
        JsonValueKind.Object => "an object",
        _ => "an array",
    };

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";

    public JsonElement Object(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var e)) throw Error(path, $"a property '{name}' (an object)");
        if (e.ValueKind != JsonValueKind.Object) throw Error($"{path}.{name}", $"an object, got {Describe(e)}");
        return e;
    }

    public JsonElement Array(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var e)) throw Error(path, $"a property '{name}' (an array)");
        if (e.ValueKind != JsonValueKind.Array) throw Error($"{path}.{name}", $"an array, got {Describe(e)}");
        return e;
    }

    public string String(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var e)) throw Error(path, $"a property '{name}' (a string)");
        if (e.ValueKind != JsonValueKind.String || e.GetString()!.Length == 0)
            throw Error($"{path}.{name}", $"a non-empty string, got {Describe(e)}");
        return e.GetString()!;
    }

    public string? OptionalString(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null) return null;
        if (e.ValueKind != JsonValueKind.String) throw Error($"{path}.{name}", $"a string or null, got {Describe(e)}");
        var s = e.GetString()!;
        return s.Length == 0 ? null : s;
    }

    public bool OptionalBool(JsonElement parent, string name, string path, bool absent)
    {
        if (!parent.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null) return absent;
        return e.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Error($"{path}.{name}", $"true or false, got {Describe(e)}"),
        };
    }

    /// <summary>An amount in dollars with at most two decimals (cents), as every CreditAlt amount.</summary>
    public decimal Amount(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var e)) throw Error(path, $"a property '{name}' (a number)");
        return AmountOf(e, $"{path}.{name}");
    }

    public decimal? OptionalAmount(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null) return null;
        return AmountOf(e, $"{path}.{name}");
    }

    private decimal AmountOf(JsonElement e, string path)
    {
        if (e.ValueKind != JsonValueKind.Number || !e.TryGetDecimal(out var d))
            throw Error(path, $"a number such as 1234.56, got {Describe(e)}");
        if (!IsCents(d)) throw Error(path, $"an amount in cents (at most 2 decimals), got {e.GetRawText()}");
        return Math.Round(d, 2);
    }

    /// <summary>At most two decimals that matter (1.500 is cents, 1.505 is not).</summary>
    public static bool IsCents(decimal d) => d.Scale <= 2 || d == Math.Round(d, 2);

    /// <summary>A date (<c>2026-05-01</c>) or an ISO 8601 timestamp, of which the date as written is taken.</summary>
    public DateOnly Date(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var e)) throw Error(path, $"a property '{name}' (a date such as 2026-05-01)");
        if (e.ValueKind == JsonValueKind.String && TryDate(e.GetString()!, out var date)) return date;
        throw Error($"{path}.{name}", $"a date such as 2026-05-01 or a timestamp such as 2026-05-01T10:15:00Z, got {Describe(e)}");
    }

    /// <summary>The date as written of a date or an ISO 8601 timestamp; false when it is neither.</summary>
    public static bool TryDate(string s, out DateOnly date)
    {
        date = default;
        return s.Length >= 10
            && DateOnly.TryParseExact(s.AsSpan(0, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
            && (s.Length == 10 || IsPlainUtcTime(s) || DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _));
    }

    // "THH:mm:ssZ" after a valid date: what nearly every file carries, and what DateTimeOffset.TryParse accepts; checked
    // by hand because TryParse is the costliest step of reading a transaction. Anything else still goes to TryParse.
    private static bool IsPlainUtcTime(string s)
    {
        if (s.Length != 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z') return false;
        static int Two(string s, int at) => char.IsAsciiDigit(s[at]) && char.IsAsciiDigit(s[at + 1]) ? (s[at] - '0') * 10 + s[at + 1] - '0' : -1;
        return Two(s, 11) is >= 0 and <= 23 && Two(s, 14) is >= 0 and <= 59 && Two(s, 17) is >= 0 and <= 59;
    }

    public int? OptionalMcc(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null) return null;
        if (e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var n) && n is >= 0 and <= 9999) return n;
        if (e.ValueKind == JsonValueKind.String && e.GetString() is { Length: 4 } s
            && int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out n)) return n;
        throw Error($"{path}.{name}", $"a four-digit merchant category code such as 5411, got {Describe(e)}");
    }

    /// <summary>Parses the whole document; malformed JSON is named by line and column (1-based).</summary>
    public JsonDocument Parse(Stream utf8)
    {
        try
        {
            return JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            var line = (ex.LineNumber ?? 0) + 1;
            var column = (ex.BytePositionInLine ?? 0) + 1;
            throw Error($"line {line}, column {column}", "well-formed JSON (" + FirstSentence(ex.Message) + ")");
        }
    }

    private static string FirstSentence(string message)
    {
        foreach (var marker in (string[])[" Path:", " LineNumber:"])
        {
            var end = message.IndexOf(marker, StringComparison.Ordinal);
            if (end > 0) message = message[..end];
        }

        return message.TrimEnd('.', ' ', '|');
    }
}
