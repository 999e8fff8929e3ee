using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;

namespace CreditAlt.Data.Ledger;

/// <summary>
/// Raw DEFLATE (RFC 1951) for documents of a few kilobytes, written as one block with the fixed Huffman codes after a
/// greedy LZ77 pass (one candidate per 4-byte hash, no chains). The default of <see cref="LedgerOptions.Deflate"/>;
/// zlib through DeflateStream is the alternative. Why it exists: for a document of a few kilobytes the .NET
/// deflater spends much of its time setting up (zlib-ng clears a 128 KB hash table per stream, and a stream cannot be
/// reused); this needs no set-up (bench/CreditAlt.Benchmarks, LedgerDocumentBenchmarks; figures in docs/benchmarks.md):
/// its hash table lives per thread and is never cleared, because every candidate it yields is checked against the bytes
/// before use. The output is ordinary DEFLATE that any inflater reads, close to the size of zlib's fastest level on the
/// ledger's JSON (a test bounds it): fixed codes cost little on text whose long repeats become matches.
/// </summary>
internal static class SmallDeflate
{
    private const int HashBits = 12;
    private const int MinMatch = 4;
    private const int MaxMatch = 258;
    private const int WindowSize = 32768;

    // The hash table holds (position + _base); a new document raises _base past every position stored before, so
    // old entries point before the document's start and are ignored without clearing the table.
    [ThreadStatic] private static int[]? _head;
    [ThreadStatic] private static int _base;

    // Distances up to this are looked up (most repeats in a JSON document are near); farther ones are computed.
    private const int NearDistances = 1024;

    // Bits as sent, least significant first: the fixed literal/length codes (RFC 1951, 3.2.6) bit-reversed, because
    // DEFLATE sends Huffman codes most significant bit first; a match length's or distance's code with its extra bits.
    private static readonly ushort[] LiteralBits = new ushort[286];
    private static readonly byte[] LiteralBitCount = new byte[286];
    private static readonly uint[] LengthBits = new uint[MaxMatch + 1];
    private static readonly byte[] LengthBitCount = new byte[MaxMatch + 1];
    private static readonly uint[] NearDistanceBits = new uint[NearDistances + 1];
    private static readonly byte[] NearDistanceBitCount = new byte[NearDistances + 1];

    static SmallDeflate()
    {
        for (var symbol = 0; symbol < LiteralBits.Length; symbol++)
        {
            var (code, length) = symbol switch
            {
                < 144 => (0x30 + symbol, 8),
                < 256 => (0x190 + symbol - 144, 9),
                < 280 => (symbol - 256, 7),
                _ => (0xC0 + symbol - 280, 8),
            };
            LiteralBits[symbol] = (ushort)Reverse(code, length);
            LiteralBitCount[symbol] = (byte)length;
        }
        for (var length = MinMatch; length <= MaxMatch; length++)
        {
            var (symbol, extraBits, extra) = LengthCode(length);
            LengthBits[length] = LiteralBits[symbol] | ((uint)extra << LiteralBitCount[symbol]);
            LengthBitCount[length] = (byte)(LiteralBitCount[symbol] + extraBits);
        }
        for (var distance = 1; distance <= NearDistances; distance++)
            (NearDistanceBits[distance], NearDistanceBitCount[distance]) = DistanceBits(distance);
    }

    /// <summary>A match length's symbol (257–285) and extra bits (RFC 1951, 3.2.5).</summary>
    private static (int Symbol, int ExtraBits, int Extra) LengthCode(int length)
    {
        if (length == MaxMatch)
            return (285, 0, 0);
        var l = length - 3;
        if (l < 8)
            return (257 + l, 0, 0);
        var log = BitOperations.Log2((uint)l);
        return (257 + 4 * (log - 1) + ((l >> (log - 2)) & 3), log - 2, l & ((1 << (log - 2)) - 1));
    }

    /// <summary>A distance (1–32768) as sent: its 5-bit code, bit-reversed, then its extra bits (RFC 1951, 3.2.5).</summary>
    private static (uint Bits, byte Count) DistanceBits(int distance)
    {
        var d = distance - 1;
        if (d < 4)
            return ((uint)Reverse(d, 5), 5);
        var log = BitOperations.Log2((uint)d);
        var code = Reverse(2 * log + ((d >> (log - 1)) & 1), 5);
        return ((uint)(code | ((d & ((1 << (log - 1)) - 1)) << 5)), (byte)(5 + log - 1));
    }

