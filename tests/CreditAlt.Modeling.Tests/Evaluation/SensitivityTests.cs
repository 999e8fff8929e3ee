using CreditAlt.Core.Attributes;
using CreditAlt.Core.Scoring;
using CreditAlt.Modeling.Evaluation;
using CreditAlt.Modeling.Scorecards;
using CreditAlt.Modeling.Training;
using CreditAlt.Portfolio.Synthetic;

namespace CreditAlt.Modeling.Tests.Evaluation;

public sealed class SensitivityTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "creditalt-sensitivity-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public void Cutoffs_TenApplicants_HandCounted()
    {
        // Scores 500, 520, …, 680; bads at 500, 540 and 600; shipped cut-off 580.
        int[] score = [500, 520, 540, 560, 580, 600, 620, 640, 660, 680];
        bool[] bad = [true, false, true, false, false, true, false, false, false, false];
        var rows = Sensitivity.Cutoffs(score, bad, 580);
        Assert.Equal([540, 550, 560, 570, 580, 590, 600, 610, 620], rows.Select(r => r.Cutoff));

        // 540: approved 540…680 (8) with bads 540, 600 → 2/8; below 500, 520 with one bad → 1/2; bads kept out 1/3.
        Assert.Equal(new CutoffSensitivity(540, 8, 0.8, 0.25, 0.5, 1.0 / 3), rows[0]);
        // 580: approved 580…680 (6) with bad 600 → 1/6; below four with two bads → 1/2; kept out 2/3.
        Assert.Equal(new CutoffSensitivity(580, 6, 0.6, 1.0 / 6, 0.5, 2.0 / 3), rows[4]);
        // 620: approved 620…680 (4), no bad; below six with all three bads; kept out all.
        Assert.Equal(new CutoffSensitivity(620, 4, 0.4, 0, 0.5, 1), rows[8]);
    }

    [Fact]
    public void Cutoffs_NobodyAbove_RatesOfTheEmptyGroupAreNull()
    {
        var rows = Sensitivity.Cutoffs([500, 510], [true, false], 600);
        Assert.All(rows, r => Assert.Equal((0, (double?)null), (r.Approved, r.ApprovedBadRate)));
        Assert.All(rows, r => Assert.Equal(0.5, r.BelowBadRate));
    }

    private static ScorecardTrainingResult SmallModel()
    {
        var random = new Random(11);
        var n = 3000;
        var x = new double[n];
        var y = new double[n];
        var bad = new bool[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = random.Next(0, 10);
            y[i] = random.Next(0, 6);
            bad[i] = random.NextDouble() < 1 / (1 + Math.Exp(-(-2.5 + 0.3 * x[i] - 0.4 * y[i])));
        }

        CandidateAttribute C(string id, RiskDirection d) => new(id, id.ToUpperInvariant(), d, Actionability.Actionable, []);
        return ScorecardTrainer.Train([C("x", RiskDirection.HigherIsRiskier), C("y", RiskDirection.LowerIsRiskier)], [x, y], bad, new ScorecardTrainingOptions());
    }

    [Fact]
    public void Rescale_ShippedScaling_GivesBackTheTrainedModelByteForByte()
    {
        var trained = SmallModel();
        var options = new ScorecardTrainingOptions();
        var rescaled = ScorecardTrainer.Rescale(trained.Model, trained.Intercept, options.Scaling, options.ApproveMaxPd, options.DeclineMinPd);
        Assert.Equal(ScorecardJson.Serialize(trained.Model), ScorecardJson.Serialize(rescaled));
    }

    [Fact]
    public void Rescale_Pdo40_PointsAndCutoffsFromTheFormula()
    {
        var trained = SmallModel();
        var scaling = ScoreScaling.Default with { Pdo = 40 };
        var model = ScorecardTrainer.Rescale(trained.Model, trained.Intercept, scaling, 0.05, 0.12);
        var factor = 40 / Math.Log(2);
        var offset = 600 - factor * Math.Log(50);
        var basePoints = (int)Math.Round(offset - factor * trained.Intercept, MidpointRounding.AwayFromZero);
        for (var j = 0; j < model.Attributes.Count; j++)
        {
            var a = trained.Model.Attributes[j];
            var raw = a.Bins.Select(b => (int)Math.Round(-factor * a.Coefficient * b.Woe, MidpointRounding.AwayFromZero)).ToArray();
            basePoints += raw.Min();
            Assert.Equal(raw.Select(p => p - raw.Min()), model.Attributes[j].Bins.Select(b => b.Points));
        }

        Assert.Equal(basePoints, model.BasePoints);
        // PD 5 %: offset + factor·ln 19 = 374.25 + 169.92 = 544.2 → 545; PD 12 %: 374.25 + 114.98 = 489.2 → 490.
        Assert.Equal((545, 490), (model.Policy.ApproveAt, model.Policy.DeclineBelow));
    }

    [Fact]
    public void Train_WithSensitivity_ShippedVariantsReproduceTheMainEvaluation()
    {
        var dir = Path.Combine(_root, "p");
        PortfolioGeneration.Write(new PortfolioGenerator(5, 3000), dir, threads: 1);
        var data = PortfolioDataSet.Load(dir);
        var options = ChampionTraining.DefaultOptions(7);
        var result = ChampionTraining.Train(data, options, retrainSensitivity: true);
        var s = result.Report!.Sensitivity!;
        Assert.True(s.Retrained);
        Assert.Equal(["pdo", "pdo", "pdo", "pdo", "minBinShare", "minBinShare", "minBinShare", "minBinShare", "seed", "seed", "seed"], s.Training.Select(t => t.Setting));
        Assert.Equal([15, 20, 25, 30, 0.03, 0.05, 0.08, 0.10, 7, 8, 9], s.Training.Select(t => t.Value));
        var shipped = s.Training.Where(t => t.Shipped).ToArray();
        Assert.Equal(["pdo", "minBinShare", "seed"], shipped.Select(t => t.Setting));
        var e = result.Evaluation;
        Assert.All(shipped, t => Assert.Equal(
            (result.Training.Model.Attributes.Count, e.Scored, e.Auc, result.Training.Model.Policy.ApproveAt, e.ApproveRate, e.ApprovedBadRate),
            (t.Attributes, t.Evaluated, t.Auc, t.ApproveAt, t.ApprovalRate, t.ApprovedBadRate)));
        Assert.Equal(573, s.Training[1].ApproveAt);
        Assert.Equal(ScorecardTrainer.CutoffFor(ScoreScaling.Default with { Pdo = 30 }, 0.05), s.Training[3].ApproveAt);

        // The cut-off table's shipped row is the report's approval rate at 573 over the evaluated applicants.
        var cutoffs = result.Report.Models[0].Cutoffs;
        Assert.Equal(e.ApproveRate, cutoffs.Single(c => c.Cutoff == 573).ApprovalRate, 12);

        var md = ReportWriters.ToMarkdown(result.Report);
        Assert.Contains("## Sensitivity", md, StringComparison.Ordinal);
        Assert.Contains("| pdo | 20 (shipped) |", md, StringComparison.Ordinal);
    }
}
