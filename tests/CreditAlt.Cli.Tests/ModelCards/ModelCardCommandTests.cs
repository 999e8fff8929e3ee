namespace CreditAlt.Cli.Tests.ModelCards;

/// <summary><c>creditalt model-card</c>: writes the card, <c>--check</c> tells stale from current by its exit status, bad input is one line and exit 2.</summary>
public sealed class ModelCardCommandTests
{
    private static string Model(TempDirectory dir, bool governance = true)
    {
        var path = dir.File("model");
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, "metadata.json"), """{ "modelId": "m", "version": "2.0.0", "cutoffs": { "approveAt": 573, "declineBelow": 545 } }""");
        File.WriteAllText(Path.Combine(path, "evaluation.json"), """{ "scored": 10, "auc": 0.75 }""");
        if (governance)
        {
            File.WriteAllText(Path.Combine(path, "governance.json"), """
                { "description": "d", "purpose": "p", "definitionOfDefault": "90 days past due", "performanceWindow": "12 months",
                  "missingDataPolicy": "neutral", "owner": "o", "approvals": [], "changeLog": [] }
                """);
        }

        return path;
    }

    [Fact]
    public void ShippedChampion_Check_CurrentExit0()
    {
        var (code, output, error) = CliRunner.RunCapturingOut("model-card", "--model", RepositoryPaths.Of("models", "champion"), "--check");
        Assert.True(code == 0, output + error);
        Assert.EndsWith("is current" + Environment.NewLine, output, StringComparison.Ordinal);
    }

    [Fact]
    public void StaleCard_CheckExit1_ThenWrittenAndCurrent()
    {
        using var dir = new TempDirectory();
        var model = Model(dir);
        var card = Path.Combine(model, "MODEL_CARD.md");
        File.WriteAllText(card, "# typed by hand\n");

        Assert.Equal(1, CliRunner.RunCapturingOut("model-card", "--model", model, "--check").ExitCode);
        Assert.Equal("# typed by hand\n", File.ReadAllText(card));

        Assert.Equal(0, CliRunner.RunCapturingOut("model-card", "--model", model).ExitCode);
        Assert.StartsWith("# Model card: m 2.0.0\n", File.ReadAllText(card), StringComparison.Ordinal);
        Assert.Equal(0, CliRunner.RunCapturingOut("model-card", "--model", model, "--check").ExitCode);
    }

    [Fact]
    public void NoGovernanceFile_OneLineNamingItExit2()
    {
        using var dir = new TempDirectory();
        var model = Model(dir, governance: false);
        var (code, error) = CliRunner.Run("model-card", "--model", model);
        Assert.Equal(2, code);
        Assert.Equal($"error: {Path.Combine(model, "governance.json")}: no such file; a model card needs it (docs/evaluation.md, \"Model cards\").{Environment.NewLine}", error);
        Assert.False(File.Exists(Path.Combine(model, "MODEL_CARD.md")));
    }
}
