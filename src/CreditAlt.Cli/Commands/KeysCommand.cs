using System.CommandLine;
using CreditAlt.Data;
using CreditAlt.Data.Resilience;
using CreditAlt.Data.Security;

namespace CreditAlt.Cli.Commands;

/// <summary>
/// <c>creditalt keys create --role R [--lender L] --db CONN</c>: issues an API key for the scoring API. The secret is
/// printed once (stdout, alone on its line, so scripts can capture it); the database keeps only its hash.
/// </summary>
internal static class KeysCommand
{
    public static Command Create()
    {
        var role = new Option<string>("--role") { Description = $"Role of the key: {string.Join(", ", ApiKeyStore.Roles)}.", Required = true };
        var lender = new Option<string?>("--lender") { Description = "The lender the key acts for (required for role lender)." };
        var db = new Option<string?>("--db") { Description = "Database: sqlite:PATH, postgres://user@host:port/db, Host=...;..., or sqlserver:... (default sqlite:.creditalt/creditalt.db)." };
        var createDb = DbCommand.CreateOption();
        var create = new Command("create", "Issue a new API key; prints the secret once.") { role, lender, db, createDb };
        create.SetAction(parse => Storage.RunAsync(() => Task.FromResult(CreateKey(parse.GetValue(role)!, parse.GetValue(lender), parse.GetValue(db), parse.GetValue(createDb)))).GetAwaiter().GetResult());

        return new Command("keys", "Manage API keys for the scoring API.") { create };
    }

    private static int CreateKey(string role, string? lender, string? db, bool createDb)
    {
        if (!ApiKeyStore.Roles.Contains(role))
            throw new UserInputException($"--role must be one of {string.Join(", ", ApiKeyStore.Roles)}, got '{role}'");
        if (role == "lender" && string.IsNullOrWhiteSpace(lender))
            throw new UserInputException("--lender is required for a lender key (the lender whose decisions it records and reads)");
        if (role != "lender" && !string.IsNullOrWhiteSpace(lender))
            throw new UserInputException($"--lender applies only to lender keys, not to role {role}");
        if (lender is { Length: > 64 })
            throw new UserInputException("--lender may be at most 64 characters");

        var database = Storage.Open(db, create: createDb, offerCreate: true);

        try
        {
            var issued = database.ApiKeys.CreateAsync(role, role == "lender" ? lender : null).GetAwaiter().GetResult();
            Console.Error.WriteLine($"created {issued.Key.Role} key {issued.Key.KeyId}{(issued.Key.LenderId is { } l ? $" for lender {l}" : "")}; the secret is shown only now:");
            Console.Out.WriteLine(issued.Secret);
            return 0;
        }
        catch (StorageUnavailableException ex)
        {
            throw new UserInputException($"--db: {ex.Message}");
        }
        finally
        {
            database.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
