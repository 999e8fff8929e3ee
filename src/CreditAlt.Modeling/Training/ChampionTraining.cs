using System.Text.Json;
using System.Text.Json.Nodes;
using CreditAlt.Core.Attributes;
using CreditAlt.Core.Scoring;
using CreditAlt.Modeling.Evaluation;
using CreditAlt.Modeling.Scorecards;

namespace CreditAlt.Modeling.Training;

/// <summary>
/// Trains the champion scorecard on a portfolio directory: catalogue attributes joined with outcomes.csv, a seeded
/// 70/30 split, training and evaluation on applicants with enough history (the others get "insufficient data"
/// and are never scored into a decision), and writes scorecard.json, metadata.json and evaluation.json.
/// Nothing time- or path-dependent is written, so the same data and seed give the same bytes.
/// </summary>
public static partial class ChampionTraining
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
        var pd = RejectInference.Probabilities(data, heldOut, model, out var score);
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
}
