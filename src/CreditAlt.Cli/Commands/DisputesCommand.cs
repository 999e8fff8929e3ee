using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CreditAlt.Data.Lifecycle;
using Spectre.Console;

namespace CreditAlt.Cli.Commands;

/// <summary><c>creditalt disputes overdue --db … [--lender L]</c>: open disputes past their due date (30 days after receipt).</summary>
internal static class DisputesCommand
{
    public static Command Create()
    {
        var db = DbCommand.DbOption();
        var lender = new Option<string?>("--lender") { Description = "Only this lender's disputes (default: every lender)." };
        var overdue = new Command("overdue", "List open disputes past their due date (FCRA: reinvestigate within 30 days).") { db, lender };
        overdue.SetAction((parse, ct) => Storage.RunAsync(async () =>
        {
            await using var database = Storage.Open(parse.GetValue(db));
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var open = await database.Lifecycle.ListAsync(LifecycleKinds.Dispute, parse.GetValue(lender), unresolvedOnly: true, limit: 100_000, ct: ct);
            var late = open.Where(e => e.DueDate < today).ToList();
            var table = new Table().AddColumns("dispute", "decision", "lender", "items", "received", "due by", "days overdue");
            foreach (var e in late)
            {
                using var body = JsonDocument.Parse(e.Body);
                var items = body.RootElement.TryGetProperty("items", out var i) ? i.GetArrayLength() : 0;
                table.AddRow(Markup.Escape(e.EventId), Markup.Escape(e.DecisionId), Markup.Escape(e.LenderId), items.ToString(CultureInfo.InvariantCulture),
                    e.RecordedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), e.DueDate!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    $"[red]{today.DayNumber - e.DueDate.Value.DayNumber}[/]");
            }
            if (late.Count > 0)
                AnsiConsole.Write(table);
            AnsiConsole.WriteLine($"{late.Count} overdue dispute(s) of {open.Count} open");
            return 0;
        }));
        return new Command("disputes", "Applicants' disputes of the data their decisions used.") { overdue };
    }
}
