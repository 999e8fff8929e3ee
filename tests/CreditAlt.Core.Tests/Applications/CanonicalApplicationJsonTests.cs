using System.Text;
using CreditAlt.Core.Applications;

namespace CreditAlt.Core.Tests.Applications;

public sealed class CanonicalApplicationJsonTests
{
    [Fact]
    public void FromUtf8_Abc_FingerprintIsTheFips180Sha256()
    {
        // FIPS 180-2, appendix B.1: SHA-256("abc").
        var json = CanonicalApplicationJson.FromUtf8("abc"u8);

        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", json.Fingerprint);
    }

    [Fact]
    public void FromUtf8_CallerChangesItsBufferAfterwards_BytesAndFingerprintUnchanged()
    {
        var buffer = "abc"u8.ToArray();
        var json = CanonicalApplicationJson.FromUtf8(buffer);

        buffer[0] = (byte)'x';

        Assert.Equal("abc", Encoding.UTF8.GetString(json.Utf8.Span));
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", json.Fingerprint);
    }

    [Fact]
    public void Of_Application_IsItsCanonicalJsonAndFingerprint()
    {
        var application = ApplicationJson.Parse(ApplicationJsonTests.Valid).Application!;

        var json = CanonicalApplicationJson.Of(application);

        Assert.Equal(ApplicationJson.ToCanonicalJson(application), json.Utf8.ToArray());
        Assert.Equal(ApplicationJson.Fingerprint(application), json.Fingerprint);
    }
}
