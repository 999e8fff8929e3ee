namespace CreditAlt.Cli.Tests.Output;

/// <summary>All-or-nothing output: a failed run leaves the previous file as it was and no temporary file behind.</summary>
public sealed class AtomicOutputTests
{
    /// <summary>A 300-application portfolio whose payments.csv holds a bad amount on its last line but one.</summary>
    private static string BrokenPortfolio(TempDirectory dir, out int badLine)
    {
        var portfolio = dir.File("portfolio");
        Assert.Equal(0, CliRunner.Run("generate", "--applications", "300", "--seed", "3", "--out", portfolio).ExitCode);
        var payments = Path.Combine(portfolio, "payments.csv");
        var lines = File.ReadAllLines(payments);
        badLine = lines.Length - 1;
        var fields = lines[badLine - 1].Split(',');
        fields[5] = "12x";
        lines[badLine - 1] = string.Join(',', fields);
        File.WriteAllLines(payments, lines);
        return portfolio;
    }

    [Fact]
    public void Score_BadRowNearTheEnd_PreviousDecisionsFileUntouchedAndNoTemporaryFile()
    {
        using var dir = new TempDirectory();
        var portfolio = BrokenPortfolio(dir, out int badLine);
        var output = Path.Combine(dir.Path, "out");
        Directory.CreateDirectory(output);
        var decisions = Path.Combine(output, "decisions.csv");
        File.WriteAllText(decisions, "the previous run's decisions\n");

        var (code, error) = CliRunner.Run("score", "--data", portfolio, "--model", RepositoryPaths.Of("models", "champion"), "--out", decisions);

        Assert.Equal(2, code);
        Assert.Contains($"payments.csv, line {badLine}, column 6 (amount_paid)", error, StringComparison.Ordinal);
        Assert.Equal("the previous run's decisions\n", File.ReadAllText(decisions));
        Assert.Equal(["decisions.csv"], Directory.GetFileSystemEntries(output).Select(Path.GetFileName));
    }

    [Fact]
    public void Score_BadRowAndNoPreviousFile_WritesNoFile()
    {
        using var dir = new TempDirectory();
        var portfolio = BrokenPortfolio(dir, out _);
        var output = Path.Combine(dir.Path, "out");
        Directory.CreateDirectory(output);

        var (code, _) = CliRunner.Run("score", "--data", portfolio, "--model", RepositoryPaths.Of("models", "champion"), "--out", Path.Combine(output, "decisions.csv"));

        Assert.Equal(2, code);
        Assert.Empty(Directory.GetFileSystemEntries(output));
    }

    [Fact]
    public void Score_Success_ReplacesThePreviousFileAndLeavesNoTemporaryFile()
    {
        using var dir = new TempDirectory();
        var portfolio = dir.File("portfolio");
        Assert.Equal(0, CliRunner.Run("generate", "--applications", "50", "--seed", "3", "--out", portfolio).ExitCode);
        var output = Path.Combine(dir.Path, "out");
        Directory.CreateDirectory(output);
        var decisions = Path.Combine(output, "decisions.csv");
        File.WriteAllText(decisions, "old\n");

        var (code, error) = CliRunner.Run("score", "--data", portfolio, "--model", RepositoryPaths.Of("models", "champion"), "--out", decisions);

        Assert.True(code == 0, error);
        Assert.Equal(51, File.ReadAllLines(decisions).Length);
        Assert.Equal(["decisions.csv"], Directory.GetFileSystemEntries(output).Select(Path.GetFileName));
    }

    [Fact]
    public void Train_BadRow_PreviousModelUntouchedAndNothingAdded()
    {
        using var dir = new TempDirectory();
        var portfolio = BrokenPortfolio(dir, out _);
        var model = Path.Combine(dir.Path, "model");
        Directory.CreateDirectory(model);
        File.WriteAllText(Path.Combine(model, "scorecard.json"), "previous");

        var (code, error) = CliRunner.Run("train", "--data", portfolio, "--out", model);

        Assert.Equal(2, code);
        Assert.Contains("payments.csv, line", error, StringComparison.Ordinal);
        Assert.Equal(["scorecard.json"], Directory.GetFileSystemEntries(model).Select(Path.GetFileName));
        Assert.Equal("previous", File.ReadAllText(Path.Combine(model, "scorecard.json")));
    }

    [Fact]
    public void Train_BadRowAndNewOutputDirectory_CreatesNoDirectory()
    {
        using var dir = new TempDirectory();
        var portfolio = BrokenPortfolio(dir, out _);
        var model = Path.Combine(dir.Path, "new", "model");

        var (code, _) = CliRunner.Run("train", "--data", portfolio, "--out", model);

        Assert.Equal(2, code);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "new")));
    }

    [Fact]
    public void Monitor_BadRow_WritesNoReport()
    {
        using var dir = new TempDirectory();
        var portfolio = BrokenPortfolio(dir, out _);
        var report = Path.Combine(dir.Path, "monitoring");

        var (code, _) = CliRunner.Run("monitor", "--baseline", RepositoryPaths.Of("data-samples", "portfolio"), "--recent", portfolio,
            "--model", RepositoryPaths.Of("models", "champion"), "--out", report);

        Assert.Equal(2, code);
        Assert.False(Directory.Exists(report));
    }

    [Fact]
    public void WriteDirectory_WorkFails_ExistingFilesUntouchedStagingGoneCreatedDirectoriesGone()
    {
        using var dir = new TempDirectory();
        var existing = Path.Combine(dir.Path, "existing");
        Directory.CreateDirectory(existing);
        File.WriteAllText(Path.Combine(existing, "a.json"), "old a");

        Assert.Throws<InvalidOperationException>(() => AtomicOutput.WriteDirectory<int>(existing, "--out", staging =>
        {
            File.WriteAllText(Path.Combine(staging, "a.json"), "new a");
            File.WriteAllText(Path.Combine(staging, "b.json"), "new b");
            throw new InvalidOperationException("failed halfway");
        }));
        Assert.Equal(["a.json"], Directory.GetFileSystemEntries(existing).Select(Path.GetFileName));
        Assert.Equal("old a", File.ReadAllText(Path.Combine(existing, "a.json")));

        var fresh = Path.Combine(dir.Path, "x", "y", "z");
        Assert.Throws<InvalidOperationException>(() => AtomicOutput.WriteDirectory<int>(fresh, "--out", _ => throw new InvalidOperationException("no")));
        Assert.Equal(["existing"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void WriteDirectory_WorkSucceeds_ReplacesWhatItWroteKeepsTheRest()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("a.json"), "old a");
        File.WriteAllText(dir.File("keep.txt"), "kept");

        int result = AtomicOutput.WriteDirectory(dir.Path, "--out", staging =>
        {
            File.WriteAllText(Path.Combine(staging, "a.json"), "new a");
            File.WriteAllText(Path.Combine(staging, "b.json"), "new b");
            return 7;
        });

        Assert.Equal(7, result);
        Assert.Equal(["a.json", "b.json", "keep.txt"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(("new a", "new b", "kept"), (File.ReadAllText(dir.File("a.json")), File.ReadAllText(dir.File("b.json")), File.ReadAllText(dir.File("keep.txt"))));
    }

    [Fact]
    public void WriteFile_NoSuchDirectory_UserErrorNamingIt()
    {
        using var dir = new TempDirectory();
        var ex = Assert.Throws<UserInputException>(() => AtomicOutput.WriteFile(Path.Combine(dir.Path, "nope", "d.csv"), "--out", _ => 0));
        Assert.StartsWith("--out: no directory '", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }
}
