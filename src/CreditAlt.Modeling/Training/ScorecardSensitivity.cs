using System.Text.Json.Nodes;
using CreditAlt.Core.Attributes;
using CreditAlt.Core.Scoring;
using CreditAlt.Modeling.Evaluation;
using CreditAlt.Modeling.Scorecards;

namespace CreditAlt.Modeling.Training;

/// <summary>
/// How the champion's figures move with its training settings (issue 17, "Sensitivity"): the fitted model on other points
/// scales (PDO, no refit: only the rounding of points and the cut-off for the same probability of bad change), and, when
/// asked, the model retrained with other minimum bin shares (same split) and on other seeds (another split and fit).
/// Every variant is judged on its own held-out applicants with enough history, by <see cref="ChampionTraining.Evaluate"/>.
/// </summary>
public static class ScorecardSensitivity
{
    public static readonly double[] Pdos = [15, 20, 25, 30];

    public static readonly double[] MinBinShares = [0.03, 0.05, 0.08, 0.10];

    /// <summary>Seeds tried besides the shipped one: seed + 1 and seed + 2.</summary>
    public const int ExtraSeeds = 2;

    public static SensitivityReport Measure(PortfolioDataSet data, ScorecardTrainingOptions options, ScorecardTrainingResult trained, bool retrain)
    {
        var sufficient = ChampionTraining.SufficientRows(data);
        var (train, heldOut, _, _) = DevelopmentSplit.Of(data, options.Seed);
        var rows = new List<TrainingSensitivity>();
        foreach (var pdo in Pdos)
        {
            var scaling = options.Scaling with { Pdo = pdo };
            var model = ScorecardTrainer.Rescale(trained.Model, trained.Intercept, scaling, options.ApproveMaxPd, options.DeclineMinPd);
            rows.Add(Row("pdo", pdo, pdo == options.Scaling.Pdo, model, data, heldOut, sufficient));
        }

        if (retrain)
        {
            var trainRows = train.Where(i => sufficient[i]).ToArray();
            foreach (var share in MinBinShares)
            {
                var variant = options with { Binning = options.Binning with { MinBinShare = share } };
                rows.Add(Row("minBinShare", share, share == options.Binning.MinBinShare, Fit(data, trainRows, variant), data, heldOut, sufficient));
            }

            for (var s = 0; s <= ExtraSeeds; s++)
            {
                var seed = options.Seed + s;
                var (seedTrain, seedHeldOut, _, _) = DevelopmentSplit.Of(data, seed);
                var model = Fit(data, seedTrain.Where(i => sufficient[i]).ToArray(), options with { Seed = seed });
                rows.Add(Row("seed", seed, s == 0, model, data, seedHeldOut, sufficient));
            }
        }

        return new SensitivityReport(rows) { Retrained = retrain };
    }

    private static Scorecard Fit(PortfolioDataSet data, int[] trainRows, ScorecardTrainingOptions options)
    {
        var candidates = AttributeCatalogue.All.Select(CandidateAttribute.From).ToArray();
        var columns = data.Columns.Select(c => TableTraining.Subset(c, trainRows)).ToArray();
        return ScorecardTrainer.Train(candidates, columns, TableTraining.Subset(data.IsBad, trainRows), options).Model;
    }

    private static TrainingSensitivity Row(string setting, double value, bool shipped, Scorecard model, PortfolioDataSet data, int[] heldOut, bool[] sufficient)
    {
        var e = ChampionTraining.Evaluate(model, data, heldOut, sufficient);
        return new TrainingSensitivity(setting, value, shipped, model.Attributes.Count, e.Scored, e.Auc, model.Policy.ApproveAt, e.ApproveRate, e.ApprovedBadRate);
    }

    /// <summary>The cut-off table and the training-setting variants, as evaluation.json holds them (rounded to 6 decimals, like the rest of the file) (docs/evaluation.md, "Sensitivity").</summary>
    public static JsonObject Json(IReadOnlyList<CutoffSensitivity> cutoffs, SensitivityReport? training)
    {
        static double? R(double? v) => v is { } x && double.IsFinite(x) ? Math.Round(x, 6) : null;
        return new JsonObject
        {
            ["cutoffs"] = new JsonArray(cutoffs.Select(c => (JsonNode)new JsonObject
            {
                ["cutoff"] = c.Cutoff,
                ["approved"] = c.Approved,
                ["approvalRate"] = R(c.ApprovalRate),
                ["approvedBadRate"] = R(c.ApprovedBadRate),
                ["belowBadRate"] = R(c.BelowBadRate),
                ["badsBelowShare"] = R(c.BadsBelowShare),
            }).ToArray()),
            ["retrained"] = training?.Retrained,
            ["training"] = training is null ? null : new JsonArray(training.Training.Select(t => (JsonNode)new JsonObject
            {
                ["setting"] = t.Setting,
                ["value"] = t.Value,
                ["shipped"] = t.Shipped,
                ["attributes"] = t.Attributes,
                ["evaluated"] = t.Evaluated,
                ["auc"] = R(t.Auc),
                ["approveAt"] = t.ApproveAt,
                ["approvalRate"] = R(t.ApprovalRate),
                ["approvedBadRate"] = R(t.ApprovedBadRate),
            }).ToArray()),
        };
    }
}
