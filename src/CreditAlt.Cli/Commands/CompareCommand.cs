using System.CommandLine;
using System.Globalization;
using CreditAlt.Modeling.Challenger;
using CreditAlt.Modeling.Evaluation;
using CreditAlt.Modeling.Training;
using CreditAlt.Portfolio.Csv;
using Spectre.Console;

namespace CreditAlt.Cli.Commands;

/// <summary>
/// <c>creditalt compare</c>: the full evaluation report of champion and challenger side by side on the held-out
/// split of their training portfolio (AUC, Gini, KS, Brier, calibration by band, bad rate by decile, bureau score,
/// oracle, inclusion table, challenger monotonicity), as evaluation.json and evaluation.md.
/// </summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "The portfolio both models were trained on (with outcomes.csv).", Required = true };
        var champion = new Option<string>("--champion") { Description = "Champion model directory (or its scorecard.json).", Required = true };
        var challenger = new Option<string>("--challenger") { Description = "Challenger model directory.", Required = true };
        var output = new Option<string>("--out", "-o") { Description = "Directory to write evaluation.json and evaluation.md.", Required = true };
        var seed = new Option<int>("--seed") { Description = "Seed of the split the models were trained with (default 7).", DefaultValueFactory = _ => 7 };
        var command = new Command("compare", "Evaluate champion and challenger side by side on the held-out split (evaluation.json, evaluation.md).");
        foreach (var o in new Option[] { data, champion, challenger, output, seed }) command.Options.Add(o);
        command.SetAction(parse => Run(parse.GetValue(data)!, parse.GetValue(champion)!, parse.GetValue(challenger)!, parse.GetValue(output)!, parse.GetValue(seed)));
        return command;
    }

    private static int Run(string data, string championPath, string challengerPath, string outDir, int seed)
    {
        if (!Directory.Exists(data)) throw new UserInputException($"--data: no directory '{data}'");
        if (!ChallengerCommands.IsChallenger(challengerPath))
            throw new UserInputException($"--challenger: '{challengerPath}' is not a challenger directory (expected {ChallengerModel.MetadataFile} with \"kind\": \"challenger\")");
        var champion = ModelFiles.LoadScorecard(championPath);
        var challenger = ChallengerCommands.Load(challengerPath);
        EvaluationReport report = null!;
        try
        {
            AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask("Reading portfolio", maxValue: 1);
                    var total = new[] { PortfolioFiles.Applications, PortfolioFiles.Obligations, PortfolioFiles.Payments, PortfolioFiles.CashFlow }
                        .Sum(f => new FileInfo(Path.Combine(data, f)).Length);
                    var set = PortfolioDataSet.Load(data, bytes => task.Value = Math.Min(1, (double)bytes / total));
                    report = ModelComparison.Run(set, champion, challenger, seed, (stage, fraction) =>
                    {
                        task.Description = stage;
                        task.Value = fraction;
                    });
                    task.Value = 1;
                });
        }
        catch (PortfolioFormatException ex)
        {
            throw new UserInputException(ex.Message);
        }

        AtomicOutput.WriteDirectory(outDir, "--out", staging =>
        {
            ReportWriters.WriteFiles(report, staging);
            return true;
        });
        foreach (var m in report.Models)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{m.Name}: AUC {m.Auc:0.0000}, Gini {m.Gini:0.0000}, KS {m.Ks:0.0000}, Brier {m.Brier:0.0000}, AUC on bureau-scored {m.AucWithBureau:0.0000}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bureau score: AUC {report.Bureau?.Auc:0.0000}; oracle AUC {report.OracleAuc:0.0000}"));
        Console.WriteLine($"Wrote {Path.Combine(outDir, ReportWriters.JsonFile)} and {ReportWriters.MarkdownFile}");
        return 0;
    }
}
