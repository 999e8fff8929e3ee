namespace CreditAlt.Cli;

/// <summary>
/// A problem the user can fix (bad file, bad option value). Commands throw it; the top level
/// prints its message to stderr and exits 2, without a stack trace.
/// </summary>
public sealed class UserInputException(string message) : Exception(message);

internal static class CliErrors
{
    public const int UserError = 2;

    public static int Run(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (UserInputException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return UserError;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            // A file a verb did not check for itself: the message names it; a stack trace would add nothing.
            Console.Error.WriteLine($"error: {ex.Message}");
            return UserError;
        }
        catch (System.Data.Common.DbException ex)
        {
            // Wrong credentials, a missing schema, a server that refuses: the database's own words, on one line.
            Console.Error.WriteLine($"error: database: {ex.Message.Split('\n')[0]}");
            return UserError;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Disk full, no permission, a file locked by another process: the user's to fix, and the message says which file.
            Console.Error.WriteLine($"error: {ex.Message}");
            return UserError;
        }
    }
}
