namespace CreditAlt.Cli.Tests.Export;

/// <summary><c>creditalt export</c>: a portfolio application in the JSON form explain and the API take.</summary>
public sealed class ExportCommandTests
{
    private static readonly string Portfolio = RepositoryPaths.Of("data-samples", "portfolio");

    [Fact]
    public void Export_App0000277ToAFile_GivesExactlyTheBytesOfDataSamplesApplicationJson()
    {
        using var dir = new TempDirectory();

        var (code, error) = CliRunner.Run("export", "--data", Portfolio, "--application-id", "APP-0000277", "--out", dir.File("app.json"));

        Assert.True(code == 0, error);
        Assert.Equal(File.ReadAllBytes(RepositoryPaths.Of("data-samples", "application.json")), File.ReadAllBytes(dir.File("app.json")));
        Assert.Equal(["app.json"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Export_App0000277ToStdout_GivesExactlyTheBytesOfDataSamplesApplicationJson()
    {
        var (code, output, error) = CliRunner.RunProcess(RepositoryPaths.Root, "export", "--data", "data-samples/portfolio", "--application-id", "APP-0000277");

        Assert.True(code == 0, error);
        Assert.Equal(File.ReadAllText(RepositoryPaths.Of("data-samples", "application.json")), output);
    }

    [Fact]
    public void Export_ThenExplain_ScoresTheExportedApplication()
    {
        using var dir = new TempDirectory();
        Assert.Equal(0, CliRunner.Run("export", "--data", Portfolio, "--application-id", "APP-0004999", "--out", dir.File("app.json")).ExitCode);

        var (code, output) = CliRunner.RunWithOutput("explain", "--application", dir.File("app.json"), "--model", RepositoryPaths.Of("models", "champion"));

        Assert.Equal(0, code);
        Assert.Contains("Application APP-0004999 as of 2026-06-30", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_UnknownApplication_Exit2NamingIt()
    {
        using var dir = new TempDirectory();

        var (code, error) = CliRunner.Run("export", "--data", Portfolio, "--application-id", "APP-0000277X", "--out", dir.File("app.json"));

        Assert.Equal(2, code);
        Assert.Equal($"error: --application-id: no application 'APP-0000277X' in {Path.Combine(Portfolio, "applications.csv")}" + Environment.NewLine, error);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }
}