    public static byte[] Compress(ReadOnlySpan<byte> input)
    {
        // Worst case: every byte a 9-bit literal, plus the 3-bit header, the end-of-block code and the last partial byte.
        var rented = ArrayPool<byte>.Shared.Rent(input.Length + input.Length / 8 + 16);
        try
        {
            var output = new BitWriter(rented);
            output.Write(1, 1); // BFINAL: the only block
            output.Write(1, 2); // BTYPE 01: fixed Huffman codes
            var head = _head ??= new int[1 << HashBits];
            if (_base > int.MaxValue - input.Length - WindowSize)
            {
                Array.Clear(head);
                _base = 0;
            }
            var @base = _base + WindowSize; // every stored entry is now below @base, more than a window away from position 0
            _base = @base + input.Length;

            var position = 0;
            var lastMatchStart = input.Length - MinMatch;
            while (position <= lastMatchStart)
            {
                var hash = Hash(input, position);
                var candidate = head[hash] - @base;
                head[hash] = position + @base;
                if (candidate >= 0 && position - candidate <= WindowSize
                    && BinaryPrimitives.ReadUInt32LittleEndian(input[candidate..]) == BinaryPrimitives.ReadUInt32LittleEndian(input[position..]))
                {
                    // Positions inside the match are not indexed: on the ledger's JSON that finds little more for
                    // much more time.
                    var length = MatchLength(input, candidate, position);
                    output.WriteMatch(length, position - candidate);
                    position += length;
                }
                else
                {
                    output.WriteLiteral(input[position]);
                    position++;
                }
            }
            for (; position < input.Length; position++)
                output.WriteLiteral(input[position]);
            output.WriteLiteral(256); // end of block
            return rented.AsSpan(0, output.Finish()).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static int Hash(ReadOnlySpan<byte> input, int position) =>
        (int)((BinaryPrimitives.ReadUInt32LittleEndian(input[position..]) * 2654435761u) >> (32 - HashBits));

    /// <summary>How many bytes from <paramref name="position"/> repeat those from <paramref name="candidate"/> (the first four are known to).</summary>
    private static int MatchLength(ReadOnlySpan<byte> input, int candidate, int position)
    {
        var limit = Math.Min(MaxMatch, input.Length - position);
        var length = MinMatch;
        while (length + 8 <= limit)
        {
            var diff = BinaryPrimitives.ReadUInt64LittleEndian(input[(candidate + length)..]) ^ BinaryPrimitives.ReadUInt64LittleEndian(input[(position + length)..]);
            if (diff != 0)
                return length + BitOperations.TrailingZeroCount(diff) / 8;
            length += 8;
        }
        while (length < limit && input[candidate + length] == input[position + length])
            length++;
        return length;
    }

    private static int Reverse(int code, int length)
    {
        var reversed = 0;
        for (var i = 0; i < length; i++, code >>= 1)
            reversed = (reversed << 1) | (code & 1);
        return reversed;
    }

    /// <summary>Packs bits least significant first, as DEFLATE orders them, into a buffer known to be large enough.</summary>
    private ref struct BitWriter(byte[] buffer)
    {
        private readonly byte[] _buffer = buffer;
        private ulong _bits;
        private int _count;
        private int _written;

        /// <summary>Appends <paramref name="count"/> (at most 32) bits.</summary>
        public void Write(uint bits, int count)
        {
            _bits |= (ulong)bits << _count;
            _count += count;
            if (_count >= 32)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(_written), (uint)_bits);
                _written += 4;
                _bits >>= 32;
                _count -= 32;
            }
        }

        public void WriteLiteral(int symbol) => Write(LiteralBits[symbol], LiteralBitCount[symbol]);

        /// <summary>A length (4–258) and distance (1–32768) pair: at most 13 + 18 bits, written at once.</summary>
        public void WriteMatch(int length, int distance)
        {
            var (distanceBits, distanceCount) = distance <= NearDistances
                ? (NearDistanceBits[distance], NearDistanceBitCount[distance])
                : DistanceBits(distance);
            Write(LengthBits[length] | (distanceBits << LengthBitCount[length]), LengthBitCount[length] + distanceCount);
        }

        /// <summary>Writes out the bits still held, the last byte padded with zeros; returns the bytes written.</summary>
        public int Finish()
        {
            while (_count > 0)
            {
                _buffer[_written++] = (byte)_bits;
                _bits >>= 8;
                _count -= 8;
            }
            return _written;
        }
    }
}
