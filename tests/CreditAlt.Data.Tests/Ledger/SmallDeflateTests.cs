using System.IO.Compression;
using System.Text;
using CreditAlt.Core.Applications;
using CreditAlt.Data.Ledger;

namespace CreditAlt.Data.Tests.Ledger;

public sealed class SmallDeflateTests
{
    // Worked by hand from RFC 1951 (bits in the order sent; Huffman codes most significant bit first, other fields
    // least significant first). Every stream starts 1 (last block), 01 (fixed codes) and ends with code 256, 0000000.
    //   ""          → 1 10 | 0000000                                                  = 03 00 (as zlib writes it)
    //   "a"         → 1 10 | 'a' 10010001 | 0000000                                   = 4b 04 00 (as zlib writes it)
    //   "abcdabcd"  → 1 10 | a b c d (10010001 10010010 10010011 10010100) | length 4: code 258, 0000010 |
    //                 distance 4: code 3, 00011 | 0000000                             = 4b 4c 4a 4e 01 61 00
    //   "a" × 300   → 1 10 | 'a' | length 258: code 285, 11000101 | distance 1: 00000 | length 41: code 273,
    //                 0010001, extra 6 in 3 bits | distance 258: code 16, 10000, extra 1 in 7 bits | 0000000
    //                                                                                 = 4b 1c 05 44 87 00 00
    //                 (the second match starts 258 back: positions inside a match are not indexed)
    // (zlib parses the last two differently, into 8 bytes each.)
    [Theory]
    [InlineData("", "0300")]
    [InlineData("a", "4b0400")]
    [InlineData("abcdabcd", "4b4c4a4e016100")]
    public void Compress_ShortInput_BytesWorkedByHand(string input, string expectedHex)
    {
        Assert.Equal(expectedHex, Convert.ToHexStringLower(SmallDeflate.Compress(Encoding.ASCII.GetBytes(input))));
    }

    [Fact]
    public void Compress_300RepeatedBytes_LongestMatchThenTheRest()
    {
        Assert.Equal("4b1c0544870000", Convert.ToHexStringLower(SmallDeflate.Compress(Enumerable.Repeat((byte)'a', 300).ToArray())));
    }

    [Fact]
    public void Compress_ApplicationJson_InflatesBackWithin5PercentOfZlibFastest()
    {
        var json = CanonicalApplicationJson.Of(TestData.Application("APP-1")).Utf8.ToArray();
        using var zlib = new MemoryStream();
        using (var deflate = new DeflateStream(zlib, CompressionLevel.Fastest))
            deflate.Write(json);

        var deflated = SmallDeflate.Compress(json);

        Assert.Equal(json, Inflate(deflated));
        Assert.True(deflated.Length <= zlib.ToArray().Length * 1.05, $"{deflated.Length} bytes; zlib {zlib.ToArray().Length}");
    }

    [Fact]
    public void Compress_3000MixedInputs_EachInflatesBackExactly()
    {
        // Random bytes, small alphabets (many short and overlapping matches), runs around the 258-byte match limit,
        // inputs longer than the 32 KB window, and JSON-like repeats — one after another on one thread, so stale
        // entries of the reused hash table are met too.
        var random = new Random(20261127);
        for (var i = 0; i < 3000; i++)
        {
            var input = (i % 5) switch
            {
                0 => Bytes(random, random.Next(0, 2000), 256),
                1 => Bytes(random, random.Next(0, 5000), random.Next(1, 4)),
                2 => Enumerable.Repeat((byte)'x', random.Next(250, 800)).Concat(Bytes(random, random.Next(0, 10), 3)).ToArray(),
                3 => Bytes(random, random.Next(32_000, 70_000), i % 2 == 0 ? 256 : 4),
                _ => Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, random.Next(0, 200)).Select(m =>
                    $"{{\"dueDate\":\"2025-{m % 12 + 1:00}-01\",\"amountDue\":{random.Next(1, 2000)}.{random.Next(0, 99):00},\"paidDate\":null}},"))),
            };

            Assert.True(input.AsSpan().SequenceEqual(Inflate(SmallDeflate.Compress(input))), $"input {i} ({input.Length} bytes) did not round-trip");
        }
    }

    private static byte[] Bytes(Random random, int length, int alphabet)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
            bytes[i] = (byte)(random.Next(alphabet) + (alphabet < 256 ? 'a' : 0));
        return bytes;
    }

    private static byte[] Inflate(byte[] deflated)
    {
        using var input = new DeflateStream(new MemoryStream(deflated), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}
