using System.Text.Json;

namespace CreditAlt.Cli.Tests.Monitoring;

public sealed class MonitorCommandTests
{
    [Fact]
    public void Monitor_SamePortfolioTwice_NoAlertExitsZeroAndWritesThreeFiles()
    {
        using var dir = new TempDirectory();
        var portfolio = dir.File("p");
        Assert.Equal(0, CliRunner.Run("generate", "--applications", "1500", "--seed", "3", "--out", portfolio).ExitCode);

        var (code, error) = CliRunner.Run("monitor", "--baseline", portfolio, "--recent", portfolio, "--model", RepositoryPaths.Of("models", "champion"), "--out", dir.File("m"));

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(File.ReadAllText(dir.File("m/monitoring.json")));
        Assert.Equal("ok", json.RootElement.GetProperty("status").GetString());
        Assert.All(json.RootElement.GetProperty("csi").EnumerateArray(), c => Assert.Equal(0, c.GetProperty("value").GetDouble()));
        Assert.True(File.Exists(dir.File("m/monitoring.md")));
        Assert.Contains("<svg", File.ReadAllText(dir.File("m/monitoring.html")));
    }

    [Fact]
    public void Monitor_RecentDefaultsTripled_CalibrationAlertExitsThree()
    {
        using var dir = new TempDirectory();
        var baseline = dir.File("b");
        var recent = dir.File("r");
        Assert.Equal(0, CliRunner.Run("generate", "--applications", "1500", "--seed", "3", "--out", baseline).ExitCode);
        Assert.Equal(0, CliRunner.Run("generate", "--applications", "1500", "--seed", "3", "--out", recent).ExitCode);
        // Every third recent applicant defaults: far above what the model predicts, as in a downturn.
        var lines = File.ReadAllLines(Path.Combine(recent, "outcomes.csv"));
        var header = lines[0].Split(',');
        var defaulted = Array.IndexOf(header, "defaulted");
        for (var i = 1; i < lines.Length; i++)
        {
            var fields = lines[i].Split(',');
            fields[defaulted] = i % 3 == 0 ? "1" : fields[defaulted];
            lines[i] = string.Join(',', fields);
        }

        File.WriteAllLines(Path.Combine(recent, "outcomes.csv"), lines);

        var (code, _) = CliRunner.Run("monitor", "--baseline", baseline, "--recent", recent, "--model", RepositoryPaths.Of("models", "champion"), "--out", dir.File("m"));

        Assert.Equal(3, code);
        using var json = JsonDocument.Parse(File.ReadAllText(dir.File("m/monitoring.json")));
        Assert.Equal("alert", json.RootElement.GetProperty("status").GetString());
        var calibration = json.RootElement.GetProperty("calibration");
        Assert.Equal("ok", calibration[0].GetProperty("status").GetString());
        Assert.Equal("alert", calibration[1].GetProperty("status").GetString());
    }
}
