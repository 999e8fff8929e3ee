using System.Text.Json;
using CreditAlt.Cli.Lda;
using CreditAlt.Core.Scoring;
using CreditAlt.Modeling.Training;

namespace CreditAlt.Cli.Tests.Lda;

/// <summary>A generated portfolio of 3,000 applications and a champion trained on it, shared by the tests.</summary>
public sealed class LdaFixture : IDisposable
{
    private readonly TempDirectory temp = new();

    public LdaFixture()
    {
        DataDirectory = temp.File("portfolio");
        ModelDirectory = temp.File("model");
        var (code, error) = CliRunner.Run("generate", "--applications", "3000", "--seed", "11", "--out", DataDirectory);
        Assert.Equal((0, ""), (code, error));
        ChampionTraining.Run(DataDirectory, ModelDirectory, 7);
        Model = ScorecardJson.Deserialize(File.ReadAllText(Path.Combine(ModelDirectory, "scorecard.json")));
        Data = PortfolioDataSet.Load(DataDirectory);
        Groups = CreditAlt.Audits.DemographicsFile.Read(Path.Combine(DataDirectory, "demographics.csv"), "race_ethnicity", Data.ApplicationIds);
        Result = LdaSearch.Run(Data, Model, "race_ethnicity", Groups, new LdaOptions());
    }

    public string DataDirectory { get; }

    public string ModelDirectory { get; }

    public Scorecard Model { get; }

    public PortfolioDataSet Data { get; }

    public string?[] Groups { get; }

    internal LdaResult Result { get; }

    public void Dispose() => temp.Dispose();
}

public sealed class LdaSearchTests(LdaFixture fixture) : IClassFixture<LdaFixture>
{
    private LdaResult Result => fixture.Result;

    [Fact]
    public void Run_Baseline_ReproducesTheModelsOwnHeldOutEvaluation()
    {
        var sufficient = ChampionTraining.SufficientRows(fixture.Data);
        var (_, heldOut) = PortfolioDataSet.Split(fixture.Data.Count, ChampionTraining.HeldOutShare, 7);
        var own = ChampionTraining.Evaluate(fixture.Model, fixture.Data, heldOut, sufficient);

        var b = Result.Baseline;
        Assert.Equal(("baseline", own.Auc, own.ApproveRate, own.ApprovedBadRate, fixture.Model.Policy.ApproveAt), (b.Kind, b.Auc, b.ApprovalRate, b.ApprovedBadRate, b.ApproveAt));
        Assert.Equal(own.Scored, Result.Evaluated);
    }

    [Fact]
    public void Run_Alternatives_AreCutOffsRefitsPerAttributeAndBinnings()
    {
        var kinds = Result.Alternatives.GroupBy(a => a.Kind).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(
            new Dictionary<string, int> { ["baseline"] = 1, ["cut-off"] = 8, ["retrained"] = 1, ["drop-attribute"] = fixture.Model.Attributes.Count, ["binning"] = 4 },
            kinds);
        Assert.Equal(fixture.Model.Attributes.Select(a => $"without {a.Id}"), Result.Alternatives.Where(a => a.Kind == "drop-attribute").Select(a => a.Name));
        // A cut-off moves no applicant in the ranking: the AUC is the baseline's to the last bit.
        Assert.All(Result.Alternatives.Where(a => a.Kind == "cut-off"), a => Assert.Equal(Result.Baseline.Auc, a.Auc));
        Assert.Equal([-20, -15, -10, -5, 5, 10, 15, 20], Result.Alternatives.Where(a => a.Kind == "cut-off").Select(a => a.ApproveAt - Result.Baseline.ApproveAt));
    }

    [Fact]
    public void Run_RetrainedWithDefaultSettings_IsTheBaselineModelAgain()
    {
        // The fixture's model was trained by ChampionTraining with the same seed and split: re-fitting reproduces it.
        var r = Result.Alternatives.Single(a => a.Kind == "retrained");
        var b = Result.Baseline;
        Assert.Equal((b.Auc, b.ApprovalRate, b.ApprovedBadRate, b.Air, b.ApproveAt), (r.Auc, r.ApprovalRate, r.ApprovedBadRate, r.Air, r.ApproveAt));
    }

