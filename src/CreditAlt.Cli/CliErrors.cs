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
    }
}
