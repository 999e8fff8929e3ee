using System.Text.Json;
using System.Text.Json.Nodes;
using CreditAlt.Core.Attributes;
using CreditAlt.Core.Scoring;
using CreditAlt.Modeling.Evaluation;
using CreditAlt.Modeling.Scorecards;

namespace CreditAlt.Modeling.Training;

/// <summary>Held-out figures of a scorecard on a portfolio split.</summary>
public sealed record ScorecardEvaluation(
    int HeldOutApplications,
    int Scored,
    int InsufficientData,
    double BadRate,
    double Auc,
    double Gini,
    double Ks,
    double Brier,
    double? OracleAuc,
    int BureauApplications,
    double? BureauAuc,
    double? ChampionAucOnBureau,
    double ApproveRate,
    double ReferRate,
    double DeclineRate,
    double ApprovedBadRate);

/// <summary>What one champion training run produced.</summary>
public sealed record ChampionTrainingResult(ScorecardTrainingResult Training, ScorecardEvaluation Evaluation, int TrainRows)
{
    /// <summary>The full held-out report (intervals, DeLong against the bureau score, calibration by band and segment), written as evaluation.md.</summary>
    public EvaluationReport? Report { get; init; }
}

/// <summary>
/// Trains the champion scorecard on a portfolio directory: catalogue attributes joined with outcomes.csv, a seeded
/// 70/30 split, training and evaluation on applicants with enough history (the others get "insufficient data"
/// and are never scored into a decision), and writes scorecard.json, metadata.json and evaluation.json.
/// Nothing time- or path-dependent is written, so the same data and seed give the same bytes.
/// </summary>
public static class ChampionTraining
{
    public const double HeldOutShare = 0.3;

    public static ScorecardTrainingOptions DefaultOptions(int seed) => new()
    {
        Seed = seed,
        ModelId = "champion-scorecard",
        Version = "1.0.0",
        HistoryRequirements = [new HistoryRequirement(AttributeCatalogue.All[AttributeIndex.AllMonthsHistory].Id, AttributeCalculator.MinMonthsOfHistory)],
        Affordability = CreditAlt.Core.AbilityToPay.ProductTerms.Default,
    };

    /// <param name="sensitivity">Also retrain with other minimum bin shares and seeds for the sensitivity table (PDO variants are always measured).</param>
    public static ChampionTrainingResult Run(string dataDirectory, string outDirectory, int seed, Action<string, double>? progress = null, bool sensitivity = false)
    {
        progress?.Invoke("Fingerprinting input files", 0);
        var fingerprint = PortfolioDataSet.Fingerprint(dataDirectory);
        var totalBytes = fingerprint.Keys.Where(k => k != "outcomes.csv").Sum(k => new FileInfo(Path.Combine(dataDirectory, k)).Length);
        var data = PortfolioDataSet.Load(dataDirectory, bytes => progress?.Invoke("Reading portfolio", Math.Min(1, (double)bytes / totalBytes)));
        TrainingMinimum.CheckPortfolio(data, seed);
        progress?.Invoke("Training scorecard", 0);
        var options = DefaultOptions(seed);
        var result = Train(data, options, sensitivity);
        progress?.Invoke("Writing model", 1);
        Write(outDirectory, data, result, options, fingerprint);
        return result;
    }

    public static ChampionTrainingResult Train(PortfolioDataSet data, ScorecardTrainingOptions options, bool retrainSensitivity = false)
    {
        var sufficient = SufficientRows(data);
        var (train, heldOut) = PortfolioDataSet.Split(data.Count, HeldOutShare, options.Seed);
        var trainRows = train.Where(i => sufficient[i]).ToArray();
        var candidates = AttributeCatalogue.All.Select(CandidateAttribute.From).ToArray();
        var columns = data.Columns.Select(c => TableTraining.Subset(c, trainRows)).ToArray();
        var training = ScorecardTrainer.Train(candidates, columns, TableTraining.Subset(data.IsBad, trainRows), options);
        var engine = new ScorecardEngine(training.Model);
        var bands = RecourseBands.Measure(data, trainRows, row => engine.Score(row) >= training.Model.Policy.ApproveAt, training.Model.Attributes.Select(a => a.Id));
        training = training with { Model = training.Model.WithApprovedDistributions(bands) };
        var evaluation = Evaluate(training.Model, data, heldOut, sufficient);
        var report = Report(training.Model, data, heldOut, sufficient, options.Seed) with { Sensitivity = ScorecardSensitivity.Measure(data, options, training, retrainSensitivity) };
        return new ChampionTrainingResult(training, evaluation, trainRows.Length) { Report = report };
    }

