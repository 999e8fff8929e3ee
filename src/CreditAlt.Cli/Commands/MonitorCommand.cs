using System.CommandLine;
using System.Globalization;
using CreditAlt.Core.Attributes;
using CreditAlt.Core.Scoring;
using CreditAlt.Modeling.Monitoring;
using CreditAlt.Modeling.Training;
using CreditAlt.Portfolio.Csv;
using Spectre.Console;

namespace CreditAlt.Cli.Commands;

/// <summary>
/// <c>creditalt monitor</c>: population stability (PSI) of a model's score and of every attribute between a
/// baseline and a recent portfolio, and AUC, Gini and KS in each window that has an outcomes.csv.
/// </summary>
internal static class MonitorCommand
{
    public static Command Create()
    {
        var baseline = new Option<string>("--baseline") { Description = "Baseline portfolio directory (e.g. the development sample).", Required = true };
        var recent = new Option<string>("--recent") { Description = "Recent portfolio directory to compare with the baseline.", Required = true };
        var model = new Option<string>("--model") { Description = "Model directory (champion scorecard or challenger) or a scorecard.json.", Required = true };
        var output = new Option<string?>("--out", "-o") { Description = "Directory to write monitoring.json, monitoring.md and monitoring.html (optional)." };
        var psiWarn = new Option<double>("--psi-warn") { Description = "PSI at or above which a variable is a warning.", DefaultValueFactory = _ => 0.10 };
        var psiAlert = new Option<double>("--psi-alert") { Description = "PSI at or above which a variable is an alert.", DefaultValueFactory = _ => 0.25 };
        var command = new Command("monitor", "Population stability (PSI, CSI) of score and attributes between two portfolios, calibration and AUC/Gini/KS where outcomes exist; "
            + $"exits {AlertExitCode} when any check alerts.");
        foreach (var o in new Option[] { baseline, recent, model, output, psiWarn, psiAlert }) command.Options.Add(o);
        command.SetAction(parse => Run(parse.GetValue(baseline)!, parse.GetValue(recent)!, parse.GetValue(model)!, parse.GetValue(output),
            new MonitoringThresholds { PsiWarn = parse.GetValue(psiWarn), PsiAlert = parse.GetValue(psiAlert) }));
        return command;
    }

    /// <summary>Exit status when at least one check alerts (2 is reserved for bad input, 0 means no alert; warnings alone exit 0).</summary>
    public const int AlertExitCode = 3;

    private static int Run(string baselineDir, string recentDir, string modelPath, string? outDir, MonitoringThresholds thresholds)
    {
        foreach (var (option, dir) in new[] { ("--baseline", baselineDir), ("--recent", recentDir) })
            if (!Directory.Exists(dir)) throw new UserInputException($"{option}: no directory '{dir}'");
        if (!(thresholds.PsiWarn > 0 && thresholds.PsiAlert >= thresholds.PsiWarn))
            throw new UserInputException($"--psi-warn and --psi-alert: expected 0 < warn ≤ alert, got {thresholds.PsiWarn.ToString(CultureInfo.InvariantCulture)} and {thresholds.PsiAlert.ToString(CultureInfo.InvariantCulture)}");

        // One scoring function for either kind of model: catalogue values in, published score and PD out.
        string modelId, version;
        Func<double[], (int Score, double Pd)> score;
        MonitoredModel monitored;
        if (ChallengerCommands.IsChallenger(modelPath))
        {
            var challenger = ChallengerCommands.Load(modelPath);
            (modelId, version) = (challenger.Metadata.ModelId, challenger.Metadata.ModelVersion);
            var source = challenger.Attributes.Select(a => AttributeCatalogue.IndexOf(a.Id)).ToArray();
            var modelValues = new double[source.Length];
            score = values =>
            {
                for (var j = 0; j < source.Length; j++) modelValues[j] = values[source[j]];
                var s = challenger.Score(modelValues);
                return (s.Points, s.ProbabilityOfDefault);
            };
            // Trees have no bins with points, so there is no CSI in points for the challenger.
            monitored = new MonitoredModel([.. challenger.Attributes.Select(a => a.Id)], null);
        }
        else
        {
            var engine = new ScorecardEngine(ModelFiles.LoadScorecard(modelPath));
            var card = engine.Model;
            (modelId, version) = (card.ModelId, card.Version);
            var modelValues = new double[card.Attributes.Count];
            score = values =>
            {
                engine.Gather(values, modelValues);
                var raw = card.RawScore(modelValues);
                return (card.Clamp(raw), card.Scaling.ProbabilityOfBad(raw));
            };
            var points = new Dictionary<int, Func<double, (int, string, int)>>();
            for (var j = 0; j < card.Attributes.Count; j++)
            {
                var k = j;
                points[AttributeCatalogue.IndexOf(card.Attributes[j].Id)] = v => { var bin = card.BinOf(k, v); return (bin, card.Attributes[k].Bins[bin].Label, card.PointsOf(k, bin)); };
            }

            monitored = new MonitoredModel([.. card.Attributes.Select(a => a.Id)], points);
        }

        MonitoringWindow baseline = null!, recent = null!;
        try
        {
            AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .Start(ctx =>
                {
                    baseline = ReadWindow("baseline", baselineDir, score, ctx.AddTask("Scoring baseline", maxValue: TotalBytes(baselineDir)));
                    recent = ReadWindow("recent", recentDir, score, ctx.AddTask("Scoring recent", maxValue: TotalBytes(recentDir)));
                });
        }
        catch (PortfolioFormatException ex)
        {
            throw new UserInputException(ex.Message);
        }

        var report = MonitoringReports.Build(modelId, version, [.. AttributeCatalogue.All.Select(a => a.Id)], baseline, recent, monitored, thresholds);
        Print(report);
        if (outDir is not null)
        {
            AtomicOutput.WriteDirectory(outDir, "--out", staging =>
            {
                MonitoringReports.WriteFiles(report, staging);
                return true;
            });
            Console.WriteLine($"Wrote {Path.Combine(outDir, MonitoringReports.JsonFile)}, {MonitoringReports.MarkdownFile} and {MonitoringReports.HtmlFile}");
        }

        return report.Status == MonitoringStatus.Alert ? AlertExitCode : 0;
    }

