using System.CommandLine;
using CreditAlt.Audits.Lda;
using CreditAlt.Modeling.Training;
using CreditAlt.Portfolio.Csv;
using Spectre.Console;

namespace CreditAlt.Cli.Commands;

/// <summary><c>creditalt lda</c>: less-discriminatory-alternative search for a scorecard on a portfolio (docs/lda.md).</summary>
internal static class LdaCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Portfolio directory with outcomes.csv and demographics.csv.", Required = true };
        var model = new Option<string>("--model") { Description = "Model directory (or its scorecard.json).", Required = true };
        var output = new Option<string>("--out") { Description = "Directory for lda.md and lda.json.", Required = true };
        var group = new Option<string>("--group-column") { Description = "Protected attribute column of demographics.csv.", DefaultValueFactory = _ => "race_ethnicity" };
        var loss = new Option<double>("--max-auc-loss") { Description = "Largest AUC loss an alternative may have to be chosen.", DefaultValueFactory = _ => 0.005 };
        var seed = new Option<int>("--seed") { Description = "Seed of the train/held-out split and of re-fitting (the champion's is 7).", DefaultValueFactory = _ => 7 };
        var minGroup = new Option<int>("--min-group-size") { Description = "Groups with fewer held-out applicants are left out of the AIR.", DefaultValueFactory = _ => 30 };
        var trainSize = new Option<int?>("--train-size") { Description = "Train every model, the baseline included, on the first N training applicants (default: all of them, as the champion was)." };
        var command = new Command("lda", "Less-discriminatory-alternative search against a baseline retrained with the champion's procedure: cut-offs, neutralised or dropped attributes, coarser binnings, reweighing; per-group approvals and AIR with intervals, AUC with DeLong intervals, and the selection rule of docs/lda.md.");
        foreach (var o in new Option[] { data, model, output, group, loss, seed, minGroup, trainSize })
        {
            command.Options.Add(o);
        }

        command.SetAction(parse => Run(parse.GetValue(data)!, parse.GetValue(model)!, parse.GetValue(output)!, parse.GetValue(group)!, parse.GetValue(loss), parse.GetValue(seed), parse.GetValue(minGroup), parse.GetValue(trainSize)));
        return command;
    }

    private static int Run(string dataDirectory, string modelPath, string outDirectory, string groupColumn, double maxAucLoss, int seed, int minGroupSize, int? trainSize)
    {
        if (trainSize is < 100)
        {
            throw new UserInputException($"--train-size: expected a whole number of at least 100, got {trainSize}");
        }

        if (!Directory.Exists(dataDirectory))
        {
            throw new UserInputException($"--data: no directory '{dataDirectory}'");
        }

        if (!(maxAucLoss >= 0 && maxAucLoss < 1))
        {
            throw new UserInputException($"--max-auc-loss: expected a number from 0 to below 1, got {maxAucLoss}");
        }

        if (minGroupSize < 1)
        {
            throw new UserInputException($"--min-group-size: expected a whole number of at least 1, got {minGroupSize}");
        }

        var scorecard = ModelFiles.LoadScorecard(modelPath);
        var options = new LdaOptions { MaxAucLoss = maxAucLoss, Seed = seed, MinGroupSize = minGroupSize, TrainSize = trainSize };
        LdaResult result = null!;
        try
        {
            AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .Start(ctx =>
                {
                    var read = ctx.AddTask("Reading portfolio", maxValue: 1.0);
                    var total = Math.Max(1, new[] { PortfolioFiles.Applications, PortfolioFiles.Obligations, PortfolioFiles.Payments, PortfolioFiles.CashFlow }
                        .Sum(f => File.Exists(Path.Combine(dataDirectory, f)) ? new FileInfo(Path.Combine(dataDirectory, f)).Length : 0));
                    var portfolio = PortfolioDataSet.Load(dataDirectory, bytes => read.Value = Math.Min(1.0, (double)bytes / total));
                    read.Value = 1.0;
                    // Demographics are read here, apart from the portfolio, and only the evaluation sees them.
                    var groups = CreditAlt.Audits.DemographicsFile.Read(Path.Combine(dataDirectory, "demographics.csv"), groupColumn, portfolio.ApplicationIds);
                    int steps = 3 + scorecard.Attributes.Count + options.MinBinShares.Count;
                    var search = ctx.AddTask("Evaluating alternatives", maxValue: steps);
                    result = LdaSearch.Run(portfolio, scorecard, groupColumn, groups, options, name =>
                    {
                        search.Description = $"Evaluating: {name}";
                        search.Increment(1);
                    });
                    search.Value = steps;
                });
        }
        catch (PortfolioFormatException ex)
        {
            throw new UserInputException(ex.Message);
        }
        catch (InvalidDataException ex)
        {
            throw new UserInputException(ex.Message);
        }
        catch (CreditAlt.Fairness.FairnessInputException ex)
        {
            throw new UserInputException(ex.Message);
        }

        AtomicOutput.WriteDirectory(outDirectory, "--out", staging =>
        {
            LdaReport.Write(result, $"{Path.GetFileName(Path.GetFullPath(dataDirectory).TrimEnd('/'))} with {scorecard.ModelId} {scorecard.Version}", staging);
            return true;
        });

        var b = result.Baseline;
        Console.WriteLine(FormattableString.Invariant($"Evaluated {result.Alternatives.Count} alternatives on {result.HeldOut} held-out applicants (trained on {result.TrainRows}); baseline lowest AIR {b.Lowest?.Air:0.000} ({b.Lowest?.Group}), AUC {b.Auc:0.0000}."));
        Console.WriteLine(result.Chosen is { } c
            ? FormattableString.Invariant($"Proposed: {c.Name} (lowest AIR {c.Lowest?.Air:0.000}, AUC {c.Auc:0.0000}).")
            : "No alternative is proposed (none raises the lowest AIR beyond its interval within the AUC tolerance without lowering a protected group's approvals).");
        Console.WriteLine($"Wrote {Path.Combine(outDirectory, "lda.md")} and lda.json");
        return 0;
    }
}
