namespace CreditAlt.Core.Applications;

/// <summary>
/// Checks an amount on its exact digits as written. The decimal a JSON number converts to can round (1e-400 becomes
/// 0; 28 decimal places are kept at most), which must not let a value with more decimal places pass.
/// </summary>
internal static class JsonAmounts
{
    public enum Verdict
    {
        Ok,
        OutOfRange,
        Negative,
        TooManyDecimals,
    }

    // ApplicationLimits.MaxLargeAmount is 10^7: a value whose leading digit stands for 10^8 or more is out of range.
    private const int MaxMagnitude = 7;

    /// <summary>In the order they were checked before: range, sign, decimal places. <paramref name="raw"/> is a valid JSON number.</summary>
    public static Verdict Check(ReadOnlySpan<byte> raw, bool allowNegative)
    {
        var i = 0;
        var negative = raw[0] == (byte)'-';
        if (negative) i++;
        int digits = 0, first = -1, last = -1, firstDigit = 0;
        for (; i < raw.Length && IsDigit(raw[i]); i++) Digit(raw[i]);
        var integerDigits = digits;
        if (i < raw.Length && raw[i] == (byte)'.')
            for (i++; i < raw.Length && IsDigit(raw[i]); i++) Digit(raw[i]);
        long exponent = 0;
        if (i < raw.Length && (raw[i] | 0x20) == 'e')
        {
            i++;
            var exponentNegative = raw[i] == (byte)'-';
            if (raw[i] is (byte)'-' or (byte)'+') i++;
            // Saturates: any exponent this large is out of range or has too many places, whatever its exact size.
            for (; i < raw.Length; i++) exponent = Math.Min(exponent * 10 + (raw[i] - '0'), 1_000_000);
            if (exponentNegative) exponent = -exponent;
        }

        if (first < 0) return Verdict.Ok; // zero, however it is written
        var magnitude = integerDigits - 1 - first + exponent; // the value lies in [10^magnitude, 10^(magnitude+1))
        if (magnitude > MaxMagnitude || (magnitude == MaxMagnitude && (first != last || firstDigit != 1))) return Verdict.OutOfRange;
        if (negative && !allowNegative) return Verdict.Negative;
        var places = last + 1 - integerDigits - exponent;
        return places > ApplicationJson.MaxDecimalPlaces ? Verdict.TooManyDecimals : Verdict.Ok;

        void Digit(byte b)
        {
            if (b != (byte)'0')
            {
                if (first < 0)
                {
                    first = digits;
                    firstDigit = b - '0';
                }

                last = digits;
            }

            digits++;
        }
    }

    /// <summary>
    /// The decimal of a number written plainly (digits, an optional point, no exponent, at most 18 digits), built
    /// directly: the same value and scale the reader's parser gives ("1.50" keeps two places), at a fraction of the cost.
    /// </summary>
    public static bool TryPlain(ReadOnlySpan<byte> raw, out decimal value)
    {
        value = 0;
        var negative = raw[0] == (byte)'-';
        ulong mantissa = 0;
        int digits = 0, scale = 0;
        var point = false;
        for (var i = negative ? 1 : 0; i < raw.Length; i++)
        {
            var b = raw[i];
            if (b == (byte)'.')
            {
                point = true;
                continue;
            }

            if (!IsDigit(b) || ++digits > 18) return false; // an exponent, or more digits than a long holds
            mantissa = mantissa * 10 + (uint)(b - '0');
            if (point) scale++;
        }

        if (negative && mantissa == 0) return false; // "-0": left to the parser, whatever sign of zero it gives
        value = new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, negative, (byte)scale);
        return true;
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;
}
