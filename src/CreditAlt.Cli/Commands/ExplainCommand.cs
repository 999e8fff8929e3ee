using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CreditAlt.Core.Applications;
using CreditAlt.Core.Attributes;
using CreditAlt.Core.Recourse;
using CreditAlt.Core.Scoring;
using Spectre.Console;

namespace CreditAlt.Cli.Commands;

/// <summary>
/// <c>creditalt explain</c>: one application's score, decision, reasons, recourse and the points of every attribute, as text
/// or (<c>--json</c>) as the one JSON object docs/reason-codes.md describes. An insufficient-data outcome shows no score.
/// </summary>
internal static class ExplainCommand
{
    public static Command Create()
    {
        var application = new Option<string>("--application") { Description = "Application JSON file.", Required = true };
        var model = new Option<string>("--model") { Description = "Model directory (or its scorecard.json).", Required = true };
        var json = new Option<bool>("--json") { Description = "Print one JSON object (docs/reason-codes.md) instead of text." };
        var command = new Command("explain", "Explain one application's score: decision, principal reasons, recourse and points per attribute.");
        command.Options.Add(application);
        command.Options.Add(model);
        command.Options.Add(json);
        command.SetAction(parse => Run(parse.GetValue(application)!, parse.GetValue(model)!, parse.GetValue(json)));
        return command;
    }

    /// <summary>One attribute's part in the score: for the champion its bin and points against the best; for the challenger its contribution in points.</summary>
    private sealed record PointsLine(string Attribute, string Code, double Value, string? Bin, double Points, int? Best);

    private static int Run(string applicationPath, string modelPath, bool json)
    {
        if (!File.Exists(applicationPath)) throw new UserInputException($"--application: no file '{applicationPath}'");
        var parsed = ApplicationJson.Parse(File.ReadAllBytes(applicationPath));
        if (!parsed.IsValid)
            throw new UserInputException($"{applicationPath}: not a valid application:{Environment.NewLine}" +
                string.Join(Environment.NewLine, parsed.Problems.Select(p => $"  {p.Path}: expected {p.Expected}")));
        var app = parsed.Application!;
        var values = AttributeCalculator.Compute(app);

        IDecisionModel model;
        List<PointsLine> points;
        int? basePoints = null;
        if (ChallengerCommands.IsChallenger(modelPath))
        {
            var challenger = ChallengerCommands.Load(modelPath);
            model = challenger;
            points = [.. challenger.Contributions(values).OrderByDescending(c => c.PointsLost)
                .Select(c => new PointsLine(c.Attribute.Id, c.Attribute.ReasonCode, c.Value, null, Math.Round(-c.PointsLost, 1), null))];
        }
        else
        {
            var engine = new ScorecardEngine(ModelFiles.LoadScorecard(modelPath));
            model = engine;
            points = [.. engine.Explain(values).Select(l => new PointsLine(l.AttributeId, l.ReasonCode, l.Value, l.Bin, l.Points, l.BestPoints))];
            basePoints = engine.Model.BasePoints;
        }

        var assessment = CreditAlt.Core.AbilityToPay.AffordabilityRule.Apply(model, app, values, model.Assess(values));
        var byRule = assessment.Affordability is { Unaffordable: true } check && (check.Counteroffer is not null || check.ScoredDecision != Decision.Decline);
        var recourse = byRule ? null : RecoursePlanner.Plan(app, values, model, assessment);
        if (json)
        {
            // Through the console's own writer (standard output), raw: markup would mangle brackets in the JSON.
            var writer = AnsiConsole.Console.Profile.Out.Writer;
            writer.Write(Json(app, model, assessment, recourse, points).ToJsonString(JsonOptions));
            writer.Write('\n');
            writer.Flush();
            return 0;
        }

        WriteText(app, model, assessment, recourse, points, basePoints);
        return 0;
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, NewLine = "\n" };

