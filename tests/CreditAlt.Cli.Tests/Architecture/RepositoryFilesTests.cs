using System.Diagnostics;
using System.Text.RegularExpressions;

namespace CreditAlt.Cli.Tests.Architecture;

/// <summary>
/// A fresh clone must work with nothing beside it: no tracked file may refer to a path outside the repository.
/// What counts as such a reference: a relative path whose <c>../</c> steps climb above the repository root from the
/// file's own directory, or that names nothing from there and climbs above the root when read from the root (a
/// command in a doc or a message, run from the repository root); the <c>".." , "shared"</c> idiom in code (the data directory that lives beside the
/// repository on the development machines); an absolute path into a person's or a machine's working directories
/// (<c>/work/</c>, <c>/home/</c>, <c>/root/</c>, <c>/Users/</c>, <c>C:\Users\</c>). Example deployment paths such as
/// <c>/srv/models/x.json</c> or <c>/tmp/out</c> name no file of the repository and are allowed.
/// </summary>
public sealed class RepositoryFilesTests
{
    private static readonly Regex Climb = new(@"(?:\.\./)+[A-Za-z0-9_.\-/]*", RegexOptions.Compiled);

    private static readonly Regex CodeClimb = new("\"\\.\\.\"\\s*,\\s*\"shared\"", RegexOptions.Compiled);

    /// <summary>This file: its examples of what is refused would otherwise refuse it.</summary>
    private const string Self = "tests/CreditAlt.Cli.Tests/Architecture/RepositoryFilesTests.cs";

    private static readonly Regex Absolute = new(
        @"(?<![A-Za-z0-9_.~\-])(?:/(?:work|home|root|Users)/|[A-Za-z]:\\Users\\)", RegexOptions.Compiled);

    /// <summary>The offending references in one file's text, as "path:line: text".</summary>
    internal static IEnumerable<string> Violations(string relativePath, string text) => Violations(RepositoryPaths.Root, relativePath, text);

    private static IEnumerable<string> Violations(string root, string relativePath, string text)
    {
        string directory = Path.GetDirectoryName(relativePath.Replace('\\', '/')) ?? "";
        int depth = directory.Length == 0 ? 0 : directory.Split('/').Length;
        var lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            foreach (Match m in Climb.Matches(lines[i]))
            {
                string path = m.Value.TrimEnd('.');
                bool names = File.Exists(Path.Combine(root, directory, path)) || Directory.Exists(Path.Combine(root, directory, path));
                if (ClimbsAbove(depth, path) || (!names && ClimbsAbove(0, path)))
                {
                    yield return $"{relativePath}:{i + 1}: {m.Value} leaves the repository";
                }
            }

            if (CodeClimb.IsMatch(lines[i]))
            {
                yield return $"{relativePath}:{i + 1}: a path beside the repository (.., shared)";
            }

            if (Absolute.Match(lines[i]) is { Success: true } a)
            {
                yield return $"{relativePath}:{i + 1}: absolute path {lines[i][a.Index..Math.Min(lines[i].Length, a.Index + 40)].Trim()}";
            }
        }
    }

    /// <summary>Whether <paramref name="path"/>, taken from a directory <paramref name="depth"/> levels below the root, goes above the root.</summary>
    private static bool ClimbsAbove(int depth, string path)
    {
        int level = depth;
        foreach (var part in path.Split('/'))
        {
            if (part == "..")
            {
                if (--level < 0)
                {
                    return true;
                }
            }
            else if (part.Length > 0 && part != ".")
            {
                level++;
            }
        }

        return false;
    }

    [Theory]
    [InlineData("tests/X/GermanCreditTests.cs", "Path.Combine(dir.FullName, \"..\", \"shared\", \"data\", \"german_credit.csv\")")]
    [InlineData("docs/scorecard.md", "read ../../shared/data/german_credit.csv")]
    [InlineData("README.md", "cp ../shared/data/german_credit.csv .")]
    [InlineData("tests/CreditAlt.Modeling.Tests/Training/GermanCreditTests.cs", "(expected ../shared/data/german_credit.csv next to the repository)")]
    [InlineData("scripts/test.sh", "cd /work/main && dotnet test")]
    [InlineData("docs/x.md", "see /home/dev/creditalt/models")]
    [InlineData("docs/x.md", @"C:\Users\dev\creditalt")]
    public void Violations_PathOutsideTheRepository_Found(string file, string line)
    {
        Assert.NotEmpty(Violations(file, "first line\n" + line + "\n"));
    }

    [Theory]
    [InlineData("data-samples/README.md", "[docs/data-formats.md](../docs/data-formats.md)")]
    [InlineData("models/champion/MODEL_CARD.md", "See [fairness-report.md](../../fairness-report.md)")]
    [InlineData("tests/CreditAlt.Cli.Tests/CreditAlt.Cli.Tests.csproj", "<ProjectReference Include=\"../../src/CreditAlt.Cli/CreditAlt.Cli.csproj\" />")]
    [InlineData("docs/api.md", "no scorecard at '/srv/models/x.json'")]
    [InlineData("docs/lda.md", "--out /tmp/gen1m and ~/work/ in prose")]
    public void Violations_PathInsideTheRepositoryOrAnExample_None(string file, string line)
    {
        Assert.Empty(Violations(file, line));
    }

    [Fact]
    public void TrackedFiles_ReferToNoPathOutsideTheRepository()
    {
        var found = new List<string>();
        foreach (var file in TrackedFiles().Where(f => f != Self))
        {
            var bytes = File.ReadAllBytes(Path.Combine(RepositoryPaths.Root, file));
            if (Array.IndexOf(bytes, (byte)0) >= 0)
            {
                continue; // binary (a PNG)
            }

            found.AddRange(Violations(file, System.Text.Encoding.UTF8.GetString(bytes)));
        }

        Assert.True(found.Count == 0, "files refer to paths outside the repository:\n" + string.Join("\n", found));
    }

    /// <summary>The files git tracks; outside a git checkout (a source archive), every file but build output.</summary>
    private static IEnumerable<string> TrackedFiles()
    {
        var start = new ProcessStartInfo("git", ["-C", RepositoryPaths.Root, "ls-files", "-z"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        try
        {
            using var git = Process.Start(start)!;
            string listing = git.StandardOutput.ReadToEnd();
            git.WaitForExit();
            if (git.ExitCode == 0 && listing.Length > 0)
            {
                return listing.Split('\0', StringSplitOptions.RemoveEmptyEntries).Where(f => File.Exists(Path.Combine(RepositoryPaths.Root, f)));
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // git is not installed: fall through to the directory walk.
        }

        string[] skip = ["/bin/", "/obj/", "/.git/", "/TestResults/", "/BenchmarkDotNet.Artifacts/"];
        return Directory.EnumerateFiles(RepositoryPaths.Root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RepositoryPaths.Root, f).Replace('\\', '/'))
            .Where(f => !skip.Any(s => ("/" + f).Contains(s, StringComparison.Ordinal)));
    }
}
