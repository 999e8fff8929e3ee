using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CreditAlt.Core.Scoring;
using CreditAlt.Modeling.Scorecards;
using CreditAlt.Modeling.Training;
using Spectre.Console;

namespace CreditAlt.Cli.Commands;

/// <summary>
/// <c>creditalt train</c>: a scorecard (or the challenger) from a portfolio directory with outcomes.csv, or a
/// scorecard from any numeric CSV table (<c>--table</c>), optionally cross-validated (<c>--folds</c>).
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "Portfolio directory (applications.csv, obligations.csv, payments.csv, cashflow.csv, outcomes.csv)." };
        var table = new Option<string?>("--table") { Description = "A CSV table: every numeric column except --target and --exclude becomes an attribute." };
        var target = new Option<string?>("--target") { Description = "With --table: the outcome column." };
        var badValue = new Option<string?>("--bad-value") { Description = "With --table: the value of --target that means bad (default)." };
        var exclude = new Option<string[]>("--exclude") { Description = "With --table: a column never to use (repeatable; a trailing * matches a prefix, e.g. 'Personal.*').", AllowMultipleArgumentsPerToken = true };
        var folds = new Option<int?>("--folds") { Description = "With --table: K-fold cross-validation; evaluation.json gets cvAuc." };
        var output = new Option<string>("--out", "-o") { Description = "Directory to write the model, metadata.json and evaluation.json.", Required = true };
        var model = new Option<string>("--model") { Description = "scorecard (default) or challenger.", DefaultValueFactory = _ => "scorecard" };
        model.AcceptOnlyFromAmong("scorecard", "challenger");
        var seed = new Option<int>("--seed") { Description = "Seed of the split, folds and trainer (default 7).", DefaultValueFactory = _ => 7 };
        var sensitivity = new Option<bool>("--sensitivity") { Description = "Scorecard from --data: also retrain with minimum bin shares 3/5/8/10 % and seeds +1, +2 for the sensitivity table (evaluation.json/.md)." };

        var command = new Command("train", "Train a model on a portfolio with outcomes, or a scorecard on a numeric table.");
        foreach (var o in new Option[] { data, table, target, badValue, exclude, folds, output, model, seed, sensitivity }) command.Options.Add(o);
        command.SetAction(parse => Run(
            parse.GetValue(data), parse.GetValue(table), parse.GetValue(target), parse.GetValue(badValue), parse.GetValue(exclude) ?? [],
            parse.GetValue(folds), parse.GetValue(output)!, parse.GetValue(model)!, parse.GetValue(seed), parse.GetValue(sensitivity)));
        return command;
    }

    private static int Run(string? data, string? table, string? target, string? badValue, string[] exclude, int? folds, string outDir, string model, int seed, bool sensitivity = false)
    {
        if ((data is null) == (table is null)) throw new UserInputException("give exactly one of --data DIR (a portfolio) or --table FILE.csv");
        if (table is not null)
        {
            if (model != "scorecard") throw new UserInputException("--model: only a scorecard can be trained from --table");
            if (target is null || badValue is null) throw new UserInputException("--table needs --target COLUMN and --bad-value VALUE");
            return TrainTable(table, target, badValue, exclude, folds, outDir, seed);
        }

        if (!Directory.Exists(data)) throw new UserInputException($"--data: no directory '{data}'");
        if (model == "challenger") return ChallengerCommands.Train(data!, outDir, seed);
        return TrainScorecard(data!, outDir, seed, sensitivity);
    }

    private static int TrainScorecard(string data, string outDir, int seed, bool sensitivity)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var result = AtomicOutput.WriteDirectory(outDir, "--out", staging =>
            CliProgress.Stages("Fingerprinting input files", progress => ChampionTraining.Run(data, staging, seed, progress, sensitivity)));

        var e = result.Evaluation;
        var m = result.Training.Model;
        Console.WriteLine($"Trained {m.ModelId} {m.Version} on {result.TrainRows} applications in {watch.Elapsed.TotalSeconds:0.0} s: {m.Attributes.Count} attributes, cut-offs approve >= {m.Policy.ApproveAt}, decline < {m.Policy.DeclineBelow}");
        var line = FormattableString.Invariant($"Held-out ({e.Scored} scored, {e.InsufficientData} insufficient data): AUC {e.Auc:0.0000}, Gini {e.Gini:0.0000}, KS {e.Ks:0.0000}, Brier {e.Brier:0.0000}");
        if (e.OracleAuc is { } o) line += FormattableString.Invariant($", oracle AUC {o:0.0000}");
        if (e.BureauAuc is { } b) line += FormattableString.Invariant($"; on {e.BureauApplications} with a bureau score: champion {e.ChampionAucOnBureau:0.0000} vs bureau {b:0.0000}");
        Console.WriteLine(line);
        Console.WriteLine($"Wrote {Path.Combine(outDir, "scorecard.json")}, metadata.json, evaluation.json");
        return 0;
    }

    private static int TrainTable(string path, string target, string badValue, string[] exclude, int? folds, string outDir, int seed)
    {
        if (!File.Exists(path)) throw new UserInputException($"--table: no file '{path}'");
        if (folds is < 2) throw new UserInputException($"--folds: expected 2 or more, got {folds}");
        NumericTable data;
        try
        {
            data = NumericTable.Read(path, target, badValue, exclude);
        }
        catch (InvalidDataException ex)
        {
            throw new UserInputException(ex.Message);
        }

        try
        {
            TrainingMinimum.CheckTable(data.IsBad, folds, seed);
        }
        catch (InsufficientTrainingDataException ex)
        {
            throw new UserInputException(ex.Message);
        }

        var options = TableTraining.DefaultOptions(seed) with { ModelId = Path.GetFileNameWithoutExtension(path) + "-scorecard" };
        CrossValidation? cv = null;
        ScorecardTrainingResult result = null!;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                if (folds is { } k)
                {
                    var cvTask = ctx.AddTask($"Cross-validating ({k} folds)", maxValue: 1);
                    cv = TableTraining.CrossValidate(data, k, options);
                    cvTask.Value = 1;
                }

                var task = ctx.AddTask("Training on all rows", maxValue: 1);
                result = TableTraining.Train(data, options);
                task.Value = 1;
            });

        var model = result.Model;
        AtomicOutput.WriteDirectory(outDir, "--out", staging => WriteTableModel(staging, path, target, badValue, exclude, folds, seed, data, cv, result, options));
        Console.WriteLine($"Trained {model.ModelId} on {data.IsBad.Length} rows: {model.Attributes.Count} of {data.Columns.Count} columns kept");
        if (cv is not null)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{cv.Folds}-fold AUC {cv.MeanAuc:0.0000} (folds {string.Join(", ", cv.FoldAucs.Select(a => a.ToString("0.0000", CultureInfo.InvariantCulture)))})"));
        Console.WriteLine($"Wrote {Path.Combine(outDir, "scorecard.json")}, metadata.json, evaluation.json");
        return 0;
    }

    private static bool WriteTableModel(string outDir, string path, string target, string badValue, string[] exclude, int? folds, int seed, NumericTable data, CrossValidation? cv, ScorecardTrainingResult result, ScorecardTrainingOptions options)
    {
        var model = result.Model;
        File.WriteAllText(Path.Combine(outDir, "scorecard.json"), ScorecardJson.Serialize(model));
        var indented = new JsonSerializerOptions { WriteIndented = true, NewLine = "\n" };
        var evaluation = new JsonObject
        {
            ["model"] = model.ModelId,
            ["rows"] = data.IsBad.Length,
            ["bads"] = data.IsBad.Count(b => b),
            ["folds"] = folds,
            ["cvAuc"] = cv is null ? null : Math.Round(cv.MeanAuc, 6),
            ["cvGini"] = cv is null ? null : Math.Round(2 * cv.MeanAuc - 1, 6),
            ["foldAucs"] = cv is null ? null : new JsonArray(cv.FoldAucs.Select(a => (JsonNode)JsonValue.Create(Math.Round(a, 6))).ToArray()),
        };
        File.WriteAllText(Path.Combine(outDir, "evaluation.json"), evaluation.ToJsonString(indented) + "\n");
        var metadata = new JsonObject
        {
            ["modelId"] = model.ModelId,
            ["version"] = model.Version,
            ["modelType"] = "scorecard",
            ["seed"] = seed,
            ["trainingData"] = new JsonObject
            {
                ["file"] = Path.GetFileName(path),
                ["sha256"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path))),
                ["target"] = target,
                ["badValue"] = badValue,
                ["excluded"] = new JsonArray(exclude.Select(x => (JsonNode)JsonValue.Create(x)).ToArray()),
                ["skippedNonNumeric"] = new JsonArray(data.SkippedColumns.Select(x => (JsonNode)JsonValue.Create(x)).ToArray()),
            },
            ["training"] = new JsonObject
            {
                ["fineBins"] = options.Binning.FineBins,
                ["minBinShare"] = options.Binning.MinBinShare,
                ["peakOrValleyMinGain"] = options.Binning.PeakOrValleyMinGain,
                ["minInformationValue"] = options.MinInformationValue,
                ["maxCorrelation"] = options.MaxCorrelation,
                ["l2"] = options.L2Regularization,
            },
            ["inferredDirections"] = new JsonObject(TableTraining.InferCandidates(data).Select(c => KeyValuePair.Create(c.Id, (JsonNode?)JsonValue.Create(c.Direction.ToString())))),
            ["attributes"] = new JsonArray(model.Attributes.Select(a => (JsonNode)JsonValue.Create(a.Id)).ToArray()),
            ["selection"] = new JsonArray(result.Selection.Select(s => (JsonNode)new JsonObject
            {
                ["attributeId"] = s.AttributeId,
                ["informationValue"] = Math.Round(s.InformationValue, 6),
                ["status"] = s.Status,
                ["detail"] = s.Detail,
            }).ToArray()),
            ["cutoffs"] = new JsonObject { ["approveAt"] = model.Policy.ApproveAt, ["declineBelow"] = model.Policy.DeclineBelow },
            ["evaluation"] = evaluation.DeepClone(),
        };
        File.WriteAllText(Path.Combine(outDir, "metadata.json"), metadata.ToJsonString(indented) + "\n");
        return true;
    }
}
