using System.Text.Json;
using System.Text.Json.Nodes;
using CreditAlt.Core.Scoring;
using CreditAlt.Modeling.Evaluation;
using CreditAlt.Modeling.Scorecards;

namespace CreditAlt.Modeling.Training;

/// <summary>The files a champion training run writes: scorecard.json, metadata.json, evaluation.json and the Markdown reports.</summary>
public static partial class ChampionTraining
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, NewLine = "\n" };

    public static void Write(string outDirectory, PortfolioDataSet data, ChampionTrainingResult result, ScorecardTrainingOptions options, IReadOnlyDictionary<string, string> fingerprint)
    {
        Directory.CreateDirectory(outDirectory);
        var model = result.Training.Model;
        File.WriteAllText(Path.Combine(outDirectory, "scorecard.json"), ScorecardJson.Serialize(model));
        var e = result.Evaluation;
        var evaluation = EvaluationJson(model, e, result.Report);
        AddEvidence(evaluation, model, result);
        if (result.Report is { } report) File.WriteAllText(Path.Combine(outDirectory, ReportWriters.MarkdownFile), ReportWriters.ToMarkdown(report) + BureauMarkdown(result.BureauSegments));
        if (result.OutOfTime is { } oot) File.WriteAllText(Path.Combine(outDirectory, OutOfTimeMarkdownFile), OutOfTimeMarkdown(oot));
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
                ["outOfTimeAsOf"] = result.OutOfTime?.AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                ["outOfTimeApplications"] = result.OutOfTime?.Evaluation.HeldOutApplications,
                ["acceptedOnly"] = result.Sample.AcceptedOnly,
                ["rejectInference"] = result.Sample.AcceptedOnly ? Wire(result.Sample.RejectInference) : null,
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

    /// <value>The out-of-time report beside evaluation.md when the portfolio has vintages.</value>
    public const string OutOfTimeMarkdownFile = "evaluation-out-of-time.md";

    public static string Wire(RejectInferenceMethod method) => method.ToString().ToLowerInvariant();

    private static double? Round6(double? v) => v is { } x && double.IsFinite(x) ? Math.Round(x, 6) : null;

    /// <summary>Out-of-time figures, stability, reject inference and the attainable reference, as evaluation.json keys.</summary>
    private static void AddEvidence(JsonObject evaluation, Scorecard model, ChampionTrainingResult result)
    {
        evaluation["bureauComparison"] = new JsonArray(result.BureauSegments.Select(s => (JsonNode)new JsonObject
        {
            ["segment"] = s.Segment,
            ["applications"] = s.Applications,
            ["bads"] = s.Bads,
            ["championAuc"] = Round6(s.ChampionAuc),
            ["bureauAuc"] = Round6(s.BureauAuc),
            ["combinedAuc"] = Round6(s.CombinedAuc),
            ["better"] = s.Better,
        }).ToArray());
        if (result.AttainableAuc is { } attainable)
        {
            evaluation["attainableReference"] = new JsonObject
            {
                ["model"] = "LightGBM on the catalogue attributes, same training rows (15 leaves, 400 rounds, learning rate 0.05, >= 400 rows a leaf)",
                ["auc"] = Round6(attainable),
                ["championAuc"] = Round6(result.Evaluation.Auc),
                ["gapToAttainable"] = Round6(attainable - result.Evaluation.Auc),
                ["oracleAuc"] = Round6(result.Evaluation.OracleAuc),
            };
        }

        if (result.OutOfTime is { } oot)
        {
            var json = EvaluationJson(model, oot.Evaluation, oot.Report);
            json["split"] = $"out of time: the latest vintage (as of {oot.AsOf:yyyy-MM-dd}), never trained on; development = {oot.DevelopmentVintages} earlier vintage(s)";
            evaluation["outOfTime"] = json;
            evaluation["stability"] = new JsonObject
            {
                ["baseline"] = "development held-out applicants with enough history",
                ["recent"] = "out-of-time applicants with enough history",
                ["bins"] = "deciles of the baseline, plus missing (docs/monitoring.md)",
                ["psi"] = new JsonArray(oot.Stability.Select(p => (JsonNode)new JsonObject
                {
                    ["name"] = p.Name,
                    ["psi"] = Round6(p.Value),
                    ["band"] = p.Band.ToString(),
                }).ToArray()),
            };
        }

        if (result.RejectInference is { } ri)
        {
            static JsonObject F(SampleFigures f) => new()
            {
                ["applications"] = f.Applications,
                ["badRate"] = Round6(f.BadRate),
                ["meanPd"] = Round6(f.MeanPd),
                ["auc"] = Round6(f.Auc),
                ["approveRate"] = Round6(f.ApproveRate),
                ["approvedBadRate"] = Round6(f.ApprovedBadRate),
            };
            evaluation["rejectInference"] = new JsonObject
            {
                ["method"] = Wire(ri.Method),
                ["acceptedTrainRows"] = ri.AcceptedTrainRows,
                ["rejectedTrainRows"] = ri.RejectedTrainRows,
                ["inferredRejectBadRate"] = Round6(ri.InferredRejectBadRate),
                ["throughTheDoor"] = new JsonObject { ["acceptedOnlyModel"] = F(ri.AcceptedOnlyThroughTheDoor), ["trainedModel"] = F(ri.TrainedThroughTheDoor) },
                ["acceptedApplicantsOnly"] = new JsonObject { ["acceptedOnlyModel"] = F(ri.AcceptedOnlyOnAccepted), ["trainedModel"] = F(ri.TrainedOnAccepted) },
            };
        }
    }

    private static string BureauMarkdown(IReadOnlyList<BureauSegment> segments)
    {
        if (segments.Count == 0) return "";
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var md = new System.Text.StringBuilder("\n## Champion against the bureau score, by segment\n\n");
        md.Append("Held-out applicants with a bureau score. Combined: logistic regression of the outcome on the champion's score and the bureau score, fitted on the training rows with a bureau score.\n\n");
        md.Append("| segment | applicants | bads | champion AUC | bureau AUC | combined AUC | better alone |\n|---|---:|---:|---:|---:|---:|---|\n");
        foreach (var s in segments)
            md.Append(inv, $"| {s.Segment} | {s.Applications:N0} | {s.Bads:N0} | {s.ChampionAuc:0.0000} | {s.BureauAuc:0.0000} | {s.CombinedAuc:0.0000} | {s.Better} |\n");
        return md.ToString();
    }

    private static string OutOfTimeMarkdown(OutOfTimeResult oot)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var md = new System.Text.StringBuilder(ReportWriters.ToMarkdown(oot.Report));
        md.Append("\n## Stability: development held-out → out of time\n\n");
        md.Append("PSI over the baseline's deciles (plus missing); below 0.10 stable, 0.10–0.25 some shift, above 0.25 a major shift (docs/monitoring.md).\n\n");
        md.Append("| figure | PSI | band |\n|---|---:|---|\n");
        foreach (var p in oot.Stability) md.Append(inv, $"| `{p.Name}` | {p.Value:0.0000} | {p.Band} |\n");
        return md.ToString();
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
