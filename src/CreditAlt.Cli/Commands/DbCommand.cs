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
            await using var database = Storage.Open(parse.GetValue(db), migrate: false, create: true);
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

    /// <summary>
    /// <c>--create</c>: a verb that reads or adds to an existing database refuses a SQLite file that does not exist
    /// (a typo would otherwise make a new, empty database nobody reads); only <c>db migrate</c> and <c>import</c>
    /// create one unasked.
    /// </summary>
    public static Option<bool> CreateOption() => new("--create")
    {
        Description = "Create the SQLite database file (and its directory) if it does not exist; without it a missing database is an error.",
    };
}

/// <summary>Opening storage for a command, and turning storage errors a user can act on into <see cref="UserInputException"/>.</summary>
internal static class Storage
{
    /// <summary>
    /// Opens the database named by <paramref name="db"/>. A SQLite file that does not exist is an error unless
    /// <paramref name="create"/>: checked before anything touches the disk, so a refused call leaves no file or directory.
    /// </summary>
    public static CreditAltDatabase Open(string? db, bool migrate = true, bool create = false, bool offerCreate = false)
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

        if (!create && SqliteFile(target) is { } file && !File.Exists(file))
        {
            throw new UserInputException(
                $"--db: no database at '{file}' ({target.Describe()}); 'creditalt db migrate --db ...' or 'creditalt import' creates one" +
                (offerCreate ? ", or give --create" : "") + (db is null ? " (no --db given: this is the default)" : ""));
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

    /// <summary>The file of a SQLite target (full path), or null for another engine or an in-memory database.</summary>
    private static string? SqliteFile(StorageTarget target)
    {
        if (target.Engine != DatabaseEngine.Sqlite)
            return null;
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(target.ConnectionString);
        return builder.DataSource is ":memory:" || builder.Mode == Microsoft.Data.Sqlite.SqliteOpenMode.Memory ? null : Path.GetFullPath(builder.DataSource);
    }

    public static async Task<int> RunAsync(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (Npgsql.PostgresException ex) when (ex.SqlState == "3D000")
        {
            throw new UserInputException($"--db: {ex.MessageText} (a PostgreSQL database is created by its administrator, e.g. createdb; then 'creditalt db migrate')");
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
