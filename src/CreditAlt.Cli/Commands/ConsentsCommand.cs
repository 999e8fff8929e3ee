using System.CommandLine;
using CreditAlt.Transactions.Consent;

namespace CreditAlt.Cli.Commands;

/// <summary>
/// <c>creditalt consents purge --db …</c>: the retention sweep (docs/transactions.md, "Retention"). Deletes the raw
/// transactions whose retention ended or whose consent was revoked; the consents, derived applications and decisions stay.
/// </summary>
internal static class ConsentsCommand
{
    public static Command Create()
    {
        var db = DbCommand.DbOption();
        var now = new Option<string?>("--now") { Description = "The instant to judge retention at, e.g. 2026-12-06T00:00:00Z (default: now)." };
        var purge = new Command("purge", "Delete raw bank transactions past their retention or under a revoked consent (run daily).") { db, now };
        purge.SetAction((parse, ct) => Storage.RunAsync(async () =>
        {
            var at = DateTimeOffset.UtcNow;
            if (parse.GetValue(now) is { } text && !ConsentJson.TryParseInstant(text, out at))
                throw new UserInputException($"--now: expected an instant with its offset such as 2026-12-06T00:00:00Z, got '{text}'");
            await using var database = Storage.Open(parse.GetValue(db));
            var deleted = await database.Consents.PurgeAsync(at, ct);
            Console.WriteLine($"Deleted the raw transactions of {deleted} set(s) (retention ended or consent revoked, as of {ConsentJson.Format(at)})");
            return 0;
        }));
        return new Command("consents", "Bank-data consents and the raw transactions kept under them.") { purge };
    }
}
