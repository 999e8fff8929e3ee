using System.Text;
using CreditAlt.Core.Applications;

namespace CreditAlt.Core.Tests.Applications;

/// <summary>
/// Pins the canonical bytes and fingerprints of a set of applications (Canonical/inputs: plain, escaped and non-ASCII
/// strings, amounts written every which way, the sample application, three portfolio applications). A stored ledger
/// row's fingerprint is the SHA-256 of these bytes, so no change to the writer, to .NET's Utf8JsonWriter or to its
/// encoder may alter them unnoticed. The golden files were written by the hand-written writer this one replaced and
/// are never regenerated for a code change; a new input may be added with UPDATE_GOLDEN=1.
/// </summary>
public sealed class CanonicalJsonGoldenTests
{
    private const string Folder = "tests/CreditAlt.Core.Tests/Applications/Canonical";

    public static TheoryData<string> Inputs() => [.. Names()];

    private static IEnumerable<string> Names() =>
        Directory.GetFiles(RepoRoot.Path([.. Folder.Split('/'), "inputs"]), "*.json").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(Inputs))]
    public void ToCanonicalJson_Input_MatchesGoldenBytes(string name)
    {
        var application = Read(name);

        var canonical = ApplicationJson.ToCanonicalJson(application);

        Golden.AssertMatches($"{Folder}/expected/{name}.json", canonical);
        var again = ApplicationJson.Parse(canonical);
        Assert.True(again.IsValid, string.Join("; ", again.Problems));
        Assert.Equal(canonical, ApplicationJson.ToCanonicalJson(again.Application!)); // canonical in, the same bytes out
    }

    [Fact]
    public void Fingerprint_EveryInput_MatchesGoldenList()
    {
        var lines = Names().Select(name => $"{name} {ApplicationJson.Fingerprint(Read(name))}\n");

        Golden.AssertMatches($"{Folder}/fingerprints.txt", string.Concat(lines));
    }

    private static Application Read(string name)
    {
        var result = ApplicationJson.Parse(File.ReadAllBytes(RepoRoot.Path([.. Folder.Split('/'), "inputs", name + ".json"])));
        Assert.True(result.IsValid, name + ": " + string.Join("; ", result.Problems));
        return result.Application!;
    }
}
