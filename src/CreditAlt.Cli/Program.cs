using System.CommandLine;
using CreditAlt.Cli.Commands;

namespace CreditAlt.Cli;

internal static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("CreditAlt: credit assessment from rent, utility, telecom and childcare payments and bank cash flow.");
        // One line per verb; each verb lives in Commands/<Verb>Command.cs.
        root.Subcommands.Add(AttributesCommand.Create());
        root.Subcommands.Add(KeysCommand.Create());
        root.Subcommands.Add(GenerateCommand.Create());
        root.Subcommands.Add(AuditCommand.Create());
        root.Subcommands.Add(DbCommand.Create());
        root.Subcommands.Add(LedgerCommand.Create());
        root.Subcommands.Add(DecisionsCommand.Create());
        root.Subcommands.Add(ImportCommand.Create());
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(ScoreCommand.Create());
        root.Subcommands.Add(ExplainCommand.Create());
        root.Subcommands.Add(MonitorCommand.Create());
        root.Subcommands.Add(CompareCommand.Create());
        root.Subcommands.Add(LdaCommand.Create());
        return CliErrors.Run(() => root.Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false }));
    }
}