    /// <summary>The champion's held-out report, built like the challenger's so both carry the same evidence.</summary>
    public static EvaluationReport Report(Scorecard model, PortfolioDataSet data, int[] heldOut, bool[] sufficient, int seed)
    {
        var engine = new ScorecardEngine(model);
        var catalogueRow = new double[AttributeCatalogue.Count];
        var modelRow = new double[model.Attributes.Count];
        var score = new int[heldOut.Length];
        var pd = new double[heldOut.Length];
        for (var k = 0; k < heldOut.Length; k++)
        {
            for (var a = 0; a < catalogueRow.Length; a++) catalogueRow[a] = data.Columns[a][heldOut[k]];
            engine.Gather(catalogueRow, modelRow);
            var raw = model.RawScore(modelRow);
            score[k] = model.Clamp(raw);
            pd[k] = model.Scaling.ProbabilityOfBad(raw);
        }

        var input = new ReportModelInput("champion", score, pd, [.. heldOut.Select(i => !sufficient[i])], model.Policy.ApproveAt, model.Policy.DeclineBelow);
        return ReportBuilder.Build(Challenger.ChallengerTraining.Population(data, heldOut, sufficient), [input], new ReportOptions
        {
            Title = "Champion evaluation (held-out split)",
            Split = $"Seeded 30 % held-out split (seed {seed}):",
            BootstrapSeed = seed,
        });
    }

    public static bool[] SufficientRows(PortfolioDataSet data)
    {
        var result = new bool[data.Count];
        var row = new double[AttributeCatalogue.Count];
        for (var i = 0; i < data.Count; i++)
        {
            for (var a = 0; a < row.Length; a++) row[a] = data.Columns[a][i];
            result[i] = AttributeCalculator.HasSufficientHistory(row);
        }

        return result;
    }

    public static ScorecardEvaluation Evaluate(Scorecard model, PortfolioDataSet data, int[] heldOut, bool[] sufficient)
    {
        var engine = new ScorecardEngine(model);
        var scored = heldOut.Where(i => sufficient[i]).ToArray();
        var risk = new double[scored.Length];
        var pd = new double[scored.Length];
        var bad = new bool[scored.Length];
        var oracle = new double[scored.Length];
        var catalogueRow = new double[AttributeCatalogue.Count];
        var modelRow = new double[model.Attributes.Count];
        int approve = 0, refer = 0, decline = 0, approvedBad = 0;
        for (var k = 0; k < scored.Length; k++)
        {
            var i = scored[k];
            for (var a = 0; a < catalogueRow.Length; a++) catalogueRow[a] = data.Columns[a][i];
            engine.Gather(catalogueRow, modelRow);
            var raw = model.RawScore(modelRow);
            var score = model.Clamp(raw);
            risk[k] = -score;
            pd[k] = model.Scaling.ProbabilityOfBad(raw);
            bad[k] = data.IsBad[i];
            oracle[k] = data.TruePd[i];
            switch (model.Policy.Decide(score, true))
            {
                case Decision.Approve:
                    approve++;
                    if (bad[k]) approvedBad++;
                    break;
                case Decision.Refer: refer++; break;
                default: decline++; break;
            }
        }

        var auc = Metrics.Auc(risk, bad);
        var withBureau = Enumerable.Range(0, scored.Length).Where(k => data.BureauScore[scored[k]].HasValue).ToArray();
        double? bureauAuc = null, championOnBureau = null;
        if (withBureau.Length > 0)
        {
            bureauAuc = Metrics.Auc(withBureau.Select(k => -(double)data.BureauScore[scored[k]]!.Value).ToArray(), withBureau.Select(k => bad[k]).ToArray());
            championOnBureau = Metrics.Auc(withBureau.Select(k => risk[k]).ToArray(), withBureau.Select(k => bad[k]).ToArray());
        }

        var hasOracle = oracle.Length > 0 && !oracle.Any(double.IsNaN);
        var n = Math.Max(1, scored.Length);
        return new ScorecardEvaluation(
            heldOut.Length, scored.Length, heldOut.Length - scored.Length,
            bad.Count(b => b) / (double)n,
            auc, Metrics.Gini(auc), Metrics.Ks(risk, bad), Metrics.Brier(pd, bad),
            hasOracle ? Metrics.Auc(oracle, bad) : null,
            withBureau.Length, bureauAuc, championOnBureau,
            approve / (double)n, refer / (double)n, decline / (double)n,
            approve == 0 ? 0 : approvedBad / (double)approve);
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, NewLine = "\n" };

