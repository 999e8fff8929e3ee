using System.CommandLine;
using System.Text.RegularExpressions;

namespace CreditAlt.Cli.Tests.Architecture;

/// <summary>The docs say what the CLI and the repository hold: commands that run, verbs that exist, nothing "not yet" that is.</summary>
public sealed class DocsTests
{
    private static readonly Regex PortfolioOption = new(@"--(?:data|baseline|recent)\s+(data-samples[^\s`)'""]*)", RegexOptions.Compiled);

    private static readonly Regex RepositoryPathOption = new(@"--(?:model|champion|challenger|application|table|input)\s+((?:models|data-samples)/[^\s`)'""]*)", RegexOptions.Compiled);

    private static readonly Regex NotYetHeading = new(@"^#+\s.*\b(not here yet|not yet|planned|coming later)\b", RegexOptions.Compiled | RegexOptions.IgnoreCase);

    private static IEnumerable<(string File, int Line, string Text)> MarkdownLines() =>
        RepositoryPaths.TrackedFiles().Where(f => f.EndsWith(".md", StringComparison.Ordinal))
            .SelectMany(f => File.ReadAllLines(RepositoryPaths.Of(f)).Select((text, i) => (f, i + 1, text)));

    [Fact]
    public void Commands_InEveryDoc_NameSampleDataAndModelsThatExist()
    {
        var wrong = new List<string>();
        foreach (var (file, line, text) in MarkdownLines())
        {
            foreach (Match m in PortfolioOption.Matches(text))
            {
                if (!File.Exists(RepositoryPaths.Of(m.Groups[1].Value, "applications.csv")))
                {
                    wrong.Add($"{file}:{line}: {m.Value} is not a portfolio directory (no applications.csv)");
                }
            }

            foreach (Match m in RepositoryPathOption.Matches(text))
            {
                var path = RepositoryPaths.Of(m.Groups[1].Value);
                if (!File.Exists(path) && !Directory.Exists(path))
                {
                    wrong.Add($"{file}:{line}: {m.Value} names nothing in the repository");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void ReadmeCliTable_ListsEveryVerbOnce()
    {
        var listed = File.ReadAllLines(RepositoryPaths.Of("README.md"))
            .Select(l => Regex.Match(l, @"^\| `([a-z-]+(?: [a-z-]+)?)` \|"))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value)
            .Order(StringComparer.Ordinal);
        var verbs = Program.BuildRoot().Subcommands
            .SelectMany(c => c.Subcommands.Count == 0 ? [c.Name] : c.Subcommands.Select(s => $"{c.Name} {s.Name}"))
            .Order(StringComparer.Ordinal);

        Assert.Equal(verbs, listed);
    }

    [Fact]
    public void NotYetSections_NameNoVerbOrOptionThatExists()
    {
        var root = Program.BuildRoot();
        var verbs = root.Subcommands.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var options = root.Subcommands.SelectMany(c => c.Subcommands.Prepend(c)).SelectMany(c => c.Options).Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        var wrong = new List<string>();
        string? section = null;
        foreach (var (file, line, text) in MarkdownLines())
        {
            if (text.StartsWith('#'))
            {
                section = NotYetHeading.IsMatch(text) ? $"{file}:{line}" : null;
                continue;
            }

            if (section is null)
            {
                continue;
            }

            foreach (Match m in Regex.Matches(text, "`(?:creditalt )?([^`]+)`"))
            {
                var token = m.Groups[1].Value.Trim();
                if (verbs.Contains(token) || options.Contains(token))
                {
                    wrong.Add($"{section} (\"not yet\") names `{token}`, which exists");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }
}
