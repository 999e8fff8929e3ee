using System.Text.Json;
using CreditAlt.Modeling.Training;
using CreditAlt.Portfolio.Synthetic;

namespace CreditAlt.Modeling.Tests.Training;

/// <summary>Out-of-time evaluation on vintages, reject inference on observed outcomes, and the attainable reference.</summary>
public sealed class VintageAndRejectInferenceTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "creditalt-vintage-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private string Portfolio(int applications, long seed, int vintages = 1)
    {
        var dir = Path.Combine(_root, $"p{applications}-{seed}-{vintages}");
        PortfolioGeneration.Write(new PortfolioGenerator(seed, applications, vintages: vintages), dir);
        return dir;
    }

    [Fact]
    public void DevelopmentSplit_ThreeVintages_LatestIsOutOfTimeAndTheSplitIsOfTheRest()
    {
        var data = PortfolioDataSet.Load(Portfolio(3000, 4, vintages: 3));

        var split = DevelopmentSplit.Of(data, seed: 7);

        Assert.Equal(new DateOnly(2026, 6, 30), split.OutOfTimeAsOf);
        Assert.Equal(Enumerable.Range(2000, 1000), split.OutOfTime);
        Assert.Equal(600, split.HeldOut.Length); // 30 % of the 2,000 development applications
        Assert.Equal(Enumerable.Range(0, 2000), split.Train.Concat(split.HeldOut).Order());
        // The held-out part is the same seeded split the single-vintage code draws, over the development rows.
        Assert.Equal(PortfolioDataSet.Split(2000, ChampionTraining.HeldOutShare, 7).HeldOut, split.HeldOut);
    }

    [Fact]
    public void DevelopmentSplit_OneVintage_TheUsualSplitAndNoOutOfTime()
    {
        var data = PortfolioDataSet.Load(Portfolio(500, 4));

        var split = DevelopmentSplit.Of(data, seed: 7);

        Assert.False(split.HasOutOfTime);
        var (train, heldOut) = PortfolioDataSet.Split(500, 0.3, 7);
        Assert.Equal(train, split.Train);
        Assert.Equal(heldOut, split.HeldOut);
    }

    [Fact]
    public void Run_ThreeVintages_ReportsOutOfTimeWithIntervalsAndStability()
    {
        var data = Portfolio(15_000, 21, vintages: 3);
        var result = ChampionTraining.Run(data, Path.Combine(_root, "m"), seed: 7);

        var oot = result.OutOfTime!;
        Assert.Equal(new DateOnly(2026, 6, 30), oot.AsOf);
        Assert.Equal(2, oot.DevelopmentVintages);
        Assert.Equal(5000, oot.Evaluation.HeldOutApplications);
        // The downturn of the latest vintage: its bad rate is several points above development's.
        Assert.InRange(oot.Evaluation.BadRate - result.Evaluation.BadRate, 0.02, 0.08);
        Assert.Equal(["score", .. result.Training.Model.Attributes.Select(a => a.Id)], oot.Stability.Select(p => p.Name));
        Assert.NotNull(oot.Report.Models[0].Intervals);
        // Champion against the bureau score on the scorable held-out applicants: the same order, the combination ahead of the bureau.
        var all = result.BureauSegments[0];
        Assert.Equal("all with a bureau score", all.Segment);
        Assert.InRange(all.ChampionAuc - all.BureauAuc, -0.06, 0.08);
        Assert.True(all.CombinedAuc > all.BureauAuc);
        Assert.Contains(result.BureauSegments, s => s.Segment == "without bank data");
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_root, "m", "evaluation.json")));
        var outOfTime = json.RootElement.GetProperty("outOfTime");
        Assert.Equal(2, outOfTime.GetProperty("uncertainty").GetProperty("aucInterval").GetArrayLength());
        Assert.Equal(oot.Stability.Count, json.RootElement.GetProperty("stability").GetProperty("psi").GetArrayLength());
        Assert.StartsWith("# Champion evaluation (out of time)", File.ReadAllText(Path.Combine(_root, "m", ChampionTraining.OutOfTimeMarkdownFile)), StringComparison.Ordinal);
    }

    /// <summary>
    /// The historical policy approved on the bureau score (and, without one, on a clean recent history): trained on the
    /// approved alone, the scorecard under-predicts the through-the-door default rate and ranks the whole population
    /// worse than a scorecard that saw every outcome. Both augmentations move it back towards the full-information model.
    /// </summary>
    [Fact]
    public void Train_AcceptedOnly_MeasurablyBiasedAndReinferenceMovesItBack()
    {
        var data = PortfolioDataSet.Load(Portfolio(40_000, 31));
        var options = ChampionTraining.DefaultOptions(7);

        var full = ChampionTraining.Train(data, options);
        var none = ChampionTraining.Train(data, options, new TrainingSample(AcceptedOnly: true));
        var parcelling = ChampionTraining.Train(data, options, new TrainingSample(true, RejectInferenceMethod.Parcelling));
        var fuzzy = ChampionTraining.Train(data, options, new TrainingSample(true, RejectInferenceMethod.Fuzzy));

        var evaluated = DevelopmentSplit.Of(data, 7).HeldOut.Where(i => ChampionTraining.SufficientRows(data)[i]).ToArray();
        var truth = ChampionTraining.Figures(full.Training.Model, data, evaluated);
        var biased = none.RejectInference!.TrainedThroughTheDoor;
        Assert.Equal(truth.Applications, biased.Applications);
        Assert.Equal(truth.BadRate, biased.BadRate, 12);
        var figures = string.Join("; ", new[] { ("full", truth), ("none", biased), ("parcelling", parcelling.RejectInference!.TrainedThroughTheDoor), ("fuzzy", fuzzy.RejectInference!.TrainedThroughTheDoor) }
            .Select(x => FormattableString.Invariant($"{x.Item1}: mean PD {x.Item2.MeanPd:0.0000} AUC {x.Item2.Auc:0.0000}")));
        Assert.True(Math.Round(truth.BadRate, 4) == 0.0988, figures);
        Assert.True(Math.Abs(truth.MeanPd - truth.BadRate) < 0.01, figures);
        Assert.True(biased.MeanPd < truth.MeanPd - 0.007, figures);
        Assert.True(biased.Auc < truth.Auc - 0.003, figures);
        // The accepted-only view looks calibrated where the lender can check it: that is the trap.
        Assert.InRange(none.RejectInference.TrainedOnAccepted.MeanPd - none.RejectInference.TrainedOnAccepted.BadRate, -0.01, 0.01);

        // Parcelling (band bad rate x 2) over-corrects the level; fuzzy keeps it; both regain ranking.
        var p = parcelling.RejectInference!;
        var f = fuzzy.RejectInference!;
        Assert.Equal(none.RejectInference.AcceptedTrainRows, p.AcceptedTrainRows);
        Assert.Equal(p.RejectedTrainRows, f.RejectedTrainRows);
        Assert.True(p.TrainedThroughTheDoor.MeanPd > truth.BadRate);
        Assert.True(p.TrainedThroughTheDoor.Auc > biased.Auc);
        Assert.True(f.TrainedThroughTheDoor.Auc > biased.Auc);
        Assert.InRange(f.InferredRejectBadRate, 0.10, 0.20);
        Assert.InRange(p.InferredRejectBadRate, 0.18, 0.32);
    }

    [Fact]
    public void Train_AttainableReference_BetweenChampionLevelAndTheOracle()
    {
        var data = PortfolioDataSet.Load(Portfolio(12_000, 41));

        var result = ChampionTraining.Train(data, ChampionTraining.DefaultOptions(7), new TrainingSample(AttainableReference: true));

        var attainable = result.AttainableAuc!.Value;
        Assert.InRange(attainable, result.Evaluation.Auc - 0.04, result.Evaluation.OracleAuc!.Value);
    }
}
