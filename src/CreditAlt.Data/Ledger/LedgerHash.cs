using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CreditAlt.Data.Ledger;

/// <summary>
/// The ledger's hash: SHA-256 (lower-case hex) over a canonical byte string of a row's fields and the previous
/// row's hash. Each field is written as a netstring — its UTF-8 byte length in decimal, a colon, the bytes, a
/// comma — and a null as <c>~,</c>; so no field can bleed into the next and anyone can re-implement it
/// (docs/storage.md gives the field order). Integers are invariant decimal, dates yyyy-MM-dd, instants
/// yyyy-MM-ddTHH:mm:ss.fffffffZ.
/// </summary>
public static class LedgerHash
{
    public const string FormatTag = "creditalt-ledger-v1";

    internal static string Compute(LedgerRow row) => Compute(row, row.Seq);

    internal static string Compute(LedgerRow row, long seq) => Compute(seq, EncodeBody(row), row.PrevHash);

    /// <summary>The hash from the row's encoded body (<see cref="EncodeBody"/>), its sequence number and the previous hash.</summary>
    internal static string Compute(long seq, ReadOnlySpan<byte> body, string prevHash)
    {
        var buffer = new ArrayBufferWriter<byte>(body.Length + 128);
        Field(buffer, FormatTag);
        Field(buffer, seq.ToString(CultureInfo.InvariantCulture));
        Write(buffer, body);
        Field(buffer, prevHash);
        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }

    /// <summary>
    /// The encoded fields between the sequence number and the previous hash — everything that does not depend on
    /// the row's place in the chain. An append encodes it on the caller's thread, so the ledger's single writer only
    /// hashes.
    /// </summary>
    internal static byte[] EncodeBody(LedgerRow row)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        Field(buffer, row.DecisionId);
        Field(buffer, row.LenderId);
        Field(buffer, row.ApplicationId);
        Field(buffer, row.ApplicantId);
        Field(buffer, row.ModelId);
        Field(buffer, row.ModelVersion);
        // The JSON itself is covered through its fingerprint (SHA-256 of the JSON, made together with it as one
        // CanonicalApplicationJson, and recomputed by verify), which keeps the sequential part of a group commit
        // from re-hashing kilobytes per decision.
        Field(buffer, row.ApplicationFingerprint);
        Field(buffer, row.Score?.ToString(CultureInfo.InvariantCulture));
        Field(buffer, row.Decision);
        Field(buffer, row.Reasons.Count.ToString(CultureInfo.InvariantCulture));
        foreach (var reason in row.Reasons)
        {
            Field(buffer, reason.Code);
            Field(buffer, reason.Sentence);
        }
        Field(buffer, row.Recourse);
        Field(buffer, row.AsOfDate);
        Field(buffer, row.RecordedAt);
        Field(buffer, row.IdempotencyKey);
        Field(buffer, row.RequestHash);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The exact bytes hashed for <paramref name="fields"/> (each null or text), for documentation and tests.</summary>
    public static byte[] Encode(params string?[] fields)
    {
        var buffer = new ArrayBufferWriter<byte>();
        foreach (var f in fields)
            Field(buffer, f);
        return buffer.WrittenSpan.ToArray();
    }

    private static void Field(ArrayBufferWriter<byte> buffer, string? value)
    {
        if (value is null)
        {
            Write(buffer, "~,"u8);
            return;
        }
        var length = Encoding.UTF8.GetByteCount(value);
        Span<byte> digits = stackalloc byte[20];
        length.TryFormat(digits, out var n, default, CultureInfo.InvariantCulture);
        Write(buffer, digits[..n]);
        Write(buffer, ":"u8);
        var span = buffer.GetSpan(length);
        Encoding.UTF8.GetBytes(value, span);
        buffer.Advance(length);
        Write(buffer, ","u8);
    }

    private static void Write(ArrayBufferWriter<byte> buffer, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(buffer.GetSpan(bytes.Length));
        buffer.Advance(bytes.Length);
    }
}
