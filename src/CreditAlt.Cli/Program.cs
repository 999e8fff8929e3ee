using System.CommandLine;
using CreditAlt.Cli.Commands;
using Spectre.Console;

namespace CreditAlt.Cli;

internal static class Program
{
    /// <summary>The width Spectre.Console lays out for when stdout is not a terminal: wider than any table the verbs print.</summary>
    internal const int PipedWidth = 4096;

    /// <summary>The command tree: every verb and its options.</summary>
    internal static RootCommand BuildRoot()
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
        root.Subcommands.Add(DisputesCommand.Create());
        root.Subcommands.Add(NoticesCommand.Create());
        root.Subcommands.Add(ImportCommand.Create());
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(ScoreCommand.Create());
        root.Subcommands.Add(ExplainCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(MonitorCommand.Create());
        root.Subcommands.Add(CompareCommand.Create());
        root.Subcommands.Add(ModelCardCommand.Create());
        root.Subcommands.Add(LdaCommand.Create());
        root.Subcommands.Add(IngestCommand.Create());
        root.Subcommands.Add(TransactionsEvalCommand.Create());
        root.Subcommands.Add(TrainCategoriserCommand.Create());
        root.Subcommands.Add(ConsentsCommand.Create());
        return root;
    }

    public static int Main(string[] args)
    {
        var root = BuildRoot();
        if (Console.IsOutputRedirected)
        {
            // Piped or redirected, Spectre.Console assumes 80 columns and wraps table cells (attribute ids split over two
            // lines). A file or a pipe has no width: lay tables out at their natural width.
            AnsiConsole.Profile.Width = PipedWidth;
        }

        return CliErrors.Run(() => root.Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false }));
    }
}