    /// <summary>The <c>--json</c> object: the same facts the notice and the API carry, plus the points per attribute.</summary>
    private static JsonObject Json(Application app, IDecisionModel model, ScoreAssessment a, RecoursePlan? recourse, List<PointsLine> points)
    {
        static JsonNode? Number(double v) => double.IsNaN(v) ? null : JsonValue.Create(v);
        var json = new JsonObject
        {
            ["applicationId"] = app.ApplicationId,
            ["modelId"] = a.ModelId,
            ["modelVersion"] = a.ModelVersion,
            ["decision"] = a.Decision.ToWire(),
            ["score"] = a.Decision == Decision.InsufficientData ? null : a.Score,
            ["scoreRange"] = new JsonObject { ["min"] = model.ScoreRange.Min, ["max"] = model.ScoreRange.Max },
            ["reasons"] = new JsonArray([.. a.Reasons.Select(r => (JsonNode)new JsonObject
            {
                ["code"] = r.Code,
                ["sentence"] = r.Sentence,
                ["pointsBelowBest"] = r.PointsLost,
                ["obligationType"] = r.ObligationType,
            })]),
            ["recourse"] = recourse is null ? null : RecourseJson(recourse),
            ["points"] = new JsonArray([.. points.Select(p => (JsonNode)new JsonObject
            {
                ["attribute"] = p.Attribute,
                ["value"] = Number(p.Value),
                ["bin"] = p.Bin,
                ["points"] = p.Points,
                ["best"] = p.Best,
            })]),
        };
        // Only a decision with a counteroffer has the key, so the documented object is unchanged otherwise.
        if (a.Affordability is { Counteroffer: { } offer } c)
            json["counteroffer"] = new JsonObject { ["amount"] = offer.Amount, ["monthlyPayment"] = offer.MonthlyPayment, ["residualIncome"] = offer.ResidualIncome, ["score"] = offer.Score, ["sentence"] = offer.Sentence(c) };
        return json;
    }

    public static JsonObject RecourseJson(RecoursePlan r) => new()
    {
        ["reachable"] = r.Reachable,
        ["approvedFrom"] = r.ApprovedFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["approvedScore"] = r.ApprovedScore,
        ["enoughHistoryFrom"] = r.EnoughHistoryFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["decisionThen"] = r.DecisionThen,
        ["actions"] = new JsonArray([.. r.Actions.Select(x => (JsonNode)new JsonObject
        {
            ["kind"] = x.Kind,
            ["attribute"] = x.Attribute,
            ["current"] = x.Current,
            ["target"] = x.Target,
            ["months"] = x.Months,
            ["byDate"] = x.ByDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["sentence"] = x.Sentence,
        })]),
        ["summary"] = new JsonArray([.. r.Summary.Select(s => (JsonNode)JsonValue.Create(s))]),
    };

    private static void WriteText(Application application, IDecisionModel model, ScoreAssessment assessment, RecoursePlan? recourse, List<PointsLine> points, int? basePoints)
    {
        AnsiConsole.MarkupLine($"[bold]Application[/] {Markup.Escape(application.ApplicationId)} as of {application.AsOfDate:yyyy-MM-dd}");
        AnsiConsole.MarkupLine($"[bold]Model[/] {Markup.Escape(assessment.ModelId)} {Markup.Escape(assessment.ModelVersion)}");
        AnsiConsole.MarkupLine(assessment.Decision == Decision.InsufficientData
            ? $"[bold]Score[/] none: too little payment history to score (the model's scores range from {model.ScoreRange.Min} to {model.ScoreRange.Max})"
            : $"[bold]Score[/] {assessment.Score} (range {model.ScoreRange.Min}–{model.ScoreRange.Max})");
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

        if (assessment.Affordability is { Counteroffer: { } offer } check)
            AnsiConsole.MarkupLine($"[bold]Counteroffer[/] {Markup.Escape(offer.Sentence(check))}");

        if (recourse is not null)
        {
            AnsiConsole.MarkupLine("[bold]What would change the outcome[/]");
            foreach (var line in recourse.Summary)
                AnsiConsole.MarkupLine($"  {Markup.Escape(line)}");
        }

        var table = basePoints is null
            ? new Table().AddColumns("attribute", "code", "value", "points")
            : new Table().AddColumns("attribute", "code", "value", "bin", "points", "best");
        foreach (var p in points)
        {
            var value = double.IsNaN(p.Value) ? "missing" : p.Value.ToString("0.####", CultureInfo.InvariantCulture);
            if (basePoints is null)
                table.AddRow(Markup.Escape(p.Attribute), Markup.Escape(p.Code), value, p.Points.ToString("0.0", CultureInfo.InvariantCulture));
            else
                table.AddRow(Markup.Escape(p.Attribute), Markup.Escape(p.Code), value, Markup.Escape(p.Bin ?? ""),
                    p.Points.ToString(CultureInfo.InvariantCulture), p.Best?.ToString(CultureInfo.InvariantCulture) ?? "");
        }

        if (basePoints is { } b) table.AddRow("base points", "", "", "", b.ToString(CultureInfo.InvariantCulture), "");
        AnsiConsole.Write(table);
    }
}
