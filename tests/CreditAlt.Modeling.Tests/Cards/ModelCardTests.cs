using System.Text.Json.Nodes;
using CreditAlt.Modeling.Cards;
using CreditAlt.Modeling.Tests.Champion;

namespace CreditAlt.Modeling.Tests.Cards;

public sealed class ModelCardTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "creditalt-card-" + Guid.NewGuid().ToString("N"));

    public ModelCardTests()
    {
        Directory.CreateDirectory(_dir);
        var governance = new JsonObject
        {
            ["description"] = "A test scorecard.",
            ["purpose"] = "Testing the card.",
            ["intendedUse"] = new JsonArray("tests"),
            ["notFor"] = new JsonArray("decisions"),
            ["definitionOfDefault"] = "90 days past due.",
            ["performanceWindow"] = "12 months.",
            ["limitations"] = new JsonArray("small"),
            ["missingDataPolicy"] = "neutral.",
            ["overrideAndRefer"] = new JsonArray("underwriter"),
            ["owner"] = "the tests",
            ["approvals"] = new JsonArray(new JsonObject { ["date"] = "2026-12-06", ["version"] = "1.0.0", ["decision"] = "approved", ["by"] = "lead" }),
            ["changeLog"] = new JsonArray(new JsonObject { ["date"] = "2026-12-06", ["version"] = "1.0.0", ["change"] = "first", ["by"] = "dev" }),
        };
        Write("governance.json", governance);
        Write("metadata.json", new JsonObject
        {
            ["modelId"] = "test-scorecard",
            ["version"] = "1.0.0",
            ["seed"] = 7,
            ["trainingData"] = new JsonObject { ["files"] = new JsonObject { ["outcomes.csv"] = "abc123" }, ["applications"] = 1000, ["trainRows"] = 700, ["heldOutApplications"] = 300 },
            ["cutoffs"] = new JsonObject { ["approveAt"] = 573, ["declineBelow"] = 545 },
        });
        Write("evaluation.json", Evaluation(withEvidence: false));
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private void Write(string file, JsonNode json) => File.WriteAllText(Path.Combine(_dir, file), json.ToJsonString());

    private static JsonObject Evaluation(bool withEvidence)
    {
        var e = new JsonObject
        {
            ["scored"] = 290,
            ["auc"] = 0.8,
            ["ks"] = 0.5,
            ["brier"] = 0.07,
            ["badRate"] = 0.1,
            ["uncertainty"] = new JsonObject
            {
                ["aucInterval"] = new JsonArray(0.75, 0.85),
                ["giniInterval"] = new JsonArray(0.5, 0.7),
                ["ksInterval"] = new JsonArray(0.45, 0.55),
                ["calibrationIntercept"] = 0.02,
                ["calibrationInterceptInterval"] = new JsonArray(-0.1, 0.14),
                ["calibrationSlope"] = 0.97,
                ["calibrationSlopeInterval"] = new JsonArray(0.9, 1.04),
            },
        };
        if (!withEvidence) return e;
        e["outOfTime"] = new JsonObject { ["scored"] = 120, ["auc"] = 0.78, ["ks"] = 0.48, ["brier"] = 0.08, ["uncertainty"] = new JsonObject { ["aucInterval"] = new JsonArray(0.7, 0.86) } };
        e["stability"] = new JsonObject
        {
            ["baseline"] = "development",
            ["recent"] = "out of time",
            ["bins"] = "deciles",
            ["psi"] = new JsonArray(
                new JsonObject { ["name"] = "score", ["psi"] = 0.05, ["band"] = "Stable" },
                new JsonObject { ["name"] = "a", ["psi"] = 0.02, ["band"] = "Stable" },
                new JsonObject { ["name"] = "b", ["psi"] = 0.3, ["band"] = "Major" }),
        };
        e["rejectInference"] = new JsonObject
        {
            ["method"] = "parcelling",
            ["acceptedTrainRows"] = 500,
            ["rejectedTrainRows"] = 200,
            ["inferredRejectBadRate"] = 0.2,
            ["throughTheDoor"] = new JsonObject
            {
                ["acceptedOnlyModel"] = new JsonObject { ["applications"] = 300, ["badRate"] = 0.1, ["meanPd"] = 0.06, ["auc"] = 0.77, ["approveRate"] = 0.8, ["approvedBadRate"] = 0.05 },
                ["trainedModel"] = new JsonObject { ["applications"] = 300, ["badRate"] = 0.1, ["meanPd"] = 0.09, ["auc"] = 0.79, ["approveRate"] = 0.75, ["approvedBadRate"] = 0.04 },
            },
        };
        e["sensitivity"] = new JsonObject
        {
            ["cutoffs"] = new JsonArray(new JsonObject { ["cutoff"] = 573, ["approvalRate"] = 0.75, ["approvedBadRate"] = 0.04, ["belowBadRate"] = 0.3, ["badsBelowShare"] = 0.7 }),
            ["retrained"] = false,
            ["training"] = new JsonArray(new JsonObject { ["setting"] = "pdo", ["value"] = 20, ["shipped"] = true, ["attributes"] = 9, ["auc"] = 0.8, ["approveAt"] = 573, ["approvalRate"] = 0.75, ["approvedBadRate"] = 0.04 }),
        };
        return e;
    }

    [Fact]
    public void Render_WithoutOutOfTimeOrRejectInference_SaysNotMeasured()
    {
        var card = ModelCard.Render(_dir);
        Assert.StartsWith("# Model card: test-scorecard 1.0.0\n", card, StringComparison.Ordinal);
        Assert.Contains("| development (held out) | 290 | 0.8000 | 0.7500 to 0.8500 | 0.5000 to 0.7000 | 0.5000 | 0.4500 to 0.5500 | 0.0700 |", card, StringComparison.Ordinal);
        Assert.Contains("Out of time: not measured for this model (no vintage was held out).", card, StringComparison.Ordinal);
        Assert.Contains("Reject inference: not measured for this model", card, StringComparison.Ordinal);
        Assert.Contains("Population stability between development and out of time: not measured for this model.", card, StringComparison.Ordinal);
        Assert.Contains("Approval and bad rates across cut-offs: not measured for this model.", card, StringComparison.Ordinal);
        Assert.Contains("- development: calibration intercept 0.0200 (95 % -0.1000 to 0.1400), slope 0.9700 (95 % 0.9000 to 1.0400).", card, StringComparison.Ordinal);
        Assert.Contains("| `outcomes.csv` | `abc123` |", card, StringComparison.Ordinal);
        Assert.Contains("Cut-offs: approve at 573 or more, refer from 545 to 572, decline below 545.", card, StringComparison.Ordinal);
        Assert.Contains("| PSI of the score and of each attribute | ≥ 0.10 | ≥ 0.25 |", card, StringComparison.Ordinal);
        Assert.Contains("| 2026-12-06 | 1.0.0 | approved | lead |  |", card, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WithOutOfTimeStabilityRejectInferenceAndSensitivity_ShowsThem()
    {
        Write("evaluation.json", Evaluation(withEvidence: true));
        var card = ModelCard.Render(_dir);
        Assert.Contains("| out of time | 120 | 0.7800 | 0.7000 to 0.8600 | – | 0.4800 | – | 0.0800 |", card, StringComparison.Ordinal);
        Assert.DoesNotContain("Out of time: not measured", card, StringComparison.Ordinal);
        // The score first, then attributes by PSI, largest first.
        var stability = card[card.IndexOf("## Stability", StringComparison.Ordinal)..card.IndexOf("## Fairness", StringComparison.Ordinal)];
        Assert.Contains("| `score` | 0.0500 | Stable |\n| `b` | 0.3000 | Major |\n| `a` | 0.0200 | Stable |", stability, StringComparison.Ordinal);
        Assert.Contains("Method: **parcelling**; 500 approved and 200 declined training rows; inferred bad rate of the declined 20.0 %.", card, StringComparison.Ordinal);
        Assert.Contains("| every applicant (through the door) | this model | 300 | 10.0 % | 9.0 % | 0.7900 | 75.0 % | 4.0 % |", card, StringComparison.Ordinal);
        Assert.Contains("| 573 | 75.0 % | 4.0 % | 30.0 % | 70.0 % |", card, StringComparison.Ordinal);
        Assert.Contains("| pdo | 20 (shipped) | 9 | 0.8000 | 573 | 75.0 % | 4.0 % |", card, StringComparison.Ordinal);
        Assert.Contains("Minimum bin share and seeds: not measured for this model (`creditalt train --sensitivity`).", card, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_GovernanceWithoutOwner_NamesFileAndJsonPath()
    {
        var governance = JsonNode.Parse(File.ReadAllText(Path.Combine(_dir, "governance.json")))!.AsObject();
        governance.Remove("owner");
        Write("governance.json", governance);
        var ex = Assert.Throws<InvalidDataException>(() => ModelCard.Render(_dir));
        Assert.Equal("governance.json, $.owner: expected a string.", ex.Message);

        governance["owner"] = "x";
        governance["approvals"] = new JsonArray(new JsonObject { ["date"] = "2026-12-06" });
        Write("governance.json", governance);
        ex = Assert.Throws<InvalidDataException>(() => ModelCard.Render(_dir));
        Assert.Equal("governance.json, $.approvals[0].version: expected a string.", ex.Message);
    }

    /// <summary>The shipped cards are what `creditalt model-card` makes of the shipped files: a retrain must regenerate them.</summary>
    [Theory]
    [InlineData("champion")]
    [InlineData("challenger")]
    public void ShippedCard_IsCurrent(string model)
    {
        var dir = Path.Combine(Path.GetDirectoryName(ShippedChampion.Directory)!, model);
        Assert.True(ModelCard.IsCurrent(dir, out var expected),
            $"models/{model}/MODEL_CARD.md is stale: run `dotnet run --project src/CreditAlt.Cli -c Release -- model-card --model models/{model}`. Expected:\n{expected[..Math.Min(400, expected.Length)]}");
    }
}
