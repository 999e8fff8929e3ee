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

    /// <summary>The latest vintage's figures and the stability between development and it; null with one vintage.</summary>
    public OutOfTimeResult? OutOfTime { get; init; }

    /// <summary>With <see cref="TrainingSample.AcceptedOnly"/>: what training saw and how it did on the whole through-the-door population.</summary>
    public RejectInferenceResult? RejectInference { get; init; }

    /// <summary>With <see cref="TrainingSample.AttainableReference"/>: held-out AUC of the flexible model on the same rows and attributes.</summary>
    public double? AttainableAuc { get; init; }

    public TrainingSample Sample { get; init; } = TrainingSample.AllOutcomes;

    /// <summary>Champion, bureau score and their combination on the held-out applicants with a bureau score, by segment.</summary>
    public IReadOnlyList<BureauSegment> BureauSegments { get; init; } = [];
}

/// <summary>The out-of-time sample (latest vintage): its figures, its report with intervals, and PSI of score and attributes against development.</summary>
public sealed record OutOfTimeResult(DateOnly AsOf, int DevelopmentVintages, ScorecardEvaluation Evaluation, EvaluationReport Report, IReadOnlyList<Monitoring.PsiResult> Stability);

/// <summary>One model's figures on a set of applicants, for the reject-inference comparison.</summary>
public sealed record SampleFigures(int Applications, double BadRate, double MeanPd, double Auc, double ApproveRate, double ApprovedBadRate);

