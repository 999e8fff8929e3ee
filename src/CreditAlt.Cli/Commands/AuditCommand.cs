using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using CreditAlt.Fairness;
using CreditAlt.Fairness.Audit;
using CreditAlt.Fairness.Input;
using CreditAlt.Fairness.Proxies;
using CreditAlt.Fairness.Reports;
using Spectre.Console;

namespace CreditAlt.Cli.Commands;

/// <summary><c>creditalt audit</c>: fairness audit of decisions in any CSV file (docs/fairness.md).</summary>
internal static class AuditCommand
{
    /// <summary>Files larger than this show a progress bar while they are read.</summary>
    private const long ProgressAbove = 16L << 20;

    public static Command Create()
    {
        var input = new Option<string>("--input") { Description = "CSV file with a header row, one decision per row.", Required = true };
        var decision = new Option<string>("--decision-column") { Description = "Column holding the decision.", Required = true };
        var favorable = new Option<string>("--favorable-value") { Description = "Value of the decision column that is favourable (e.g. approve).", Required = true };
        var groups = new Option<string[]>("--group-column") { Description = "Protected attribute column (repeatable). If no such column exists, columns NAME_p_GROUP are read as proxy probabilities." };
        var intersections = new Option<bool>("--intersections") { Description = "Also audit every intersection of the attributes." };
        var reference = new Option<string[]>("--reference-group") { Description = "Reference group as ATTRIBUTE=GROUP (repeatable); default: the group with the highest favourable rate." };
        var score = new Option<string?>("--score-column") { Description = "Column with the model score (numeric)." };
        var outcome = new Option<string?>("--outcome-column") { Description = "Column with the observed outcome." };
        var bad = new Option<string?>("--bad-value") { Description = "Value of the outcome column that marks a bad outcome (default)." };
        var controls = new Option<string[]>("--control-column") { Description = "Legitimate credit factor to control for in the regression (repeatable); numeric if every value is a number, otherwise text." };
        var segment = new Option<string?>("--segment-column") { Description = "Segment column: AIR per segment and a Cochran–Mantel–Haenszel test across segments." };
        var minGroup = new Option<int>("--min-group-size") { Description = "Groups with fewer applicants are reported but not judged.", DefaultValueFactory = _ => 30 };
        var surnames = new Option<string?>("--bisg-surnames") { Description = "Census surname table (name,pctwhite,pctblack,pctapi,pctaian,pct2prace,pcthispanic) for a BISG race proxy." };
        var geography = new Option<string?>("--bisg-geography") { Description = "Geography table: geography id, then a count column per group (white,black,api,aian,2prace,hispanic)." };
        var surnameColumn = new Option<string?>("--surname-column") { Description = "Column with the applicant's surname (for BISG)." };
        var geographyColumn = new Option<string?>("--geography-column") { Description = "Column with the applicant's geography id (for BISG)." };
        var bisgName = new Option<string>("--bisg-attribute") { Description = "Name of the BISG proxy attribute.", DefaultValueFactory = _ => "race" };
        var generatedAt = new Option<string?>("--generated-at") { Description = "Time stamp to print in the reports (none by default, so reruns give identical files)." };
        var output = new Option<string>("--out") { Description = "Directory for fairness-report.md, .html and .json.", Required = true };

        var command = new Command("audit", "Fairness audit of decisions in a CSV file: disparity by protected group with intervals and tests, controlled regression, reports.");
        foreach (var option in new Option[] { input, decision, favorable, groups, intersections, reference, score, outcome, bad, controls, segment, minGroup, surnames, geography, surnameColumn, geographyColumn, bisgName, generatedAt, output })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var spec = new CsvAuditSpec(
                parse.GetValue(decision)!,
                parse.GetValue(favorable)!,
                parse.GetValue(groups) ?? [],
                parse.GetValue(score),
                parse.GetValue(outcome),
                parse.GetValue(bad),
                parse.GetValue(controls) ?? [],
                parse.GetValue(segment));
            return Run(
                parse.GetValue(input)!,
                spec,
                parse.GetValue(intersections),
                parse.GetValue(reference) ?? [],
                parse.GetValue(minGroup),
                (parse.GetValue(surnames), parse.GetValue(geography), parse.GetValue(surnameColumn), parse.GetValue(geographyColumn), parse.GetValue(bisgName)!),
                parse.GetValue(generatedAt),
                parse.GetValue(output)!);
        });
        return command;
    }

    private static int Run(
        string path,
        CsvAuditSpec spec,
        bool intersections,
        string[] referenceGroups,
        int minGroupSize,
        (string? Surnames, string? Geography, string? SurnameColumn, string? GeographyColumn, string Name) bisg,
        string? generatedAt,
        string directory)
    {
        if (minGroupSize < 1)
        {
            throw new UserInputException($"--min-group-size: expected a whole number of at least 1, got {minGroupSize}");
        }

        if (spec.OutcomeColumn is not null && spec.BadValue is null)
        {
            throw new UserInputException("--outcome-column needs --bad-value (the outcome value that means the applicant defaulted)");
        }

        var references = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var r in referenceGroups)
        {
            int eq = r.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == r.Length - 1)
            {
                throw new UserInputException($"--reference-group: expected ATTRIBUTE=GROUP, got '{r}'");
            }

            references[r[..eq]] = r[(eq + 1)..];
        }

        try
        {
            var bisgGiven = new[] { bisg.Surnames, bisg.Geography, bisg.SurnameColumn, bisg.GeographyColumn };
            if (bisgGiven.Any(v => v is not null))
            {
                if (bisgGiven.Any(v => v is null))
                {
                    throw new UserInputException("BISG needs all of --bisg-surnames, --bisg-geography, --surname-column and --geography-column");
                }

                spec = spec with { Bisg = new BisgColumns(bisg.Name, Bisg.Load(bisg.Surnames!, bisg.Geography!), bisg.SurnameColumn!, bisg.GeographyColumn!) };
            }

            if (spec.GroupColumns.Count == 0 && spec.Bisg is null)
            {
                throw new UserInputException("name at least one protected attribute with --group-column (or a BISG proxy with --bisg-surnames …)");
            }

            var attributeNames = spec.GroupColumns.Concat(spec.Bisg is null ? [] : [spec.Bisg.Attribute]).ToList();
            foreach (var name in references.Keys.Where(k => !attributeNames.Contains(k) && !k.Contains(" × ", StringComparison.Ordinal)))
            {
                throw new UserInputException($"--reference-group: '{name}' is not an audited attribute (attributes: {string.Join(", ", attributeNames)})");
            }

            var watch = Stopwatch.StartNew();
            AuditInput data = null!;
            bool large = File.Exists(path) && new FileInfo(path).Length > ProgressAbove;
            if (large && !Console.IsOutputRedirected)
            {
                AnsiConsole.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                    .Start(ctx =>
                    {
                        var task = ctx.AddTask("Reading decisions", maxValue: 1.0);
                        data = CsvAuditReader.Read(path, spec, new Progress(f => task.Value = f));
                    });
            }
            else
            {
                data = CsvAuditReader.Read(path, spec);
            }

            var readTime = watch.Elapsed;
            var options = new AuditOptions
            {
                MinGroupSize = minGroupSize,
                Intersections = intersections,
                ReferenceGroups = references,
                Source = Path.GetFileName(path),
                FavorableDescription = $"{spec.DecisionColumn} = {spec.FavorableValue}",
                GeneratedAt = generatedAt,
            };
            var report = AuditEngine.Run(data, options);
            var auditTime = watch.Elapsed - readTime;
            try
            {
                FairnessReportWriter.Write(report, directory);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new UserInputException($"--out: cannot write to '{directory}': {ex.Message}");
            }

            int flags = report.Attributes.Sum(a => a.Groups.Count(g => g.FourFifthsFlag));
            var inv = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Create(inv, $"Audited {data.RowCount} decisions over {report.Attributes.Count} attributes (read {readTime.TotalSeconds:0.00} s, audit {auditTime.TotalSeconds:0.00} s); {flags} group(s) below four-fifths."));
            Console.WriteLine($"Wrote {Path.Combine(directory, "fairness-report.md")}, .html and .json");
            return 0;
        }
        catch (FairnessInputException ex)
        {
            throw new UserInputException(ex.Message);
        }
    }

    /// <summary>Synchronous progress (System.Progress posts to the thread pool and would lag behind).</summary>
    private sealed class Progress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
