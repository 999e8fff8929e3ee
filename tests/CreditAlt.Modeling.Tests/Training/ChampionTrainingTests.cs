using System.Text;
using System.Text.Json;
using CreditAlt.Core.Scoring;
using CreditAlt.Modeling.Batch;
using CreditAlt.Modeling.Training;
using CreditAlt.Portfolio.Csv;
using CreditAlt.Portfolio.Synthetic;

namespace CreditAlt.Modeling.Tests.Training;

/// <summary>End to end on a small generated portfolio: read, join outcomes, train, evaluate, write, score.</summary>
public sealed class ChampionTrainingTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "creditalt-champion-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private string Portfolio(int applications, long seed)
    {
        var dir = Path.Combine(_root, $"p{applications}-{seed}");
        PortfolioGeneration.Write(new PortfolioGenerator(seed, applications), dir, threads: 1);
        return dir;
    }

    [Fact]
    public void Run_SmallPortfolio_WritesReproducibleFilesAndSaneFigures()
    {
        var data = Portfolio(4000, 5);
        var first = ChampionTraining.Run(data, Path.Combine(_root, "a"), seed: 7);
        ChampionTraining.Run(data, Path.Combine(_root, "b"), seed: 7);
        foreach (var file in new[] { "scorecard.json", "metadata.json", "evaluation.json" })
            Assert.Equal(File.ReadAllBytes(Path.Combine(_root, "a", file)), File.ReadAllBytes(Path.Combine(_root, "b", file)));

        var e = first.Evaluation;
        Assert.Equal(1200, e.HeldOutApplications);                       // 30 % of 4000
        Assert.Equal(e.HeldOutApplications, e.Scored + e.InsufficientData);
        // The truth hides latent state and shocks, so the oracle stays well above any model on the attributes.
        Assert.InRange(e.OracleAuc!.Value - e.Auc, 0.0, 0.12);
        // Bureau and bank-data scores are of the same order (docs/synthetic-data.md), neither far ahead.
        Assert.InRange(e.ChampionAucOnBureau!.Value - e.BureauAuc!.Value, -0.08, 0.12);
        Assert.Equal(2 * e.Auc - 1, e.Gini, 12);

        using var evaluation = JsonDocument.Parse(File.ReadAllText(Path.Combine(_root, "a", "evaluation.json")));
        foreach (var name in new[] { "auc", "gini", "ks", "brier", "oracleAuc" })
            Assert.Equal(JsonValueKind.Number, evaluation.RootElement.GetProperty(name).ValueKind);
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(_root, "a", "metadata.json")));
        var files = metadata.RootElement.GetProperty("trainingData").GetProperty("files");
        Assert.Equal(PortfolioDataSet.Fingerprint(data)["payments.csv"], files.GetProperty("payments.csv").GetString());
        Assert.Equal(7, metadata.RootElement.GetProperty("seed").GetInt32());
    }

    [Fact]
    public void Score_Portfolio_OneRowPerApplicationInOrder()
    {
        var data = Portfolio(300, 6);
        var model = ScorecardJson.Deserialize(File.ReadAllText(Path.Combine(Champion.ShippedChampion.Directory, "scorecard.json")));
        using var reader = PortfolioReader.Open(data);
        var output = new StringWriter();
        var count = BatchScoring.Score(reader, new ScorecardEngine(model), output);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(300, count);
        Assert.Equal(301, lines.Length);
        Assert.Equal(BatchScoring.Header, lines[0]);
        Assert.StartsWith("APP-0000001,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("APP-0000300,", lines[300], StringComparison.Ordinal);
    }

    [Fact]
    public void ReadOutcomes_BadDefaultedValue_NamesFileLineAndColumn()
    {
        var path = Path.Combine(_root, "outcomes.csv");
        Directory.CreateDirectory(_root);
        File.WriteAllText(path, "application_id,defaulted,true_pd,bureau_score,observed\nAPP-1,0,0.1,700,1\nAPP-2,yes,0.2,,0\n", new UTF8Encoding(false));
        var ex = Assert.Throws<PortfolioFormatException>(() => PortfolioDataSet.ReadOutcomes(path));
        Assert.Equal("outcomes.csv, line 3, column 2 (defaulted): expected 0 or 1", ex.Message);
    }

    [Fact]
    public void Split_SameSeed_SameRowsAndShare()
    {
        var (train, test) = PortfolioDataSet.Split(1000, 0.3, 7);
        Assert.Equal(300, test.Length);
        Assert.Equal(700, train.Length);
        Assert.Empty(train.Intersect(test));
        Assert.Equal(test, PortfolioDataSet.Split(1000, 0.3, 7).HeldOut);
        Assert.NotEqual(test, PortfolioDataSet.Split(1000, 0.3, 8).HeldOut);
    }
}