    [Fact]
    public void Run_ParetoSet_IsExactlyTheNonDominatedAlternatives()
    {
        foreach (var a in Result.Alternatives)
        {
            bool dominated = Result.Alternatives.Any(b => b.Air >= a.Air && b.Auc >= a.Auc && b.ApprovedBadRate <= a.ApprovedBadRate
                && (b.Air > a.Air || b.Auc > a.Auc || b.ApprovedBadRate < a.ApprovedBadRate));
            Assert.Equal(!dominated, a.Pareto);
        }

        Assert.Contains(Result.Alternatives, a => a.Pareto);
    }

    [Fact]
    public void Run_Chosen_HasTheBestAirWithinTheAucBound()
    {
        double floor = Result.Baseline.Auc - 0.005;
        var within = Result.Alternatives.Where(a => a.Auc >= floor && !double.IsNaN(a.Air)).ToList();
        Assert.True(Result.Chosen.Auc >= floor, $"chosen AUC {Result.Chosen.Auc} below {floor}");
        Assert.Equal(within.Max(a => a.Air), Result.Chosen.Air);
    }

    [Fact]
    public void Evaluate_Air_IsWorstGroupRateOverBestGroupRate()
    {
        var b = Result.Baseline;
        var sufficient = ChampionTraining.SufficientRows(fixture.Data);
        var (_, heldOut) = PortfolioDataSet.Split(fixture.Data.Count, ChampionTraining.HeldOutShare, 7);
        var rates = heldOut.Where(i => sufficient[i] && fixture.Groups[i] is not null)
            .GroupBy(i => fixture.Groups[i]!)
            .Where(g => g.Count() >= 30)
            .ToDictionary(g => g.Key, g => g.Count(i => fixture.Model.Score(Row(i)) >= b.ApproveAt) / (double)g.Count());
        Assert.Equal(rates.Values.Min() / rates.Values.Max(), b.Air, 12);
        Assert.Equal((rates.MinBy(kv => kv.Value).Key, rates.MaxBy(kv => kv.Value).Key), (b.WorstGroup, b.ReferenceGroup));
    }

    private double[] Row(int i)
    {
        var engine = new ScorecardEngine(fixture.Model);
        var catalogue = fixture.Data.Columns.Select(c => c[i]).ToArray();
        var values = new double[fixture.Model.Attributes.Count];
        engine.Gather(catalogue, values);
        return values;
    }

    [Fact]
    public void LdaCommand_GeneratedPortfolio_WritesTheSearchWithTheModelsAuc()
    {
        using var temp = new TempDirectory();
        var (code, error) = CliRunner.Run("lda", "--data", fixture.DataDirectory, "--model", fixture.ModelDirectory, "--out", temp.Path);

        Assert.Equal((0, ""), (code, error));
        using var json = JsonDocument.Parse(File.ReadAllBytes(temp.File("lda.json")));
        using var evaluation = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(fixture.ModelDirectory, "evaluation.json")));
        var alternatives = json.RootElement.GetProperty("alternatives");
        Assert.Equal(evaluation.RootElement.GetProperty("auc").GetDouble(), alternatives[0].GetProperty("auc").GetDouble());
        Assert.Equal(Result.Alternatives.ToList().FindIndex(a => a == Result.Chosen), json.RootElement.GetProperty("chosen").GetInt32());
        Assert.Equal(Result.Alternatives.Count, alternatives.GetArrayLength());
        Assert.Equal(LdaReport.Markdown(Result, $"portfolio with {fixture.Model.ModelId} {fixture.Model.Version}"), File.ReadAllText(temp.File("lda.md")));
    }

    [Fact]
    public void LdaCommand_UnknownGroupColumn_ExitsTwoNamingTheFile()
    {
        using var temp = new TempDirectory();
        var (code, error) = CliRunner.Run("lda", "--data", fixture.DataDirectory, "--model", fixture.ModelDirectory, "--out", temp.Path, "--group-column", "religion");

        var file = Path.Combine(fixture.DataDirectory, "demographics.csv");
        Assert.Equal((2, $"error: {file}: no column 'religion' for --group-column (columns: application_id, race_ethnicity, sex, age_band){Environment.NewLine}"), (code, error));
    }
}
