using System.CommandLine;
using System.Globalization;
using CreditAlt.Core.Applications;
using CreditAlt.Core.Attributes;
using CreditAlt.Core.Scoring;
using Spectre.Console;

namespace CreditAlt.Cli.Commands;

/// <summary><c>creditalt explain</c>: one application's score, decision, reasons, recourse and the points of every attribute.</summary>
internal static class ExplainCommand
{
    public static Command Create()
    {
        var application = new Option<string>("--application") { Description = "Application JSON file.", Required = true };
        var model = new Option<string>("--model") { Description = "Model directory (or its scorecard.json).", Required = true };
        var command = new Command("explain", "Explain one application's score: decision, principal reasons, recourse and points per attribute.");
        command.Options.Add(application);
        command.Options.Add(model);
        command.SetAction(parse => Run(parse.GetValue(application)!, parse.GetValue(model)!));
        return command;
    }

    private static int Run(string applicationPath, string modelPath)
    {
        if (!File.Exists(applicationPath)) throw new UserInputException($"--application: no file '{applicationPath}'");
        var parsed = ApplicationJson.Parse(File.ReadAllBytes(applicationPath));
        if (!parsed.IsValid)
            throw new UserInputException($"{applicationPath}: not a valid application:{Environment.NewLine}" +
                string.Join(Environment.NewLine, parsed.Problems.Select(p => $"  {p.Path}: expected {p.Expected}")));
        var engine = new ScorecardEngine(ModelFiles.LoadScorecard(modelPath));
        var values = AttributeCalculator.Compute(parsed.Application!);
        var assessment = engine.Assess(values);
        var model = engine.Model;

        AnsiConsole.MarkupLine($"[bold]Application[/] {Markup.Escape(parsed.Application!.ApplicationId)} as of {parsed.Application.AsOfDate:yyyy-MM-dd}");
        AnsiConsole.MarkupLine($"[bold]Model[/] {Markup.Escape(model.ModelId)} {Markup.Escape(model.Version)}");
        AnsiConsole.MarkupLine($"[bold]Score[/] {assessment.Score} (range {model.Scaling.MinScore}–{model.Scaling.MaxScore})");
        AnsiConsole.MarkupLine($"[bold]Decision[/] {assessment.Decision.ToWire()} (approve at {model.Policy.ApproveAt} or more, decline below {model.Policy.DeclineBelow})");
        if (assessment.Reasons.Count > 0)
        {
            AnsiConsole.MarkupLine("[bold]Principal reasons[/]");
            for (var r = 0; r < assessment.Reasons.Count; r++)
            {
                var reason = assessment.Reasons[r];
                AnsiConsole.MarkupLine($"  {r + 1}. [[{Markup.Escape(reason.Code)}]] {Markup.Escape(reason.Sentence)}" + (reason.PointsLost > 0 ? $" ({reason.PointsLost} points below the best)" : ""));
            }
        }

        if (assessment.Decision == Decision.Decline)
        {
            var recourse = engine.FindRecourse(values);
            AnsiConsole.MarkupLine($"[bold]What would change the outcome[/] {Markup.Escape(recourse.Describe())}" +
                (recourse.Reachable ? $" (score {recourse.ResultingScore})" : ""));
        }

        var table = new Table().AddColumns("attribute", "code", "value", "bin", "points", "best");
        foreach (var line in engine.Explain(values))
        {
            table.AddRow(Markup.Escape(line.AttributeId), Markup.Escape(line.ReasonCode),
                double.IsNaN(line.Value) ? "missing" : line.Value.ToString("0.####", CultureInfo.InvariantCulture),
                Markup.Escape(line.Bin), line.Points.ToString(CultureInfo.InvariantCulture), line.BestPoints.ToString(CultureInfo.InvariantCulture));
        }

        table.AddRow("base points", "", "", "", model.BasePoints.ToString(CultureInfo.InvariantCulture), "");
        AnsiConsole.Write(table);
        return 0;
    }
}
