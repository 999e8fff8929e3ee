using CreditAlt.Core.Attributes;
using CreditAlt.Core.Recourse;
using CreditAlt.Core.Scoring;
using CreditAlt.Modeling.Evaluation;
using CreditAlt.Modeling.Scorecards;
using CreditAlt.Modeling.Training;

namespace CreditAlt.Modeling.Challenger;

/// <summary>What one challenger training run produced.</summary>
public sealed record ChallengerTrainingResult(ChallengerModel Model, EvaluationReport Evaluation, int TrainRows, TimeSpan TrainingTime);

/// <summary>
/// Trains the challenger on a portfolio directory exactly as the champion is trained (same catalogue
/// attributes, same seeded 70/30 split, same rule that only applicants with enough history are trained
/// on and evaluated), so the two are compared on the same held-out applicants. Writes model.zip,
/// metadata.json, evaluation.json and evaluation.md; nothing time- or path-dependent goes into them.
/// </summary>
public static class ChallengerTraining
{
    /// <value>Applicants per attribute whose ICE curves are traced for the monotonicity measure. Default 2,000.</value>
    public const int MonotonicitySample = 2000;

    /// <summary>
    /// The champion's policy for a seed: its history requirement and its cut-offs, which on the shared
    /// scale are the scores whose implied probability of default is 5 % (approve) and 12 % (decline).
    /// </summary>
    public static DecisionPolicy ChampionPolicy(int seed)
    {
        var options = ChampionTraining.DefaultOptions(seed);
        return new DecisionPolicy(
            ScorecardTrainer.CutoffFor(options.Scaling, options.ApproveMaxPd),
            ScorecardTrainer.CutoffFor(options.Scaling, options.DeclineMinPd),
            options.HistoryRequirements) { Affordability = options.Affordability };
    }

    public static ChallengerTrainingResult Run(string dataDirectory, string outDirectory, int seed, Action<string, double>? progress = null,
        ChallengerOptions? options = null)
    {
        progress?.Invoke("Fingerprinting input files", 0);
        var fingerprint = PortfolioDataSet.Fingerprint(dataDirectory);
        var totalBytes = fingerprint.Keys.Where(k => k != "outcomes.csv").Sum(k => new FileInfo(Path.Combine(dataDirectory, k)).Length);
        var data = PortfolioDataSet.Load(dataDirectory, bytes => progress?.Invoke("Reading portfolio", Math.Min(1, (double)bytes / totalBytes)));
        TrainingMinimum.CheckPortfolio(data, seed);
        var result = Train(data, (options ?? new ChallengerOptions()) with { Seed = seed }, FingerprintText(fingerprint), progress);
        progress?.Invoke("Writing model", 1);
        Write(outDirectory, result);
        return result;
    }

    /// <summary>One line per input file, "name sha256", in file-name order.</summary>
    public static string FingerprintText(IReadOnlyDictionary<string, string> fingerprint) =>
        string.Join("; ", fingerprint.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key} sha256:{f.Value}"));

    public static ChallengerTrainingResult Train(PortfolioDataSet data, ChallengerOptions options, string fingerprint, Action<string, double>? progress = null)
    {
        var policy = ChampionPolicy(options.Seed);
        var sufficient = ChampionTraining.SufficientRows(data);
        var (train, heldOut) = PortfolioDataSet.Split(data.Count, ChampionTraining.HeldOutShare, options.Seed);
        var trainRows = train.Where(i => sufficient[i]).ToArray();
        var attributes = AttributeCatalogue.All;
        // The sigmoid is fitted on training applicants the trees never saw, so the held-out split stays untouched.
        var (treeIndex, calibrationIndex) = PortfolioDataSet.Split(trainRows.Length, options.CalibrationShare, options.Seed + 1);
        var treeRows = treeIndex.Select(k => trainRows[k]).ToArray();
        var calibrationRows = calibrationIndex.Select(k => trainRows[k]).ToArray();

        progress?.Invoke("Training challenger (LightGBM, one thread)", 0);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var model = ChallengerTrainer.Train(Rows(data, treeRows), attributes, options, attributes, policy, Rows(data, calibrationRows));
        var trainingTime = watch.Elapsed;
        var trainBad = trainRows.Count(i => data.IsBad[i]);
        model.Describe(m => m with
        {
            ModelVersion = "1.0.0",
            TrainingData = new ChallengerTrainingData(
                fingerprint, m.TrainingData.AttributeFingerprint, data.Count, treeRows.Length, heldOut.Length, (double)trainBad / Math.Max(1, trainRows.Length)),
        });

        progress?.Invoke("Measuring recourse bands", 0);
        IDecisionModel decider = model;
        var bands = RecourseBands.Measure(data, trainRows, row => decider.Score(row) >= policy.ApproveAt, model.Attributes.Select(a => a.Id));
        model.Describe(m => m with { ScoreRange = model.PossibleRange, ApprovedDistributions = bands });

        progress?.Invoke("Evaluating on the held-out split", 0);
        var heldOutData = Rows(data, heldOut);
        var raw = model.RawScores(heldOutData);
        var input = new ReportModelInput(
            "challenger",
            [.. raw.Select(model.Points)],
            [.. raw.Select(model.Probability)],
            [.. heldOut.Select(i => !sufficient[i])],
            policy.ApproveAt,
            policy.DeclineBelow);
        var population = Population(data, heldOut, sufficient);

        progress?.Invoke("Measuring monotonicity", 0);
        var evaluatedHeldOut = heldOut.Where(i => sufficient[i]).ToArray();
        var sample = Rows(data, SampleEvenly(evaluatedHeldOut, MonotonicitySample));
        var monotonicity = ChallengerMonotonicity.Measure(sample, attributes, model.Probabilities);
        var report = ReportBuilder.Build(population, [input], new ReportOptions
        {
            Title = "Challenger evaluation (held-out split)",
            Split = $"Seeded 30 % held-out split (seed {options.Seed}), the same as the champion's:",
            BootstrapSeed = options.Seed,
        }, monotonicity) with { ProbabilityCalibration = CalibrationBeforeAfter(model, raw, heldOut, sufficient, data) };
        model.Describe(m => m with
        {
            Evaluation = new ChallengerHeadline(report.Auc ?? double.NaN, report.Gini ?? double.NaN, report.Ks ?? double.NaN, report.Brier ?? double.NaN, report.OracleAuc),
        });
        return new ChallengerTrainingResult(model, report, trainRows.Length, trainingTime);
    }