/// <summary>
/// Reject inference in one run: the training rows (accepted, rejected, the bad rate inferred for the rejects), and the
/// accepted-only scorecard and the trained one side by side on the held-out through-the-door population (everyone who
/// applied, outcomes known only to the generator) and on its accepted part (what a lender could check).
/// </summary>
public sealed record RejectInferenceResult(
    RejectInferenceMethod Method,
    int AcceptedTrainRows,
    int RejectedTrainRows,
    double InferredRejectBadRate,
    SampleFigures AcceptedOnlyThroughTheDoor,
    SampleFigures TrainedThroughTheDoor,
    SampleFigures AcceptedOnlyOnAccepted,
    SampleFigures TrainedOnAccepted);

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
    public static ChampionTrainingResult Run(string dataDirectory, string outDirectory, int seed, Action<string, double>? progress = null, bool sensitivity = false, TrainingSample? sample = null)
    {
        progress?.Invoke("Fingerprinting input files", 0);
        var fingerprint = PortfolioDataSet.Fingerprint(dataDirectory);
        var totalBytes = fingerprint.Keys.Where(k => k != "outcomes.csv").Sum(k => new FileInfo(Path.Combine(dataDirectory, k)).Length);
        var data = PortfolioDataSet.Load(dataDirectory, bytes => progress?.Invoke("Reading portfolio", Math.Min(1, (double)bytes / totalBytes)));
        TrainingMinimum.CheckPortfolio(data, seed, sample?.AcceptedOnly ?? false);
        progress?.Invoke("Training scorecard", 0);
        var options = DefaultOptions(seed);
        var result = Train(data, options, sample ?? TrainingSample.AllOutcomes, progress, sensitivity);
        progress?.Invoke("Writing model", 1);
        Write(outDirectory, data, result, options, fingerprint);
        return result;
    }

    public static ChampionTrainingResult Train(PortfolioDataSet data, ScorecardTrainingOptions options, bool retrainSensitivity = false) =>
        Train(data, options, TrainingSample.AllOutcomes, null, retrainSensitivity);

    /// <summary>
    /// Trains on the development split (every row, or the earlier vintages: <see cref="DevelopmentSplit"/>), on all
    /// outcomes or, with <see cref="TrainingSample.AcceptedOnly"/>, on the observed ones with the chosen reject
    /// inference; evaluates on the held-out split and, with vintages, on the out-of-time sample.
    /// </summary>
    public static ChampionTrainingResult Train(PortfolioDataSet data, ScorecardTrainingOptions options, TrainingSample sample, Action<string, double>? progress = null, bool retrainSensitivity = false)
    {
        var sufficient = SufficientRows(data);
        var split = DevelopmentSplit.Of(data, options.Seed);
        var heldOut = split.HeldOut;
        var trainRows = split.Train.Where(i => sufficient[i]).ToArray();
        var candidates = AttributeCatalogue.All.Select(CandidateAttribute.From).ToArray();
        ScorecardTrainingResult Fit(int[] rows, bool[] isBad, double[]? weights) =>
            ScorecardTrainer.Train(candidates, data.Columns.Select(c => TableTraining.Subset(c, rows)).ToArray(), isBad, options, weights);

        ScorecardTrainingResult training;
        ScorecardTrainingResult? acceptedOnly = null;
        AugmentedSample? augmented = null;
        if (sample.AcceptedOnly)
        {
            var accepted = trainRows.Where(i => data.Observed[i]).ToArray();
            var rejected = trainRows.Where(i => !data.Observed[i]).ToArray();
            acceptedOnly = Fit(accepted, TableTraining.Subset(data.IsBad, accepted), null);
            augmented = RejectInference.Augment(data, accepted, rejected, acceptedOnly.Model, sample.RejectInference, options.Seed);
            training = sample.RejectInference == RejectInferenceMethod.None ? acceptedOnly : Fit(augmented.Rows, augmented.IsBad, augmented.Weights);
            trainRows = accepted;
        }
        else
        {
            training = Fit(trainRows, TableTraining.Subset(data.IsBad, trainRows), null);
        }

        var engine = new ScorecardEngine(training.Model);
        var bands = RecourseBands.Measure(data, trainRows, row => engine.Score(row) >= training.Model.Policy.ApproveAt, training.Model.Attributes.Select(a => a.Id));
        training = training with { Model = training.Model.WithApprovedDistributions(bands) };
        var evaluation = Evaluate(training.Model, data, heldOut, sufficient);
        var result = new ChampionTrainingResult(training, evaluation, trainRows.Length)
        {
            Report = Report(training.Model, data, heldOut, sufficient, options.Seed) with { Sensitivity = ScorecardSensitivity.Measure(data, options, training, retrainSensitivity) },
            Sample = sample,
            BureauSegments = BureauComparison.Measure(training.Model, data, trainRows, heldOut, sufficient, options.Seed),
        };
        if (split.HasOutOfTime)
        {
            progress?.Invoke("Evaluating out of time", 0);
            var oot = split.OutOfTime;
            var developmentVintages = split.Train.Concat(heldOut).Select(i => data.AsOf[i]).Distinct().Count();
            result = result with
            {
                OutOfTime = new OutOfTimeResult(split.OutOfTimeAsOf!.Value, developmentVintages,
                    Evaluate(training.Model, data, oot, sufficient),
                    Report(training.Model, data, oot, sufficient, options.Seed, outOfTime: split.OutOfTimeAsOf),
                    Stability(training.Model, data, heldOut.Where(i => sufficient[i]).ToArray(), oot.Where(i => sufficient[i]).ToArray())),
            };
        }

        if (acceptedOnly is not null && augmented is not null)
        {
            var evaluated = heldOut.Where(i => sufficient[i]).ToArray();
            var observed = evaluated.Where(i => data.Observed[i]).ToArray();
            result = result with
            {
                RejectInference = new RejectInferenceResult(sample.RejectInference, augmented.Accepted, augmented.Rejected, augmented.InferredRejectBadRate,
                    Figures(acceptedOnly.Model, data, evaluated), Figures(training.Model, data, evaluated),
                    Figures(acceptedOnly.Model, data, observed), Figures(training.Model, data, observed)),
            };
        }

        if (sample.AttainableReference)
        {
            progress?.Invoke("Fitting the attainable reference (LightGBM)", 0);
            result = result with { AttainableAuc = AttainableReference.HeldOutAuc(data, trainRows, heldOut.Where(i => sufficient[i]).ToArray(), options.Seed) };
        }

        return result;
    }

    /// <summary>PSI of the score and of each of the model's attributes, development held-out applicants (baseline) against the out-of-time ones.</summary>
    public static IReadOnlyList<Monitoring.PsiResult> Stability(Scorecard model, PortfolioDataSet data, int[] baseline, int[] recent)
    {
        RejectInference.Probabilities(data, baseline, model, out var baseScores);
        RejectInference.Probabilities(data, recent, model, out var recentScores);
        var result = new List<Monitoring.PsiResult>
        {
            Monitoring.Psi.Compute("score", baseScores.Select(s => (double)s).ToArray(), recentScores.Select(s => (double)s).ToArray()),
        };
        foreach (var attribute in model.Attributes)
        {
            var column = data.Columns[AttributeCatalogue.IndexOf(attribute.Id)];
            result.Add(Monitoring.Psi.Compute(attribute.Id, baseline.Select(i => column[i]).ToArray(), recent.Select(i => column[i]).ToArray()));
        }

        return result;
    }

    /// <summary>A model's bad rate, mean predicted PD, AUC and approvals at its own cut-off on the given applicants.</summary>
    public static SampleFigures Figures(Scorecard model, PortfolioDataSet data, int[] rows)
    {
        var pd = RejectInference.Probabilities(data, rows, model, out var scores);
        var bad = rows.Select(i => data.IsBad[i]).ToArray();
        var approved = Enumerable.Range(0, rows.Length).Where(k => scores[k] >= model.Policy.ApproveAt).ToArray();
        var n = Math.Max(1, rows.Length);
        return new SampleFigures(rows.Length, bad.Count(b => b) / (double)n, pd.Sum() / n, Metrics.Auc([.. scores.Select(s => -(double)s)], bad),
            approved.Length / (double)n, approved.Length == 0 ? 0 : approved.Count(k => bad[k]) / (double)approved.Length);
    }

    /// <summary>The champion's held-out report, built like the challenger's so both carry the same evidence.</summary>
    public static EvaluationReport Report(Scorecard model, PortfolioDataSet data, int[] heldOut, bool[] sufficient, int seed, DateOnly? outOfTime = null)
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
            Title = outOfTime is null ? "Champion evaluation (held-out split)" : "Champion evaluation (out of time)",
            Split = outOfTime is { } d
                ? $"Out-of-time sample: the latest vintage (as of {d:yyyy-MM-dd}), never trained on:"
                : $"Seeded 30 % held-out split (seed {seed}):",
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
            json["sensitivity"] = SensitivityJson(m.Cutoffs, report!.Sensitivity);
        }

        return json;
    }

    /// <summary>The cut-off table and the training-setting variants, rounded like the rest of the file (docs/evaluation.md, "Sensitivity").</summary>
    private static JsonObject SensitivityJson(IReadOnlyList<CutoffSensitivity> cutoffs, SensitivityReport? training)
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
