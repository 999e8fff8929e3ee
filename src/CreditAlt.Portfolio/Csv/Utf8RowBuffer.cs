using System.Globalization;
using System.Text;

namespace CreditAlt.Portfolio.Csv;

/// <summary>
/// A growable UTF-8 byte buffer with the few formatters the bulk formats need, written straight
/// to bytes (no intermediate strings) because the generator writes tens of millions of fields.
/// </summary>
public sealed class Utf8RowBuffer
{
    private byte[] _bytes;

    public Utf8RowBuffer(int capacity = 1 << 16) => _bytes = new byte[capacity];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> WrittenSpan => _bytes.AsSpan(0, Length);

    public void Clear() => Length = 0;

    public void WriteTo(Stream stream)
    {
        stream.Write(_bytes, 0, Length);
        Length = 0;
    }

    private Span<byte> Reserve(int size)
    {
        if (Length + size > _bytes.Length)
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, Length + size));
        return _bytes.AsSpan(Length);
    }

    public void Raw(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Reserve(bytes.Length));
        Length += bytes.Length;
    }

    public void Byte(byte b)
    {
        Reserve(1)[0] = b;
        Length++;
    }

    public void Comma() => Byte((byte)',');

    public void EndRow() => Byte((byte)'\n');

    /// <summary>The bytes <see cref="Text"/> would write, for a value written on many rows (an application id).</summary>
    public static byte[] Encode(string text)
    {
        var b = new Utf8RowBuffer(text.Length * 3 + 2);
        b.Text(text);
        return b.WrittenSpan.ToArray();
    }

    /// <summary>Writes text, quoted per RFC 4180 only when it holds a comma, quote or line break.</summary>
    public void Text(string text)
    {
        var needsQuotes = text.AsSpan().IndexOfAny(",\"\r\n") >= 0;
        if (!needsQuotes)
        {
            var max = Encoding.UTF8.GetMaxByteCount(text.Length);
            Length += Encoding.UTF8.GetBytes(text, Reserve(max));
            return;
        }
        Byte((byte)'"');
        var escaped = text.Replace("\"", "\"\"", StringComparison.Ordinal);
        Length += Encoding.UTF8.GetBytes(escaped, Reserve(Encoding.UTF8.GetMaxByteCount(escaped.Length)));
        Byte((byte)'"');
    }

    public void Date(DateOnly d)
    {
        var s = Reserve(10);
        Digits(s, d.Year, 4);
        s[4] = (byte)'-';
        Digits(s[5..], d.Month, 2);
        s[7] = (byte)'-';
        Digits(s[8..], d.Day, 2);
        Length += 10;
    }

    public void Month(DateOnly d)
    {
        var s = Reserve(7);
        Digits(s, d.Year, 4);
        s[4] = (byte)'-';
        Digits(s[5..], d.Month, 2);
        Length += 7;
    }

    /// <summary>Invariant decimal as it is held (scale kept), the same spelling the JSON writer uses.</summary>
    public void Money(decimal value)
    {
        // Fast path for the common case (at most 2 decimals, below 2^64 units), digit for digit what
        // decimal's own invariant formatting writes; anything else goes to decimal.TryFormat.
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var scale = (bits[3] >> 16) & 0xFF;
        if (bits[2] == 0 && scale <= 2)
        {
            var units = ((ulong)(uint)bits[1] << 32) | (uint)bits[0];
            var negative = bits[3] < 0 && units != 0;
            Span<byte> tmp = stackalloc byte[24];
            var pos = tmp.Length;
            var digits = 0;
            do
            {
                if (digits == scale && scale > 0) tmp[--pos] = (byte)'.';
                tmp[--pos] = (byte)('0' + (int)(units % 10));
                units /= 10;
                digits++;
            }
            while (units != 0 || digits <= scale);
            if (negative) tmp[--pos] = (byte)'-';
            Raw(tmp[pos..]);
            return;
        }
        if (!value.TryFormat(Reserve(32), out var written, default, CultureInfo.InvariantCulture))
            throw new InvalidOperationException("A decimal did not fit 32 bytes.");
        Length += written;
    }

    public void Integer(long value)
    {
        if (!value.TryFormat(Reserve(20), out var written, default, CultureInfo.InvariantCulture))
            throw new InvalidOperationException("A long did not fit 20 bytes.");
        Length += written;
    }

    /// <summary>A probability with a fixed 6 decimal places, so that the same double always gives the same bytes.</summary>
    public void Probability(double value)
    {
        if (!value.TryFormat(Reserve(32), out var written, "0.000000", CultureInfo.InvariantCulture))
            throw new InvalidOperationException("A double did not fit 32 bytes.");
        Length += written;
    }

    private static void Digits(Span<byte> s, int value, int width)
    {
        for (var i = width - 1; i >= 0; i--)
        {
            s[i] = (byte)('0' + value % 10);
            value /= 10;
        }
    }
}
