using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using CreditAlt.Portfolio.Synthetic;
using Spectre.Console;

namespace CreditAlt.Cli.Commands;

/// <summary><c>creditalt generate</c>: writes a synthetic portfolio (docs/synthetic-data.md) as the bulk CSV set.</summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var applications = new Option<long>("--applications", "-n") { Description = "Number of applications to generate (1 to 100,000,000).", Required = true };
        var seed = new Option<long>("--seed") { Description = "Seed of the pseudo-random generator; the same seed gives the same bytes.", Required = true };
        var output = new Option<string>("--out", "-o") { Description = "Directory to write applications.csv, obligations.csv, payments.csv, cashflow.csv, demographics.csv, outcomes.csv.", Required = true };
        var asOf = new Option<string?>("--as-of") { Description = $"As-of date of every application, yyyy-MM-dd (default {PortfolioGenerator.DefaultAsOf:yyyy-MM-dd}); histories end on or before it." };

        var transactions = new Option<bool>("--transactions") { Description = "Also write, for each application with bank data, its raw transactions (transactions/fdx, plaid, csv) with the ground truth (transactions/truth-transactions.csv, transactions/truth/)." };

        var command = new Command("generate", "Generate a synthetic portfolio with outcomes and self-reported demographics.");
        command.Options.Add(applications);
        command.Options.Add(seed);
        command.Options.Add(output);
        command.Options.Add(asOf);
        command.Options.Add(transactions);
        command.SetAction(parse => Run(parse.GetValue(applications), parse.GetValue(seed), parse.GetValue(output)!, parse.GetValue(asOf), parse.GetValue(transactions)));
        return command;
    }

    private static int Run(long count, long seed, string directory, string? asOfText, bool transactions = false)
    {
        if (count is < 1 or > 100_000_000)
            throw new UserInputException($"--applications: expected a number from 1 to 100000000, got {count}");
        DateOnly? asOf = null;
        if (asOfText is not null)
        {
            if (!DateOnly.TryParseExact(asOfText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                throw new UserInputException($"--as-of: expected a date as yyyy-MM-dd, got '{asOfText}'");
            if (d < new DateOnly(1995, 1, 1))
                throw new UserInputException($"--as-of: expected a date on or after 1995-01-01 (histories reach back up to 3 years and no record may predate 1990), got '{asOfText}'");
            asOf = d;
        }
        var generator = new PortfolioGenerator(seed, count, asOf);
        var watch = Stopwatch.StartNew();
        GeneratedTransactionsSummary? withTransactions = null;
        GenerationSummary summary = AtomicOutput.WriteDirectory(directory, "--out", staging =>
        {
            GenerationSummary written = null!;
            AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask("Generating applications", maxValue: count);
                    written = PortfolioGeneration.Write(generator, staging, done => task.Value = done);
                    if (!transactions) return;
                    var synthesis = ctx.AddTask("Synthesising transactions", maxValue: count);
                    withTransactions = GeneratedTransactions.Write(generator, seed, staging, done => synthesis.Value = done);
                });
            return written;
        });
        watch.Stop();

        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv, $"Wrote {summary.Applications} applications ({summary.Accounts} accounts, {summary.Payments} payments) as of {generator.AsOf:yyyy-MM-dd} to {directory} in {watch.Elapsed.TotalSeconds:0.0} s"));
        Console.WriteLine(string.Create(inv, $"default rate {summary.DefaultRate:P1} (mean true_pd {summary.MeanTruePd:P1}), credit invisible {summary.InvisibleShare:P1}, with cash flow {summary.CashFlowShare:P1}"));
        if (withTransactions is { } t)
            Console.WriteLine(string.Create(inv, $"transactions of {t.Applications} applications with bank data ({t.Transactions} transactions, each as FDX, aggregator JSON and CSV) with their truth in {Path.Combine(directory, GeneratedTransactions.Directory)}"));
        return 0;
    }
}