    private static long TotalBytes(string dir) =>
        new[] { PortfolioFiles.Applications, PortfolioFiles.Obligations, PortfolioFiles.Payments, PortfolioFiles.CashFlow }
            .Select(f => Path.Combine(dir, f)).Where(File.Exists).Sum(f => new FileInfo(f).Length);

    private static MonitoringWindow ReadWindow(string name, string dir, Func<double[], (int Score, double Pd)> score, ProgressTask task)
    {
        var outcomesPath = Path.Combine(dir, PortfolioFiles.Outcomes);
        var outcomes = File.Exists(outcomesPath) ? PortfolioDataSet.ReadOutcomes(outcomesPath) : null;
        var scores = new List<double>();
        var pds = new List<double>();
        var evaluated = new List<bool>();
        var columns = new List<double>[AttributeCatalogue.Count];
        for (var a = 0; a < columns.Length; a++) columns[a] = [];
        var bad = outcomes is null ? null : new List<bool>();
        var values = new double[AttributeCatalogue.Count];
        using var reader = PortfolioReader.Open(dir);
        while (reader.TryRead(out var application))
        {
            AttributeCalculator.Compute(application, values);
            var (points, pd) = score(values);
            scores.Add(points);
            pds.Add(pd);
            evaluated.Add(AttributeCalculator.HasSufficientHistory(values));
            for (var a = 0; a < values.Length; a++) columns[a].Add(values[a]);
            if (outcomes is not null)
            {
                if (!outcomes.TryGetValue(application.ApplicationId, out var outcome))
                    throw new PortfolioFormatException(PortfolioFiles.Applications, reader.Line, 1, "application_id",
                        $"an outcome row in {outcomesPath} for application {application.ApplicationId} (outcomes.csv must cover every application, or be absent)");
                bad!.Add(outcome.Defaulted);
            }

            if ((scores.Count & 1023) == 0) task.Value = reader.BytesRead;
        }

        task.Value = task.MaxValue;
        if (scores.Count == 0) throw new UserInputException($"{Path.Combine(dir, PortfolioFiles.Applications)}: no applications to monitor");
        return new MonitoringWindow(name, [.. scores], [.. columns.Select(c => c.ToArray())], bad?.ToArray()) { ProbabilityOfDefault = [.. pds], Evaluated = [.. evaluated] };
    }

    private static void Print(MonitoringReport report)
    {
        static string Colour(StabilityBand band) => band switch
        {
            StabilityBand.Stable => "green",
            StabilityBand.SomeShift => "yellow",
            _ => "red",
        };

        AnsiConsole.MarkupLine($"[bold]Model[/] {Markup.Escape(report.ModelId)} {Markup.Escape(report.ModelVersion)}: baseline {report.BaselineApplicants:N0} applicants, recent {report.RecentApplicants:N0}");
        var csi = report.Csi.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var table = new Table().AddColumns("variable", "PSI", "band", "CSI (points)");
        table.Columns[1].RightAligned();
        table.Columns[3].RightAligned();
        foreach (var p in new[] { report.Score }.Concat(report.Attributes))
            table.AddRow(Markup.Escape(p.Name), p.Value.ToString("0.0000", CultureInfo.InvariantCulture),
                $"[{Colour(p.Band)}]{MonitoringReports.BandText(p.Band)}[/]",
                csi.TryGetValue(p.Name, out var c) ? c.Value.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture) : "–");
        AnsiConsole.Write(table);

        static string StatusColour(MonitoringStatus s) => s switch { MonitoringStatus.Ok => "green", MonitoringStatus.Warn => "yellow", _ => "red" };
        var checks = new Table().AddColumns("check", "value", "rule", "status");
        foreach (var c in report.Checks)
            checks.AddRow(Markup.Escape(c.Figure), Markup.Escape(c.Value), Markup.Escape(c.Rule), $"[{StatusColour(c.Status)}]{MonitoringReports.StatusText(c.Status)}[/]");
        AnsiConsole.Write(checks);
        AnsiConsole.MarkupLine($"Status: [{StatusColour(report.Status)}]{MonitoringReports.StatusText(report.Status)}[/]");

        if (report.Performance.Count == 0)
        {
            AnsiConsole.MarkupLine("No outcomes.csv in either window: no AUC, Gini or KS.");
            return;
        }

        var performance = new Table().AddColumns("window", "applicants", "bads", "AUC", "Gini", "KS");
        foreach (var p in report.Performance)
            performance.AddRow(p.Window, p.Applicants.ToString("N0", CultureInfo.InvariantCulture), p.Bads.ToString("N0", CultureInfo.InvariantCulture),
                F(p.Auc), F(p.Gini), F(p.Ks));
        AnsiConsole.Write(performance);
    }

    private static string F(double? v) => v is { } x ? x.ToString("0.0000", CultureInfo.InvariantCulture) : "–";
}
