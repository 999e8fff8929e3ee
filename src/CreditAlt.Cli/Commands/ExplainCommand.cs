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
        var values = AttributeCalculator.Compute(parsed.Application!);
        if (ChallengerCommands.IsChallenger(modelPath))
            return ExplainChallenger(parsed.Application!, values, ChallengerCommands.Load(modelPath));
        var engine = new ScorecardEngine(ModelFiles.LoadScorecard(modelPath));
        var assessment = engine.Assess(values);
        var model = engine.Model;

        WriteHeader(parsed.Application!, assessment, model.Scaling, model.Policy);

        if (assessment.Decision == Decision.Decline)
            WriteRecourse(engine.FindRecourse(values));

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

    /// <summary>
    /// The challenger's explanation: score, decision, reasons, recourse under the challenger (over its trees' split
    /// thresholds, docs/challenger.md) and each attribute's contribution in points (<c>CalculateFeatureContribution</c>).
    /// </summary>
    private static int ExplainChallenger(Application application, double[] values, Modeling.Challenger.ChallengerModel challenger)
    {
        var assessment = challenger.Assess(values);
        WriteHeader(application, assessment, challenger.Metadata.Scaling, challenger.Metadata.Policy);
        if (assessment.Decision == Decision.Decline)
            WriteRecourse(challenger.FindRecourse(values));

        var table = new Table().AddColumns("attribute", "code", "value", "points lost");
        foreach (var (attribute, value, pointsLost) in challenger.Contributions(values).OrderByDescending(c => c.PointsLost))
        {
            table.AddRow(Markup.Escape(attribute.Id), Markup.Escape(attribute.ReasonCode),
                double.IsNaN(value) ? "missing" : value.ToString("0.####", CultureInfo.InvariantCulture),
                pointsLost.ToString("0.0", CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
        return 0;
    }

    private static void WriteRecourse(RecourseResult recourse) =>
        AnsiConsole.MarkupLine($"[bold]What would change the outcome[/] {Markup.Escape(recourse.Describe())}" +
            (recourse.Reachable ? $" (score {recourse.ResultingScore})" : ""));

    private static void WriteHeader(Application application, ScoreAssessment assessment, ScoreScaling scaling, DecisionPolicy policy)
    {
        AnsiConsole.MarkupLine($"[bold]Application[/] {Markup.Escape(application.ApplicationId)} as of {application.AsOfDate:yyyy-MM-dd}");
        AnsiConsole.MarkupLine($"[bold]Model[/] {Markup.Escape(assessment.ModelId)} {Markup.Escape(assessment.ModelVersion)}");
        AnsiConsole.MarkupLine($"[bold]Score[/] {assessment.Score} (range {scaling.MinScore}–{scaling.MaxScore})");
        AnsiConsole.MarkupLine($"[bold]Decision[/] {assessment.Decision.ToWire()} (approve at {policy.ApproveAt} or more, decline below {policy.DeclineBelow})");
        if (assessment.Reasons.Count == 0)
            return;
        AnsiConsole.MarkupLine("[bold]Principal reasons[/]");
        for (var r = 0; r < assessment.Reasons.Count; r++)
        {
            var reason = assessment.Reasons[r];
            AnsiConsole.MarkupLine($"  {r + 1}. [[{Markup.Escape(reason.Code)}]] {Markup.Escape(reason.Sentence)}" + (reason.PointsLost > 0 ? $" ({reason.PointsLost} points below the best)" : ""));
        }
    }
}
