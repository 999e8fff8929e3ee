using System.CommandLine;
using System.Text;
using CreditAlt.Core.Recourse;
using CreditAlt.Core.Scoring;
using CreditAlt.Modeling.Batch;
using CreditAlt.Portfolio.Csv;
using Spectre.Console;

namespace CreditAlt.Cli.Commands;

/// <summary><c>creditalt score</c>: streams a portfolio through a model into a decisions CSV file.</summary>
internal static class ScoreCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Portfolio directory (applications.csv, obligations.csv, payments.csv, cashflow.csv).", Required = true };
        var model = new Option<string>("--model") { Description = "Model directory (or its scorecard.json).", Required = true };
        var output = new Option<string>("--out", "-o") { Description = "Decisions file to write (CSV).", Required = true };
        var command = new Command("score", "Score a portfolio into a decisions file: score, decision, up to four reasons and, for declines, the month from which the time path is approved.");
        command.Options.Add(data);
        command.Options.Add(model);
        command.Options.Add(output);
        command.SetAction(parse => Run(parse.GetValue(data)!, parse.GetValue(model)!, parse.GetValue(output)!));
        return command;
    }

    private static int Run(string data, string modelPath, string outFile)
    {
        if (!Directory.Exists(data)) throw new UserInputException($"--data: no directory '{data}'");
        // Extension point for the challenger: its owner adds `if (<challenger directory>) return <score with challenger>;` here.
        IDecisionModel decider = ChallengerCommands.IsChallenger(modelPath)
            ? ChallengerCommands.Load(modelPath)
            : new ScorecardEngine(ModelFiles.LoadScorecard(modelPath));
        var model = $"{decider.ModelId} {decider.ModelVersion}";

        var watch = System.Diagnostics.Stopwatch.StartNew();
        long count;
        try
        {
            using var reader = PortfolioReader.Open(data);
            var total = new[] { PortfolioFiles.Applications, PortfolioFiles.Obligations, PortfolioFiles.Payments, PortfolioFiles.CashFlow }
                .Sum(f => new FileInfo(Path.Combine(data, f)).Length);
            // All or nothing: a bad row halfway leaves the previous decisions file as it was, not a partial one.
            count = AtomicOutput.WriteFile(outFile, "--out", temporary =>
            {
                long scored = 0;
                using var writer = new StreamWriter(temporary, false, new UTF8Encoding(false), 1 << 16);
                AnsiConsole.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                    .Start(ctx =>
                    {
                        var task = ctx.AddTask("Scoring applications", maxValue: total);
                        scored = BatchScoring.Score(reader, decider, writer, bytes => task.Value = bytes);
                        task.Value = total;
                    });
                return scored;
            });
        }
        catch (PortfolioFormatException ex)
        {
            throw new UserInputException(ex.Message);
        }

        if (count == 0)
            Console.Error.WriteLine($"warning: no applications: {Path.Combine(data, PortfolioFiles.Applications)} holds only its header row, so {outFile} holds only its header row too");
        Console.WriteLine($"Scored {count} applications with {model} in {watch.Elapsed.TotalSeconds:0.0} s into {outFile}");
        return 0;
    }
}

/// <summary>Finds and loads a scorecard given as its directory (holding scorecard.json) or as the file itself.</summary>
internal static class ModelFiles
{
    public const string ScorecardFile = "scorecard.json";

    public static Scorecard LoadScorecard(string path)
    {
        var file = Directory.Exists(path) ? Path.Combine(path, ScorecardFile) : path;
        if (!File.Exists(file))
            throw new UserInputException($"--model: no scorecard at '{path}' (expected a directory with {ScorecardFile}, or the file itself)");
        try
        {
            return ScorecardJson.Deserialize(File.ReadAllText(file));
        }
        catch (InvalidDataException ex)
        {
            throw new UserInputException($"{file}: {ex.Message}");
        }
    }
}