    public static void Write(string outDirectory, PortfolioDataSet data, ChampionTrainingResult result, ScorecardTrainingOptions options, IReadOnlyDictionary<string, string> fingerprint)
    {
        Directory.CreateDirectory(outDirectory);
        var model = result.Training.Model;
        File.WriteAllText(Path.Combine(outDirectory, "scorecard.json"), ScorecardJson.Serialize(model));
        var e = result.Evaluation;
        var evaluation = EvaluationJson(model, e, result.Report);
        if (result.Report is { } report) File.WriteAllText(Path.Combine(outDirectory, ReportWriters.MarkdownFile), ReportWriters.ToMarkdown(report));
        File.WriteAllText(Path.Combine(outDirectory, "evaluation.json"), evaluation.ToJsonString(Indented) + "\n");

        var metadata = new JsonObject
        {
            ["modelId"] = model.ModelId,
            ["version"] = model.Version,
            ["modelType"] = "scorecard",
            ["seed"] = options.Seed,
            ["trainingData"] = new JsonObject
            {
                ["files"] = new JsonObject(fingerprint.Select(f => KeyValuePair.Create(f.Key, (JsonNode?)JsonValue.Create(f.Value)))),
                ["applications"] = data.Count,
                ["trainRows"] = result.TrainRows,
                ["heldOutShare"] = HeldOutShare,
                ["heldOutApplications"] = e.HeldOutApplications,
                ["rule"] = "training and evaluation use applicants with enough history (insufficient-data applicants are never scored into a decision)",
            },
            ["scaling"] = JsonSerializer.SerializeToNode(model.Scaling, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase }),
            ["cutoffs"] = new JsonObject
            {
                ["approveAt"] = model.Policy.ApproveAt,
                ["declineBelow"] = model.Policy.DeclineBelow,
                ["approveMaxPd"] = options.ApproveMaxPd,
                ["declineMinPd"] = options.DeclineMinPd,
            },
            ["historyRequirements"] = new JsonArray(model.Policy.HistoryRequirements.Select(h => (JsonNode)new JsonObject { ["attributeId"] = h.AttributeId, ["minimum"] = h.Minimum }).ToArray()),
            ["training"] = new JsonObject
            {
                ["trainer"] = "ML.NET LbfgsLogisticRegression (L1 0, L2 " + options.L2Regularization.ToString(System.Globalization.CultureInfo.InvariantCulture) + ", one thread) on WoE",
                ["intercept"] = result.Training.Intercept,
                ["fineBins"] = options.Binning.FineBins,
                ["minBinShare"] = options.Binning.MinBinShare,
                ["zeroCountSmoothing"] = options.Binning.ZeroCountSmoothing,
                ["minInformationValue"] = options.MinInformationValue,
                ["maxCorrelation"] = options.MaxCorrelation,
            },
            ["scoreRange"] = new JsonObject { ["min"] = model.PossibleRange.Min, ["max"] = model.PossibleRange.Max },
            ["recourseBands"] = new JsonArray(model.ApprovedDistributions.Select(d => (JsonNode)new JsonObject
            {
                ["attributeId"] = d.AttributeId,
                ["p10"] = d.P10,
                ["p90"] = d.P90,
                ["rule"] = "10th and 90th percentile among training applicants the model approves",
            }).ToArray()),
            ["attributes"] = new JsonArray(model.Attributes.Select(a => (JsonNode)JsonValue.Create(a.Id)).ToArray()),
            ["selection"] = new JsonArray(result.Training.Selection.Select(s => (JsonNode)new JsonObject
            {
                ["attributeId"] = s.AttributeId,
                ["informationValue"] = Math.Round(s.InformationValue, 6),
                ["status"] = s.Status,
                ["detail"] = s.Detail,
            }).ToArray()),
            ["evaluation"] = evaluation.DeepClone(),
        };
        File.WriteAllText(Path.Combine(outDirectory, "metadata.json"), metadata.ToJsonString(Indented) + "\n");
    }

    private static JsonObject EvaluationJson(Scorecard model, ScorecardEvaluation e, EvaluationReport? report)
    {
        static double? R(double? v) => v is { } x && double.IsFinite(x) ? Math.Round(x, 6) : null;
        static JsonArray Pair(Interval? i) => i is null ? [] : [R(i.Low), R(i.High)];
        var m = report?.Models.FirstOrDefault();
        var bureauTest = report?.Comparisons.FirstOrDefault(c => c.Second == "bureau score");
        var json = new JsonObject
        {
            ["model"] = model.ModelId,
            ["version"] = model.Version,
            ["split"] = "held-out 30 % (seeded), applicants with enough history",
            ["heldOutApplications"] = e.HeldOutApplications,
            ["scored"] = e.Scored,
            ["insufficientData"] = e.InsufficientData,
            ["badRate"] = R(e.BadRate),
            ["auc"] = R(e.Auc),
            ["gini"] = R(e.Gini),
            ["ks"] = R(e.Ks),
            ["brier"] = R(e.Brier),
            ["oracleAuc"] = R(e.OracleAuc),
            ["oracleGap"] = e.OracleAuc is { } o ? R(o - e.Auc) : null,
            ["bureau"] = new JsonObject
            {
                ["applications"] = e.BureauApplications,
                ["bureauAuc"] = R(e.BureauAuc),
                ["championAuc"] = R(e.ChampionAucOnBureau),
            },
            ["decisions"] = new JsonObject
            {
                ["approveAt"] = model.Policy.ApproveAt,
                ["declineBelow"] = model.Policy.DeclineBelow,
                ["approveRate"] = R(e.ApproveRate),
                ["referRate"] = R(e.ReferRate),
                ["declineRate"] = R(e.DeclineRate),
                ["approvedBadRate"] = R(e.ApprovedBadRate),
            },
        };
        if (m is not null)
        {
            // Intervals are over the PD (finer than whole points, same order), so the AUC here can differ from the points' AUC above in the 4th decimal.
            json["uncertainty"] = new JsonObject
            {
                ["bootstrapResamples"] = m.Intervals?.Resamples,
                ["bootstrapSeed"] = m.Intervals?.Seed,
                ["aucOfPd"] = R(m.Auc),
                ["aucInterval"] = Pair(m.Intervals?.Auc),
                ["giniInterval"] = Pair(m.Intervals?.Gini),
                ["ksInterval"] = Pair(m.Intervals?.Ks),
                ["aucDeLongSe"] = R(m.AucError?.StandardError),
                ["calibrationIntercept"] = R(m.CalibrationFit?.Intercept),
                ["calibrationInterceptInterval"] = Pair(m.CalibrationFit?.InterceptInterval),
                ["calibrationSlope"] = R(m.CalibrationFit?.Slope),
                ["calibrationSlopeInterval"] = Pair(m.CalibrationFit?.SlopeInterval),
                ["deLongVsBureau"] = bureauTest is null ? null : new JsonObject
                {
                    ["difference"] = R(bureauTest.Difference),
                    ["z"] = R(bureauTest.Z),
                    ["pValue"] = R(bureauTest.PValue),
                },
            };
            json["sensitivity"] = ScorecardSensitivity.Json(m.Cutoffs, report!.Sensitivity);
        }

        return json;
    }
}
