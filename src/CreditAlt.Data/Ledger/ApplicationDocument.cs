using System.IO.Compression;
using System.Text;

namespace CreditAlt.Data.Ledger;

/// <summary>
/// The canonical application JSON as the ledger stores it since migration 7: raw DEFLATE (RFC 1951) of its UTF-8
/// bytes, in <c>decisions.application_json_deflate</c>. A 5.4 KB application deflates to about 0.9 KB (its payment
/// histories repeat the same keys month after month), and the bytes written per decision, twice (the WAL, then the
/// database file) on SQLite and once more to disk, were the largest share of the ledger writer's time. Compressing
/// (<see cref="LedgerOptions.Deflate"/>: zlib through <see cref="DeflateStream"/>, or <see cref="SmallDeflate"/>) runs on
/// the appending caller's thread, so the single writer only copies the small result. Any zlib can read it (Python:
/// <c>zlib.decompress(blob, -15)</c>); the fingerprint and the hash still cover the JSON itself.
/// </summary>
internal static class ApplicationDocument
{
    public static byte[] Deflate(ReadOnlySpan<byte> json, LedgerDeflate deflater = LedgerDeflate.DeflateStream)
    {
        if (deflater == LedgerDeflate.SmallDeflate)
            return SmallDeflate.Compress(json);
        using var output = new MemoryStream(json.Length / 4 + 64);
        using (var deflate = new DeflateStream(output, CompressionLevel.Fastest, leaveOpen: true))
            deflate.Write(json);
        return output.ToArray();
    }

    /// <summary>The JSON text; throws <see cref="InvalidDataException"/> when the bytes are not a DEFLATE stream of UTF-8.</summary>
    public static string Inflate(byte[] deflated)
    {
        var json = InflateBytes(deflated);
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(json);
        }
        catch (DecoderFallbackException ex)
        {
            throw new InvalidDataException("the stored application document is not UTF-8", ex);
        }
    }

    /// <summary>The JSON's UTF-8 bytes, unchecked (what the fingerprint covers); throws <see cref="InvalidDataException"/> when the bytes are not DEFLATE.</summary>
    public static byte[] InflateBytes(byte[] deflated)
    {
        using var input = new DeflateStream(new MemoryStream(deflated), CompressionMode.Decompress);
        using var json = new MemoryStream(deflated.Length * 6);
        input.CopyTo(json);
        return json.ToArray();
    }
}
