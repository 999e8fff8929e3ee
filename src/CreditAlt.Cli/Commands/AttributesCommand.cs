using System.CommandLine;
using CreditAlt.Core.Attributes;
using Spectre.Console;

namespace CreditAlt.Cli.Commands;

/// <summary><c>creditalt attributes [--markdown]</c>: the attribute catalogue as a table, or as docs/attributes.md.</summary>
internal static class AttributesCommand
{
    public static Command Create()
    {
        var markdown = new Option<bool>("--markdown") { Description = "Print docs/attributes.md (generated from the catalogue)." };
        var command = new Command("attributes", "List the attribute catalogue.") { markdown };
        command.SetAction(parse =>
        {
            if (parse.GetValue(markdown))
            {
                Console.Out.Write(AttributeDocument.Render());
                return 0;
            }
            var table = new Table().AddColumns("#", "id", "code", "window", "risk rises when", "changed by");
            for (var i = 0; i < AttributeCatalogue.Count; i++)
            {
                var a = AttributeCatalogue.All[i];
                table.AddRow(i.ToString(System.Globalization.CultureInfo.InvariantCulture), a.Id, a.ReasonCode, a.Window,
                    a.Direction == RiskDirection.HigherIsRiskier ? "higher" : "lower",
                    a.Actionability == Actionability.Actionable ? "applicant" : "time");
            }
            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }
}
