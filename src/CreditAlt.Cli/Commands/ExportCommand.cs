using System.CommandLine;
using System.Text;
using CreditAlt.Core.Applications;
using CreditAlt.Portfolio.Csv;

namespace CreditAlt.Cli.Commands;

/// <summary>
/// <c>creditalt export --data DIR --application-id ID [--out FILE]</c>: one application of a CSV portfolio in the JSON
/// form that <c>explain</c> and the API take (indented, as data-samples/application.json), on stdout or into a file.
/// </summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Portfolio directory (applications.csv, obligations.csv, payments.csv, cashflow.csv).", Required = true };
        var id = new Option<string>("--application-id") { Description = "The application_id to export, e.g. APP-0000277.", Required = true };
        var output = new Option<string?>("--out", "-o") { Description = "JSON file to write (default: standard output)." };
        var command = new Command("export", "Write one application of a portfolio in the JSON form explain and the API take.") { data, id, output };
        command.SetAction(parse => Run(parse.GetValue(data)!, parse.GetValue(id)!, parse.GetValue(output)));
        return command;
    }

    private static int Run(string data, string applicationId, string? outFile)
    {
        if (!Directory.Exists(data)) throw new UserInputException($"--data: no directory '{data}'");
        var application = Find(data, applicationId)
            ?? throw new UserInputException($"--application-id: no application '{applicationId}' in {Path.Combine(data, PortfolioFiles.Applications)}");
        var text = ApplicationJson.ToJson(application, indented: true) + "\n";
        if (outFile is null)
        {
            Console.Out.Write(text);
            Console.Out.Flush();
            return 0;
        }

        var json = new UTF8Encoding(false).GetBytes(text);
        AtomicOutput.WriteFile(outFile, "--out", temporary =>
        {
            File.WriteAllBytes(temporary, json);
            return json.Length;
        });
        Console.Error.WriteLine($"Wrote {applicationId} to {outFile}");
        return 0;
    }

    /// <summary>
    /// Reads the portfolio up to the application. Every row before it is still read and checked (a malformed file is an
    /// error, not a silent skip); the files are sorted by id, so reading stops at the first larger one.
    /// </summary>
    private static Application? Find(string data, string applicationId)
    {
        try
        {
            using var reader = PortfolioReader.Open(data);
            while (reader.TryRead(out var application))
            {
                int order = string.CompareOrdinal(application.ApplicationId, applicationId);
                if (order == 0) return application;
                if (order > 0) return null;
            }

            return null;
        }
        catch (PortfolioFormatException ex)
        {
            throw new UserInputException(ex.Message);
        }
    }
}
