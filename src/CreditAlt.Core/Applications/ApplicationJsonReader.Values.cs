using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CreditAlt.Core.Applications;

/// <summary>The reader's values (strings, dates, amounts, counts) and its problems, each with the JSON path where it was found.</summary>
internal sealed partial class ApplicationJsonReader
{
    private string? String(ref Utf8JsonReader r, string name)
    {
        if (r.TokenType == JsonTokenType.Null)
        {
            Add(name, "a string (required)");
            return null;
        }

        if (r.TokenType != JsonTokenType.String)
        {
            Add(name, $"a string, got {Describe(ref r)}");
            return null;
        }

        try
        {
            return r.GetString();
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate such as "\ud800" is well-formed JSON but no text.
            Add(name, "a string of valid Unicode text, got an escaped lone surrogate");
            return null;
        }
    }

    private ObligationType? Type(ref Utf8JsonReader r)
    {
        if (r.TokenType == JsonTokenType.String)
        {
            for (var t = 0; t < TypeNames.Length; t++)
                if (TextEquals(ref r, TypeNames[t])) return ObligationTypes.All[t];
        }

        var text = String(ref r, "type");
        if (text is not null) Add("type", $"{ObligationTypes.WireNames}, got '{Truncate(text)}'");
        return null;
    }

    private DateOnly? Date(ref Utf8JsonReader r, string name)
    {
        if (r.TokenType == JsonTokenType.String && !r.ValueIsEscaped && TryIsoDate(r.ValueSpan, out var fast)) return fast;
        var text = String(ref r, name);
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        Add(name, $"a date as yyyy-MM-dd, got '{Truncate(text)}'");
        return null;
    }

