using System.Globalization;
using System.Text;

namespace CreditAlt.Portfolio.Csv;

/// <summary>
/// Strict parsers for the field types of the bulk formats, straight from UTF-8 bytes. Each accepts
/// exactly the documented spelling (docs/data-formats.md) and reports what it expected otherwise;
/// none allocates on success.
/// </summary>
public static class CsvFields
{
    /// <summary>Parses <c>yyyy-MM-dd</c>.</summary>
    public static bool TryParseDate(ReadOnlySpan<byte> s, out DateOnly date)
    {
        date = default;
        if (s.Length != 10 || s[4] != (byte)'-' || s[7] != (byte)'-') return false;
        if (!TryDigits(s[..4], out var y) || !TryDigits(s.Slice(5, 2), out var m) || !TryDigits(s.Slice(8, 2), out var d)) return false;
        if (y < 1 || m < 1 || m > 12 || d < 1 || d > DateTime.DaysInMonth(y, m)) return false;
        date = new DateOnly(y, m, d);
        return true;
    }

    /// <summary>Parses <c>yyyy-MM</c> (or <c>yyyy-MM-01</c>, as the JSON form allows) to the first day of the month.</summary>
    public static bool TryParseMonth(ReadOnlySpan<byte> s, out DateOnly month)
    {
        month = default;
        if (s.Length == 10) return TryParseDate(s, out month) && month.Day == 1;
        if (s.Length != 7 || s[4] != (byte)'-') return false;
        if (!TryDigits(s[..4], out var y) || !TryDigits(s.Slice(5, 2), out var m) || y < 1 || m < 1 || m > 12) return false;
        month = new DateOnly(y, m, 1);
        return true;
    }

    /// <summary>
    /// Parses an amount: optional minus, 1 to 15 digits, optionally a point and 1 or 2 digits
    /// (<c>1234</c>, <c>1234.5</c>, <c>-12.34</c>). No exponent, no thousands separator, no plus sign.
    /// The decimal keeps the scale as written, like the JSON reader.
    /// </summary>
    public static bool TryParseMoney(ReadOnlySpan<byte> s, out decimal value)
    {
        value = 0;
        var negative = s.Length > 0 && s[0] == (byte)'-';
        if (negative) s = s[1..];
        var point = s.IndexOf((byte)'.');
        var whole = point < 0 ? s : s[..point];
        var fraction = point < 0 ? default : s[(point + 1)..];
        if (whole.Length is 0 or > 15 || (point >= 0 && fraction.Length is 0 or > 2)) return false;
        long units = 0;
        foreach (var b in whole)
        {
            var digit = b - (byte)'0';
            if ((uint)digit > 9) return false;
            units = units * 10 + digit;
        }
        foreach (var b in fraction)
        {
            var digit = b - (byte)'0';
            if ((uint)digit > 9) return false;
            units = units * 10 + digit;
        }
        value = new decimal((int)(units & 0xFFFFFFFF), (int)(units >> 32), 0, negative && units != 0, (byte)fraction.Length);
        return true;
    }

    /// <summary>Parses a non-negative whole number of at most 9 digits.</summary>
    public static bool TryParseCount(ReadOnlySpan<byte> s, out int value) =>
        TryDigits(s, out value) && s.Length is > 0 and <= 9;

    /// <summary>Parses a probability written with invariant digits (<c>0.0734</c>), between 0 and 1.</summary>
    public static bool TryParseProbability(ReadOnlySpan<byte> s, out double value) =>
        double.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value) && value is >= 0 and <= 1;

    private static bool TryDigits(ReadOnlySpan<byte> s, out int value)
    {
        value = 0;
        if (s.Length is 0 or > 9) return false;
        foreach (var b in s)
        {
            var digit = b - (byte)'0';
            if ((uint)digit > 9) return false;
            value = value * 10 + digit;
        }
        return true;
    }

    /// <summary>For error messages: the field as text, shortened.</summary>
    public static string Show(ReadOnlySpan<byte> s)
    {
        var text = Encoding.UTF8.GetString(s.Length > 60 ? s[..60] : s);
        return "'" + text + (s.Length > 60 ? "…" : "") + "'";
    }
}
