using System.Text.Json;

namespace CreditAlt.Cli.Tests.Training;

/// <summary><c>generate --vintages</c> then <c>train --accepted-only --reject-inference</c>, end to end through the CLI.</summary>
public sealed class TrainVintagesTests
{
    [Fact]
    public void Train_VintagesAcceptedOnlyParcelling_ReportsOutOfTimeAndReinference()
    {
        using var dir = new TempDirectory();
        var portfolio = dir.File("p");
        var generated = CliRunner.RunCapturingOut("generate", "--applications", "6000", "--seed", "5", "--vintages", "3", "--months-between", "6", "--out", portfolio);
        Assert.True(generated.ExitCode == 0, generated.Error);
        Assert.Contains("in 3 vintages from 2025-06-30 to 2026-06-30", generated.Output, StringComparison.Ordinal);

        var (code, output, error) = CliRunner.RunCapturingOut("train", "--data", portfolio, "--out", dir.File("m"), "--accepted-only", "--reject-inference", "parcelling");

        Assert.True(code == 0, error);
        Assert.Contains("Out of time (as of 2026-06-30, ", output, StringComparison.Ordinal);
        Assert.Contains("Reject inference 'parcelling': ", output, StringComparison.Ordinal);
        using var evaluation = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.File("m"), "evaluation.json")));
        var root = evaluation.RootElement;
        Assert.Equal("parcelling", root.GetProperty("rejectInference").GetProperty("method").GetString());
        Assert.Equal(2000, root.GetProperty("outOfTime").GetProperty("heldOutApplications").GetInt32());
        Assert.Equal("score", root.GetProperty("stability").GetProperty("psi")[0].GetProperty("name").GetString());
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.File("m"), "metadata.json")));
        var training = metadata.RootElement.GetProperty("trainingData");
        Assert.True(training.GetProperty("acceptedOnly").GetBoolean());
        Assert.Equal("2026-06-30", training.GetProperty("outOfTimeAsOf").GetString());
        Assert.True(File.Exists(Path.Combine(dir.File("m"), "evaluation-out-of-time.md")));
    }
}