    /// <summary>The held-out figures of the sigmoid LightGBM came with and of the fitted one (null when none was fitted).</summary>
    public static ProbabilityCalibrationReport? CalibrationBeforeAfter(ChallengerModel model, double[] raw, int[] heldOut, bool[] sufficient, PortfolioDataSet data)
    {
        if (model.Metadata.UnfittedCalibration is not { } before) return null;
        var after = model.Metadata.Calibration;
        var keep = Enumerable.Range(0, heldOut.Length).Where(k => sufficient[heldOut[k]]).ToArray();
        var bad = keep.Select(k => data.IsBad[heldOut[k]]).ToArray();
        ProbabilityCalibrationState State(PlattParameters p)
        {
            var pd = keep.Select(k => 1 / (1 + Math.Exp(p.Slope * raw[k] + p.Offset))).ToArray();
            return new ProbabilityCalibrationState(p.Slope, p.Offset, Metrics.Brier(pd, bad), CalibrationFit.Fit(pd, bad));
        }

        return new ProbabilityCalibrationReport("Platt scaling (logistic regression of the outcome on LightGBM's raw score)", model.Metadata.CalibrationRows,
            State(before), State(after));
    }

    /// <summary>
    /// The held-out population as the report takes it: everybody, with the evaluated flag = enough history, and the
    /// segments every evaluation reports (<see cref="Segments"/>).
    /// </summary>
    public static ReportPopulation Population(PortfolioDataSet data, int[] rows, bool[] sufficient) =>
        ReportPopulation.From(
            [.. rows.Select(i => data.IsBad[i])],
            [.. rows.Select(i => data.TruePd[i])],
            [.. rows.Select(i => data.BureauScore[i] is { } b ? (double)b : double.NaN)],
            [.. rows.Select(i => sufficient[i])]) with { Segments = Segments(data, rows) };

    /// <summary>
    /// Renters (a rent account with history) and the others (owners, or living without rent), credit-invisible
    /// (no bureau score) and bureau-visible, with and without bank cash-flow data.
    /// </summary>
    public static IReadOnlyList<PopulationSegment> Segments(PortfolioDataSet data, int[] rows)
    {
        var rent = data.Columns[AttributeCatalogue.IndexOf("rent_months_history")];
        var bank = data.Columns[AttributeCatalogue.IndexOf("cashflow_months")];
        bool Renter(int i) => !double.IsNaN(rent[i]) && rent[i] > 0;
        bool Bank(int i) => !double.IsNaN(bank[i]) && bank[i] > 0;
        bool Invisible(int i) => data.BureauScore[i] is null;
        return
        [
            new("renters", [.. rows.Select(Renter)]),
            new("no rent account (owners, rent-free)", [.. rows.Select(i => !Renter(i))]),
            new("credit-invisible", [.. rows.Select(Invisible)]),
            new("bureau-visible", [.. rows.Select(i => !Invisible(i))]),
            new("with bank data", [.. rows.Select(Bank)]),
            new("without bank data", [.. rows.Select(i => !Bank(i))]),
        ];
    }

    /// <summary>Catalogue-ordered attribute rows of the given applicants.</summary>
    public static ChallengerDataSet Rows(PortfolioDataSet data, IReadOnlyList<int> rows)
    {
        var columns = data.Columns.Length;
        var values = new float[rows.Count * columns];
        var bad = new bool[rows.Count];
        for (var k = 0; k < rows.Count; k++)
        {
            var i = rows[k];
            for (var a = 0; a < columns; a++) values[k * columns + a] = (float)data.Columns[a][i];
            bad[k] = data.IsBad[i];
        }

        return new ChallengerDataSet(columns, values, bad);
    }

    /// <summary>Every ⌈n/k⌉-th element, so the sample spreads over the whole list without a random draw.</summary>
    public static int[] SampleEvenly(int[] rows, int count)
    {
        if (rows.Length <= count) return rows;
        var step = (double)rows.Length / count;
        var sample = new int[count];
        for (var k = 0; k < count; k++) sample[k] = rows[(int)(k * step)];
        return sample;
    }

    public static void Write(string outDirectory, ChallengerTrainingResult result)
    {
        result.Model.Save(outDirectory);
        ReportWriters.WriteFiles(result.Evaluation, outDirectory);
    }
}
