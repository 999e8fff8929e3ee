namespace CreditAlt.Core.Applications;

/// <summary>
/// An application's canonical JSON (UTF-8, <see cref="ApplicationJson.ToCanonicalJson"/>) together with its fingerprint,
/// the lower-case hex SHA-256 of those bytes. Both are fixed when it is made and the bytes are its own copy, so the two
/// cannot disagree: the ledger stores them as given instead of hashing kilobytes a second time per decision.
/// </summary>
public sealed class CanonicalApplicationJson
{
    private readonly byte[] _utf8;

    private CanonicalApplicationJson(byte[] utf8)
    {
        _utf8 = utf8;
        Fingerprint = ApplicationJson.Fingerprint(utf8);
    }

    public ReadOnlyMemory<byte> Utf8 => _utf8;

    public string Fingerprint { get; }

    public static CanonicalApplicationJson Of(Application application) => new(ApplicationJson.ToCanonicalJson(application));

    /// <summary>For JSON already in canonical form (read back from storage, or written by hand in a test); the bytes are copied.</summary>
    public static CanonicalApplicationJson FromUtf8(ReadOnlySpan<byte> canonicalUtf8) => new(canonicalUtf8.ToArray());
}
