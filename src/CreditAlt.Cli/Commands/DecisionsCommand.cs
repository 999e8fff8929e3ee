using System.CommandLine;
using System.Globalization;
using Spectre.Console;

namespace CreditAlt.Cli.Commands;

/// <summary>
/// <c>creditalt decisions pending --db … --older-than-days 25 [--lender L]</c>: referrals without a final action, newest
/// first, with the date by which Regulation B expects the applicant to hear (30 days after the referral).
/// </summary>
internal static class DecisionsCommand
{
    public static Command Create()
    {
        var db = DbCommand.DbOption();
        var olderThan = new Option<int>("--older-than-days") { Description = "Only referrals recorded more than this many days ago (0-3650).", DefaultValueFactory = _ => 0 };
        var lender = new Option<string?>("--lender") { Description = "Only this lender's referrals (default: every lender)." };
        var limit = new Option<int>("--limit") { Description = "At most this many rows (1-100000).", DefaultValueFactory = _ => 1000 };
        var pending = new Command("pending", "List referrals still waiting for an underwriter's final action (Regulation B: notify within 30 days).")
            { db, olderThan, lender, limit };
        pending.SetAction((parse, ct) => Storage.RunAsync(async () =>
        {
            var days = parse.GetValue(olderThan);
            if (days is < 0 or > 3650)
                throw new UserInputException($"--older-than-days must be from 0 to 3650, got {days}");
            var take = parse.GetValue(limit);
            if (take is < 1 or > 100_000)
                throw new UserInputException($"--limit must be from 1 to 100000, got {take}");
            await using var database = Storage.Open(parse.GetValue(db));
            var now = DateTimeOffset.UtcNow;
            var rows = await database.Lifecycle.PendingReferralsAsync(parse.GetValue(lender), now.AddDays(-days), take, 0, ct);
            var table = new Table().AddColumns("decision", "lender", "application", "score", "referred", "days waiting", "notify by");
            foreach (var r in rows)
            {
                var waiting = (int)Math.Floor((now - r.RecordedAt).TotalDays);
                var notifyBy = DateOnly.FromDateTime(r.RecordedAt.UtcDateTime).AddDays(30);
                table.AddRow(Markup.Escape(r.DecisionId), Markup.Escape(r.LenderId), Markup.Escape(r.ApplicationId),
                    r.Score?.ToString(CultureInfo.InvariantCulture) ?? "-", r.RecordedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    waiting >= 30 ? $"[red]{waiting}[/]" : waiting.ToString(CultureInfo.InvariantCulture), notifyBy.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }
            if (rows.Count > 0)
                AnsiConsole.Write(table);
            AnsiConsole.WriteLine($"{rows.Count} referral(s) awaiting a final action, recorded more than {days} day(s) ago");
            return 0;
        }));
        return new Command("decisions", "Recorded decisions and what follows them.") { pending };
    }
}