    private DateOnly? Month(ref Utf8JsonReader r, string name)
    {
        if (r.TokenType == JsonTokenType.String && !r.ValueIsEscaped && TryIsoMonth(r.ValueSpan, out var fast)) return fast;
        var text = String(ref r, name);
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out d) && d.Day == 1) return d;
        Add(name, $"a month as yyyy-MM, got '{Truncate(text)}'");
        return null;
    }

    // The common exact forms, read straight from the bytes; anything else goes through DateOnly.TryParseExact,
    // so what is accepted does not change.
    private static bool TryIsoDate(ReadOnlySpan<byte> s, out DateOnly date)
    {
        date = default;
        if (s.Length != 10 || s[4] != '-' || s[7] != '-') return false;
        return TryNumber(s[..4], out var year) && TryNumber(s.Slice(5, 2), out var month) && TryNumber(s.Slice(8, 2), out var day)
            && TryDate(year, month, day, out date);
    }

    private static bool TryIsoMonth(ReadOnlySpan<byte> s, out DateOnly date)
    {
        date = default;
        if (s.Length != 7 || s[4] != '-') return false;
        return TryNumber(s[..4], out var year) && TryNumber(s.Slice(5, 2), out var month) && TryDate(year, month, 1, out date);
    }

    private static bool TryNumber(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        foreach (var b in digits)
        {
            if ((uint)(b - '0') > 9) return false;
            value = value * 10 + (b - '0');
        }

        return true;
    }

    private static bool TryDate(int year, int month, int day, out DateOnly date)
    {
        date = default;
        if (year < 1 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        date = new DateOnly(year, month, day);
        return true;
    }

    /// <summary>
    /// An amount of currency, checked on the exact digits as written: the decimal a JSON number would convert to can
    /// round (1e-400 becomes 0, 0.0000000000000000000000000001234 loses digits), which must not pass for a valid amount.
    /// </summary>
    private decimal? Money(ref Utf8JsonReader r, string name, bool allowNegative)
    {
        if (r.TokenType == JsonTokenType.Null)
        {
            Add(name, "a number (required)");
            return null;
        }

        if (r.TokenType != JsonTokenType.Number)
        {
            Add(name, $"a number, got {Describe(ref r)}");
            return null;
        }

        var raw = r.ValueSpan;
        switch (JsonAmounts.Check(raw, allowNegative))
        {
            case JsonAmounts.Verdict.OutOfRange:
                Add(name, $"{Range(allowNegative)}, got {Raw(raw)}");
                return null;
            case JsonAmounts.Verdict.Negative:
                Add(name, $"an amount of 0 or more, got {Raw(raw)}");
                return null;
            case JsonAmounts.Verdict.TooManyDecimals:
                Add(name, $"an amount with at most {ApplicationJson.MaxDecimalPlaces} decimal places, got {Raw(raw)}");
                return null;
        }

        // At most 8 integer and 2 decimal digits remain, which a decimal holds exactly.
        if (JsonAmounts.TryPlain(raw, out var value) || r.TryGetDecimal(out value)) return value;
        Add(name, $"{Range(allowNegative)}, got {Raw(raw)}");
        return null;
    }

    private static string Range(bool allowNegative) => allowNegative
        ? $"an amount from -{ApplicationLimits.MaxLargeAmount:0} to {ApplicationLimits.MaxLargeAmount:0}"
        : $"an amount of at most {ApplicationLimits.MaxLargeAmount:0}";

    private int? Count(ref Utf8JsonReader r, string name)
    {
        if (r.TokenType == JsonTokenType.Null)
        {
            Add(name, "a whole number (required)");
            return null;
        }

        if (r.TokenType != JsonTokenType.Number || !r.TryGetInt32(out var value) || value < 0 || value > ApplicationLimits.MaxNsfPerMonth)
        {
            Add(name, $"a whole number from 0 to {ApplicationLimits.MaxNsfPerMonth}, got {Describe(ref r)}");
            return null;
        }

        return value;
    }

    /// <summary>Says what the value is, and moves past it.</summary>
    private static string Describe(ref Utf8JsonReader r)
    {
        switch (r.TokenType)
        {
            case JsonTokenType.String:
                string text;
                try
                {
                    text = r.GetString() ?? "";
                }
                catch (InvalidOperationException)
                {
                    return "a string that is not valid Unicode";
                }

                return $"the string '{Truncate(text)}'";
            case JsonTokenType.Number: return Raw(r.ValueSpan);
            case JsonTokenType.True: return "true";
            case JsonTokenType.False: return "false";
            case JsonTokenType.StartObject:
                r.Skip();
                return "an object";
            case JsonTokenType.StartArray:
                r.Skip();
                return "an array";
            default: return "null";
        }
    }

    private static string Raw(ReadOnlySpan<byte> number) => Truncate(Encoding.UTF8.GetString(number));

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private void Require(int seen, int field, string name, string expected)
    {
        if ((seen & (1 << field)) != 0) return;
        Add(name, expected);
        RankFrom(Problems.Count - 1, field);
    }

    private void Add(string field, string expected)
    {
        Problems.Add(new(PathOf(field), expected));
        _ranks.Add(0);
    }

    private void AddItem(string array, int index, string expected)
    {
        Problems.Add(new($"{PathOf(array)}[{index}]", expected));
        _ranks.Add(0);
    }

    /// <summary>Problems from <paramref name="from"/> on (one field's, including those inside its value) sort as that field.</summary>
    private void RankFrom(int from, int field)
    {
        for (var i = from; i < _ranks.Count; i++) _ranks[i] = field + 1;
    }

    private void Truncate(int count)
    {
        Problems.RemoveRange(count, Problems.Count - count);
        _ranks.RemoveRange(count, _ranks.Count - count);
    }

    /// <summary>Puts this object's problems in field order (a stable sort: document order within a field).</summary>
    private void SortByRank(int start)
    {
        var count = Problems.Count - start;
        if (count < 2) return;
        var order = Enumerable.Range(start, count).OrderBy(i => _ranks[i]).ToArray();
        var problems = order.Select(i => Problems[i]).ToArray();
        var ranks = order.Select(i => _ranks[i]).ToArray();
        for (var i = 0; i < count; i++)
        {
            Problems[start + i] = problems[i];
            _ranks[start + i] = ranks[i];
        }
    }

    private string PathOf(string field)
    {
        string prefix;
        if (_account >= 0)
            prefix = _payment >= 0 ? $"obligations[{_account}].payments[{_payment}]" : $"obligations[{_account}]";
        else if (_month >= 0)
            prefix = $"cashFlow[{_month}]";
        else
            return field;
        return prefix + "." + field;
    }
}
