using CreditAlt.Core.Attributes;
using CreditAlt.Core.Scoring;
using CreditAlt.Modeling.Evaluation;
using CreditAlt.Modeling.Scorecards;

namespace CreditAlt.Modeling.Tests.Scorecards;

public sealed class ScorecardTrainerTests
{
    [Fact]
    public void CutoffFor_DefaultScaling_IsScoreAtTargetOdds()
    {
        // factor = 20/ln 2 = 28.8539, offset = 600 − factor·ln 50 = 487.1229.
        // PD 5 %: 487.1229 + factor·ln 19 = 572.08 → 573; PD 12 %: + factor·ln(0.88/0.12) = 544.61 → 545.
        Assert.Equal(573, ScorecardTrainer.CutoffFor(ScoreScaling.Default, 0.05));
        Assert.Equal(545, ScorecardTrainer.CutoffFor(ScoreScaling.Default, 0.12));
        // At the base odds 50:1 (PD 1/51) the cut-off is the base score itself.
        Assert.Equal(600, ScorecardTrainer.CutoffFor(ScoreScaling.Default, 1.0 / 51));
    }

    private static (CandidateAttribute[] Candidates, double[][] Columns, bool[] Bad) Synthetic(int n, int seed)
    {
        var random = new Random(seed);
        var signal = new double[n];
        var copy = new double[n];
        var noise = new double[n];
        var second = new double[n];
        var bad = new bool[n];
        for (var i = 0; i < n; i++)
        {
            signal[i] = random.Next(0, 10);
            copy[i] = signal[i] * 2 + 1;
            noise[i] = random.NextDouble();
            second[i] = random.Next(0, 5);
            var logit = -2.5 + 0.35 * signal[i] - 0.4 * second[i];
            bad[i] = random.NextDouble() < 1 / (1 + Math.Exp(-logit));
        }

        CandidateAttribute C(string id, RiskDirection d) => new(id, id.ToUpperInvariant(), d, Actionability.Actionable, []);
        return ([C("signal", RiskDirection.HigherIsRiskier), C("copy", RiskDirection.HigherIsRiskier), C("noise", RiskDirection.HigherIsRiskier), C("second", RiskDirection.LowerIsRiskier)],
            [signal, copy, noise, second], bad);
    }

    [Fact]
    public void Train_DuplicateAndNoiseColumns_AreDroppedWithTheirReason()
    {
        var (candidates, columns, bad) = Synthetic(4000, 3);
        var result = ScorecardTrainer.Train(candidates, columns, bad, new ScorecardTrainingOptions());
        Assert.Equal(["signal", "second"], result.Model.Attributes.Select(a => a.Id));
        var status = result.Selection.ToDictionary(s => s.AttributeId, s => s.Status);
        Assert.Equal(SelectionOutcome.Correlated, status["copy"]);   // identical WoE, same IV: the earlier one stays
        Assert.Equal(SelectionOutcome.LowInformationValue, status["noise"]);
        Assert.All(result.Model.Attributes, a => Assert.True(a.Coefficient < 0));
    }

    [Fact]
    public void Train_Points_AreMonotoneInDeclaredDirectionAndWorstBinIsZero()
    {
        var (candidates, columns, bad) = Synthetic(4000, 5);
        var model = ScorecardTrainer.Train(candidates, columns, bad, new ScorecardTrainingOptions()).Model;
        foreach (var attribute in model.Attributes)
        {
            var ranges = attribute.Bins.Where(b => b.Kind == BinKind.Range).Select(b => b.Points).ToArray();
            var ordered = attribute.Direction == RiskDirection.HigherIsRiskier ? ranges.Reverse().ToArray() : ranges;
            Assert.Equal(ordered.Order(), ordered); // points rise as risk falls
            Assert.Equal(0, attribute.Bins.Min(b => b.Points));
        }
    }

    [Fact]
    public void Train_ScoreMatchesLogisticOdds_WithinRounding()
    {
        // score ≈ offset − factor·(intercept + Σ w·WoE): the integer points differ by at most half a point per
        // attribute plus half for the base.
        var (candidates, columns, bad) = Synthetic(4000, 9);
        var result = ScorecardTrainer.Train(candidates, columns, bad, new ScorecardTrainingOptions());
        var model = result.Model;
        var scaling = model.Scaling;
        var index = model.Attributes.Select(a => Array.FindIndex(candidates, c => c.Id == a.Id)).ToArray();
        for (var i = 0; i < 50; i++)
        {
            var row = index.Select(c => columns[c][i]).ToArray();
            var logit = result.Intercept;
            for (var j = 0; j < row.Length; j++) logit += model.Attributes[j].Coefficient * model.Attributes[j].Bins[model.BinOf(j, row[j])].Woe;
            var exact = scaling.Offset - scaling.Factor * logit;
            Assert.InRange(model.RawScore(row) - exact, -0.5 * (row.Length + 1) - 1e-9, 0.5 * (row.Length + 1) + 1e-9);
        }
    }

    [Fact]
    public void Train_SameData_SameJsonBytes()
    {
        var (candidates, columns, bad) = Synthetic(3000, 11);
        var a = ScorecardJson.Serialize(ScorecardTrainer.Train(candidates, columns, bad, new ScorecardTrainingOptions()).Model);
        var b = ScorecardJson.Serialize(ScorecardTrainer.Train(candidates, columns, bad, new ScorecardTrainingOptions()).Model);
        Assert.Equal(a, b);
    }

    [Fact]
    public void Train_Discriminates_HeldOutAucNearTrueModel()
    {
        var (candidates, columns, bad) = Synthetic(6000, 13);
        var model = ScorecardTrainer.Train(candidates, columns.Select(c => c[..4000]).ToArray(), bad[..4000], new ScorecardTrainingOptions()).Model;
        var index = model.Attributes.Select(a => Array.FindIndex(candidates, c => c.Id == a.Id)).ToArray();
        var risk = new double[2000];
        var truth = new double[2000];
        for (var i = 0; i < 2000; i++)
        {
            risk[i] = -model.RawScore(index.Select(c => columns[c][4000 + i]).ToArray());
            truth[i] = 0.35 * columns[0][4000 + i] - 0.4 * columns[3][4000 + i];
        }

        var oracle = Metrics.Auc(truth, bad[4000..]);
        Assert.InRange(oracle - Metrics.Auc(risk, bad[4000..]), -0.01, 0.01);
    }
}
