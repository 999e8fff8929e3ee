using System.CommandLine;
using CreditAlt.Data;
using CreditAlt.Data.Connections;
using CreditAlt.Data.Migrations;
using CreditAlt.Data.Resilience;

namespace CreditAlt.Cli.Commands;

/// <summary><c>creditalt db migrate</c>: applies pending schema migrations; also the shared <c>--db</c> option.</summary>
internal static class DbCommand
{
    public static Command Create()
    {
        var db = DbOption();
        var migrate = new Command("migrate", "Apply pending schema migrations (also done automatically on first use).");
        migrate.Options.Add(db);
        migrate.SetAction((parse, ct) => Storage.RunAsync(async () =>
        {
            await using var database = Storage.Open(parse.GetValue(db), migrate: false);
            var applied = await database.MigrateAsync(ct);
            Console.WriteLine(applied.Count == 0
                ? $"{database.Target.Describe()} is up to date (schema version {Schema.All[^1].Version})"
                : $"applied migration(s) {string.Join(", ", applied)} to {database.Target.Describe()}; schema version {Schema.All[^1].Version}");
            return 0;
        }));

        var command = new Command("db", "Database maintenance.");
        command.Subcommands.Add(migrate);
        return command;
    }

    public static Option<string?> DbOption() => new("--db")
    {
        Description = "Database: sqlite:PATH (default sqlite:.creditalt/creditalt.db), postgres://user:pass@host:port/db, " +
                      "Host=...;Database=... (Npgsql keywords), or sqlserver:Server=...;Database=... (docs/storage.md).",
    };
}

/// <summary>Opening storage for a command, and turning storage errors a user can act on into <see cref="UserInputException"/>.</summary>
internal static class Storage
{
    public static CreditAltDatabase Open(string? db, bool migrate = true)
    {
        StorageTarget target;
        try
        {
            target = StorageTarget.Parse(db);
        }
        catch (FormatException ex)
        {
            throw new UserInputException($"--db: {ex.Message}");
        }
        try
        {
            return new CreditAltDatabase(target, new CreditAltDataOptions { MigrateOnStart = migrate });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            throw new UserInputException($"--db: cannot open {target.Describe()}: {ex.Message}");
        }
    }

    public static async Task<int> RunAsync(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (StorageUnavailableException ex)
        {
            throw new UserInputException($"{ex.Message} (try again in {ex.RetryAfter.TotalSeconds:0} s)");
        }
        catch (Exception ex) when (StorageResilience.IsTransient(ex))
        {
            throw new UserInputException($"storage unavailable: {ex.Message}");
        }
        catch (InvalidOperationException ex) when (ex.Message.Contains("schema version", StringComparison.Ordinal))
        {
            throw new UserInputException(ex.Message);
        }
    }
}
