using System.CommandLine;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using CreditAlt.Data.Applications;
using CreditAlt.Demographics;
using CreditAlt.Portfolio.Audit;
using CreditAlt.Portfolio.Csv;
using Spectre.Console;
using DataDemographic = CreditAlt.Data.Audits.DemographicRecord;

namespace CreditAlt.Cli.Commands;

/// <summary><c>creditalt import</c>: loads a CSV portfolio into the database, all or nothing.</summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Directory with applications.csv, obligations.csv, payments.csv, cashflow.csv (and optionally demographics.csv).", Required = true };
        var db = DbCommand.DbOption();
        var command = new Command("import", "Load a CSV portfolio into the database in one transaction; a bad row aborts it and nothing is stored.");
        command.Options.Add(data);
        command.Options.Add(db);
        command.SetAction((parse, ct) => Storage.RunAsync(() => RunAsync(parse.GetValue(data)!, parse.GetValue(db), ct)));
        return command;
    }

    private static async Task<int> RunAsync(string directory, string? dbText, CancellationToken ct)
    {
        if (!Directory.Exists(directory))
            throw new UserInputException($"--data: directory '{directory}' does not exist");
        await using var db = Storage.Open(dbText, create: true);
        var totalBytes = new[] { PortfolioFiles.Applications, PortfolioFiles.Obligations, PortfolioFiles.Payments, PortfolioFiles.CashFlow }
            .Select(f => Path.Combine(directory, f)).Where(File.Exists).Sum(f => new FileInfo(f).Length);
        var demographicsPath = Path.Combine(directory, PortfolioFiles.Demographics);
        var watch = Stopwatch.StartNew();
        ImportSummary summary;
        try
        {
            using var reader = PortfolioReader.Open(directory);
            var demographics = File.Exists(demographicsPath) ? ToRows(AuditFileReader.ReadDemographics(demographicsPath)) : null;
            summary = await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async ctx =>
                {
                    var task = ctx.AddTask($"Importing into {db.Target.Engine}", maxValue: Math.Max(1, totalBytes));
                    var result = await PortfolioImport.ImportAsync(db, reader.ReadAll(), demographics, _ => task.Value = reader.BytesRead, ct);
                    task.Value = task.MaxValue;
                    return result;
                });
        }
        catch (PortfolioFormatException ex)
        {
            throw new UserInputException($"{ex.Message}; import aborted, nothing was stored");
        }
        catch (DuplicateApplicationException ex)
        {
            throw new UserInputException($"{Path.Combine(directory, PortfolioFiles.Applications)}: application {ex.ApplicationId} is already stored in {db.Target.Describe()}; import aborted, nothing was stored");
        }
        catch (DbException ex) when (ex.SqlState is "23505" || ex.Message.Contains("UNIQUE", StringComparison.OrdinalIgnoreCase) || ex.Message.Contains("duplicate key", StringComparison.OrdinalIgnoreCase))
        {
            throw new UserInputException($"an application in {directory} is already stored ({ex.Message.Split('\n')[0]}); import aborted, nothing was stored");
        }
        watch.Stop();
        if (summary.Applications == 0)
            Console.Error.WriteLine($"warning: no applications: {Path.Combine(directory, PortfolioFiles.Applications)} holds only its header row; nothing was imported");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"imported {summary.Applications} applications and {summary.Demographics} demographic rows into {db.Target.Describe()} in {watch.Elapsed.TotalSeconds:0.0} s"));
        return 0;
    }

    private static IEnumerable<DataDemographic> ToRows(IEnumerable<DemographicRecord> records)
    {
        foreach (var r in records)
        {
            if (r.RaceEthnicity is { } race)
                yield return new DataDemographic(r.ApplicationId, "race_ethnicity", race.ToWire());
            if (r.Sex is { } sex)
                yield return new DataDemographic(r.ApplicationId, "sex", sex.ToWire());
            if (r.AgeBand is { } age)
                yield return new DataDemographic(r.ApplicationId, "age_band", age.ToWire());
        }
    }
}
