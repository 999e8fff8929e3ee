using System.CommandLine;

namespace CreditAlt.Cli.Commands;

/// <summary><c>creditalt attributes</c>: prints the attribute catalogue (filled in with the catalogue).</summary>
internal static class AttributesCommand
{
    public static Command Create()
    {
        var command = new Command("attributes", "List the attribute catalogue.");
        command.SetAction(_ => 0);
        return command;
    }
}
