using System.CommandLine;
using CreditAlt.Data.Migrations;

namespace CreditAlt.Cli.Commands;

/// <summary><c>creditalt ledger verify</c>: re-computes the decision ledger's hash chain; exit 0 intact, 1 tampered.</summary>
internal static class LedgerCommand
{
    public const int Tampered = 1;

    public static Command Create()
    {
        var db = DbCommand.DbOption();
        var verify = new Command("verify", "Check every decision's hash and link; name the first changed, deleted, inserted or reordered row.");
        verify.Options.Add(db);
        verify.SetAction((parse, ct) => Storage.RunAsync(async () =>
        {
            await using var database = Storage.Open(parse.GetValue(db), migrate: false);
            var version = await database.RunAsync((c, token) => MigrationRunner.CurrentVersionAsync(c, database.Dialect, token), ct);
            if (version < 2)
                throw new UserInputException($"{database.Target.Describe()} holds no decision ledger (schema version {version}); run 'creditalt db migrate' first");
            var result = await database.Ledger.VerifyAsync(ct);
            if (result.Problem is { } p)
            {
                Console.WriteLine($"ledger TAMPERED: {p.Kind.ToString().ToLowerInvariant()} at row {p.Sequence}: {p.Message}");
                Console.WriteLine($"{result.RowsChecked} rows verified before the break; head records {result.HeadSequence} decisions");
                return Tampered;
            }
            Console.WriteLine($"ledger intact: {result.RowsChecked} decisions, head hash {result.HeadHash}");
            return version >= 8 ? await VerifyLifecycleAsync(database, ct) : 0;
        }));

        var command = new Command("ledger", "The tamper-evident decision ledger (decisions, and the final actions, disputes and notices that follow them).");
        command.Subcommands.Add(verify);
        return command;
    }

    /// <summary>The lifecycle events' own chain (final actions, disputes, resolutions, incompleteness notices) and their links to decisions.</summary>
    private static async Task<int> VerifyLifecycleAsync(CreditAlt.Data.CreditAltDatabase database, CancellationToken ct)
    {
        var events = await database.Lifecycle.VerifyAsync(ct);
        if (events.Problem is { } p)
        {
            Console.WriteLine($"lifecycle TAMPERED: {p.Kind.ToString().ToLowerInvariant()} at event {p.Sequence}: {p.Message}");
            Console.WriteLine($"{events.RowsChecked} events verified before the break; head records {events.HeadSequence} events");
            return Tampered;
        }
        Console.WriteLine($"lifecycle intact: {events.RowsChecked} events, head hash {events.HeadHash}");
        return 0;
    }
}
