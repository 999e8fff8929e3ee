using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using CreditAlt.Audits;
using CreditAlt.Audits.Drivers;
using CreditAlt.Audits.Ledger;
using CreditAlt.Cli.Audit;
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
        var input = new Option<string?>("--input") { Description = "CSV file with a header row, one decision per row (or --db for the ledger)." };
        var joins = new Option<string[]>("--join") { Description = "CSV file joined to --input on --key (repeatable), e.g. demographics.csv and outcomes.csv; rows without a match count as missing." };
        var key = new Option<string?>("--key") { Description = "Key column for --join, present in --input and every join file (one row per key in a join file)." };
        var db = DbCommand.DbOption();
        db.Description = "Audit the decisions in the ledger with the demographics table instead of a CSV file; group counts are computed by the database. " + db.Description;
        var modelId = new Option<string?>("--model-id") { Description = "With --db: only decisions of this model." };
        var modelVersion = new Option<string?>("--model-version") { Description = "With --db: only decisions of this model version." };
        var decision = new Option<string?>("--decision-column") { Description = "Column holding the decision (required with --input)." };
        var favorable = new Option<string?>("--favorable-value") { Description = "Value of the decision column that is favourable (required with --input; with --db default approve)." };
        var groups = new Option<string[]>("--group-column") { Description = "Protected attribute column (repeatable). If no such column exists, columns NAME_p_GROUP are read as proxy probabilities." };
        var intersections = new Option<bool>("--intersections") { Description = "Also audit every intersection of the attributes." };
        var reference = new Option<string[]>("--reference-group") { Description = "Reference group as ATTRIBUTE=GROUP (repeatable); overrides the control group of --config." };
        var config = new Option<string?>("--config") { Description = "Audit configuration (JSON): control and protected groups per attribute, adverse and refer values, alpha, SMD threshold (docs/fairness.md). Default control groups: race/ethnicity white, sex male, age 25-61." };
        var challengerInput = new Option<string?>("--challenger-input") { Description = "The challenger's decisions on the same applicants (same columns): audited with the same settings and reported side by side with --input's (the champion's)." };
        var pdColumn = new Option<string?>("--pd-column") { Description = "Column with the model's predicted probability of default (calibration: mean predicted PD against the observed bad rate)." };
        var truthColumn = new Option<string?>("--truth-column") { Description = "Column with a true probability of default, where a data set has one: approval by group within bands of true risk." };
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
        var decisionKind = new Option<string>("--decision")
        {
            Description = "With --db: model (the model's decisions) or final (the underwriter's final action where there is one, else the model's decision; adds override rates by group).",
            DefaultValueFactory = _ => "model",
        };
        var model = new Option<string?>("--model") { Description = "The scorecard that made the decisions (directory or scorecard.json), with --data: adds the drivers-and-proxies table and the model's own attributes as controls (docs/fairness.md)." };
        var portfolio = new Option<string?>("--data") { Description = "With --model: the portfolio directory the decisions were made on (its demographics.csv gives the groups)." };

        var command = new Command("audit", "Fairness audit of decisions in a CSV file: disparity by protected group with intervals and tests, controlled regression, reports.");
        foreach (var option in new Option[] { input, joins, key, db, modelId, modelVersion, decision, favorable, groups, intersections, reference, config, challengerInput, pdColumn, truthColumn, score, outcome, bad, controls, segment, minGroup, surnames, geography, surnameColumn, geographyColumn, bisgName, generatedAt, output, model, portfolio })
        {
            command.Options.Add(option);
        }

        command.Options.Add(decisionKind);

        command.SetAction((parse, ct) =>
        {
            if (parse.GetResult(db) is not null)
            {
                if (parse.GetValue(input) is not null)
                {
                    throw new UserInputException("give either --input (a CSV file) or --db (the ledger), not both");
                }

                foreach (var unsupported in new Option[] { joins, key, decision, score, outcome, bad, controls, segment, pdColumn, truthColumn, challengerInput, surnames, geography, surnameColumn, geographyColumn, model, portfolio })
                {
                    if (parse.GetResult(unsupported) is not null)
                    {
                        throw new UserInputException($"{unsupported.Name} is not available with --db (the ledger holds decision and score; demographics come from its demographics table)");
                    }
                }

                var finalDecisions = parse.GetValue(decisionKind) switch
                {
                    "model" => false,
                    "final" => true,
                    var other => throw new UserInputException($"--decision: expected model or final, got '{other}'"),
                };
                return LedgerRun(
                    parse.GetValue(db),
                    parse.GetValue(groups) ?? [],
                    parse.GetValue(favorable) ?? "approve",
                    parse.GetValue(modelId),
                    parse.GetValue(modelVersion),
                    parse.GetValue(intersections),
                    parse.GetValue(reference) ?? [],
                    parse.GetValue(minGroup),
                    parse.GetValue(generatedAt),
                    parse.GetValue(output)!,
                    LoadConfig(parse.GetValue(config)),
                    ct,
                    finalDecisions);
            }

            if (parse.GetResult(decisionKind) is { Implicit: false })
            {
                throw new UserInputException("--decision is only available with --db (final actions are recorded in the ledger)");
            }

            if (parse.GetValue(input) is null)
            {
                throw new UserInputException("name the decisions with --input FILE.csv (or --db for the ledger)");
            }

            if (parse.GetValue(decision) is null || parse.GetValue(favorable) is null)
            {
                throw new UserInputException("--input needs --decision-column and --favorable-value");
            }

            var joinFiles = parse.GetValue(joins) ?? [];
            if (joinFiles.Length > 0 && parse.GetValue(key) is null)
            {
                throw new UserInputException("--join needs --key (the column that matches rows, e.g. application_id)");
            }

            var spec = new CsvAuditSpec(
                parse.GetValue(decision)!,
                parse.GetValue(favorable)!,
                parse.GetValue(groups) ?? [],
                parse.GetValue(score),
                parse.GetValue(outcome),
                parse.GetValue(bad),
                parse.GetValue(controls) ?? [],
                parse.GetValue(segment))
            {
                PdColumn = parse.GetValue(pdColumn),
                TruthColumn = parse.GetValue(truthColumn),
            };
            return Task.FromResult(Run(
                parse.GetValue(input)!,
                joinFiles,
                parse.GetValue(key),
                spec,
                parse.GetValue(intersections),
                parse.GetValue(reference) ?? [],
                parse.GetValue(minGroup),
                (parse.GetValue(surnames), parse.GetValue(geography), parse.GetValue(surnameColumn), parse.GetValue(geographyColumn), parse.GetValue(bisgName)!),
                parse.GetValue(generatedAt),
                parse.GetValue(output)!,
                LoadConfig(parse.GetValue(config)),
                parse.GetValue(challengerInput),
                ModelSide.Load(parse.GetValue(model), parse.GetValue(portfolio), parse.GetValue(key))));
        });
        return command;
    }

    private static int Run(
        string path,
        string[] joinFiles,
        string? key,
        CsvAuditSpec spec,
        bool intersections,
        string[] referenceGroups,
        int minGroupSize,
        (string? Surnames, string? Geography, string? SurnameColumn, string? GeographyColumn, string Name) bisg,
        string? generatedAt,
        string directory,
        AuditConfig config,
        string? challengerPath,
        ModelSide? modelSide)
    {
        CheckMinGroupSize(minGroupSize);
        if (spec.OutcomeColumn is not null && spec.BadValue is null)
        {
            throw new UserInputException("--outcome-column needs --bad-value (the outcome value that means the applicant defaulted)");
        }

        var references = References(referenceGroups);
        var joined = new List<string>();
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
            if (modelSide is not null)
            {
                // The model's own attribute values join the decisions and enter the controlled regression as controls.
                var values = Path.Combine(Path.GetTempPath(), $"creditalt-audit-{Guid.NewGuid():N}-model-attributes.csv");
                joined.Add(values);
                IReadOnlyList<string> ids;
                using (var writer = new StreamWriter(values, false, new System.Text.UTF8Encoding(false), 1 << 16))
                {
                    ids = ModelDrivers.WriteAttributeValues(modelSide.Data, modelSide.Model, writer);
                }

                joinFiles = [.. joinFiles, values];
                var given = spec.ControlColumns ?? [];
                spec = spec with { ControlColumns = [.. given, .. ids.Where(id => !given.Contains(id))] };
            }

            (AuditInput Data, string Source) Load(string file)
            {
                string source = Path.GetFileName(file);
                if (joinFiles.Length > 0)
                {
                    // The joined file goes to a temporary file, not memory: the input may hold millions of decisions.
                    var temp = Path.Combine(Path.GetTempPath(), $"creditalt-audit-{Guid.NewGuid():N}.csv");
                    joined.Add(temp);
                    IReadOnlyList<JoinFileResult> joinResults;
                    using (var writer = new StreamWriter(temp, false, new System.Text.UTF8Encoding(false), 1 << 16))
                    {
                        joinResults = CsvJoin.Join(file, joinFiles, key!, writer);
                    }

                    foreach (var j in joinResults.Where(j => j.Unmatched > 0))
                    {
                        Console.WriteLine($"{j.Unmatched} of {j.Matched + j.Unmatched} rows of {Path.GetFileName(file)} have no row in {Path.GetFileName(j.File)}; they are audited with its columns missing.");
                    }

                    source = $"{source} joined with {string.Join(" and ", joinFiles.Take(joinFiles.Length - (modelSide is null ? 0 : 1)).Select(Path.GetFileName).Append(modelSide is null ? null : $"{modelSide.Model.ModelId}'s attribute values").OfType<string>())} on {key}";
                    file = temp;
                }

                AuditInput data = null!;
                bool large = File.Exists(file) && new FileInfo(file).Length > ProgressAbove;
                if (large && !Console.IsOutputRedirected)
                {
                    AnsiConsole.Progress()
                        .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                        .Start(ctx =>
                        {
                            var task = ctx.AddTask("Reading decisions", maxValue: 1.0);
                            data = CsvAuditReader.Read(file, spec, new Progress(f => task.Value = f));
                        });
                }
                else
                {
                    data = CsvAuditReader.Read(file, spec);
                }

                return (data, source);
            }

            var (data, source) = Load(path);
            var readTime = watch.Elapsed;
            var options = new AuditOptions
            {
                MinGroupSize = minGroupSize,
                Intersections = intersections,
                ReferenceGroups = references,
                Source = source,
                FavorableDescription = $"{spec.DecisionColumn} = {spec.FavorableValue}",
                GeneratedAt = generatedAt,
                TruthName = spec.TruthColumn,
            }.With(config);
            var report = AuditEngine.Run(data, options);
            if (modelSide is not null)
            {
                var labels = DemographicsFile.Read(Path.Combine(modelSide.Directory, "demographics.csv"), spec.GroupColumns, modelSide.Data.ApplicationIds);
                report = report with { Drivers = ModelDrivers.Analyse(modelSide.Data, modelSide.Model, spec.GroupColumns.Select((g, i) => (g, labels[i])).ToList(), options) };
            }

            var auditTime = watch.Elapsed - readTime;
            if (challengerPath is null)
            {
                WriteReport(report, directory);
            }
            else
            {
                // The challenger's decisions on the same applicants, audited with the same settings, side by side.
                var (challengerData, challengerSource) = Load(challengerPath);
                var challenger = AuditEngine.Run(challengerData, options with { Source = challengerSource });
                WriteReport(staging => { FairnessReportWriter.WriteSideBySide([("champion", report), ("challenger", challenger)], staging); }, directory);
            }

            int flags = report.Attributes.Sum(a => a.Groups.Count(g => g.Flagged));
            var inv = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Create(inv, $"Audited {data.RowCount} decisions over {report.Attributes.Count} attributes (read {readTime.TotalSeconds:0.00} s, audit {auditTime.TotalSeconds:0.00} s); {flags} group(s) flagged (practically and, after Holm adjustment, statistically significant)."));
            Console.WriteLine($"Wrote {Path.Combine(directory, "fairness-report.md")}, .html and .json");
            return 0;
        }
        catch (FairnessInputException ex)
        {
            throw new UserInputException(ex.Message);
        }
        finally
        {
            foreach (var file in joined)
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>The audit over the ledger: group counts from SQL aggregates, then the same summary as for a CSV file.</summary>
    private static Task<int> LedgerRun(
        string? dbText,
        string[] attributes,
        string favorable,
        string? modelId,
        string? modelVersion,
        bool intersections,
        string[] referenceGroups,
        int minGroupSize,
        string? generatedAt,
        string directory,
        AuditConfig config,
        CancellationToken ct,
        bool finalDecisions = false) => Storage.RunAsync(async () =>
    {
        CheckMinGroupSize(minGroupSize);
        if (attributes.Length == 0)
        {
            throw new UserInputException("name at least one protected attribute with --group-column (an attribute in the demographics table)");
        }

        var references = References(referenceGroups);
        await using var database = Storage.Open(dbText);
        var watch = Stopwatch.StartNew();
        var options = new AuditOptions
        {
            MinGroupSize = minGroupSize,
            Intersections = intersections,
            ReferenceGroups = references,
            Source = "decision ledger" + (finalDecisions ? ", final decisions" : string.Empty) + (modelId is null ? string.Empty : $", model {modelId}") + (modelVersion is null ? string.Empty : $" version {modelVersion}"),
            FavorableDescription = $"{(finalDecisions ? "final decision" : "decision")} = {favorable}",
            GeneratedAt = generatedAt,
        }.With(config);
        AuditCounts counts;
        try
        {
            if (Console.IsOutputRedirected)
            {
                counts = await LedgerAudit.CountsAsync(database, attributes, options, favorable, modelId, modelVersion, null, ct, nameDatabase: true, finalDecisions: finalDecisions);
            }
            else
            {
                counts = await AnsiConsole.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new ElapsedTimeColumn())
                    .StartAsync(async ctx =>
                    {
                        int queries = 1 + (intersections && attributes.Length > 1 ? 1 : attributes.Length);
                        var task = ctx.AddTask("Counting in the database", maxValue: queries);
                        var result = await LedgerAudit.CountsAsync(database, attributes, options, favorable, modelId, modelVersion, s =>
                        {
                            task.Description = $"Counting: {s}";
                            task.Increment(1);
                        }, ct, nameDatabase: true, finalDecisions: finalDecisions);
                        task.Value = queries;
                        return result;
                    });
            }
        }
        catch (FairnessInputException ex)
        {
            throw new UserInputException(ex.Message);
        }

        try
        {
            var report = AuditEngine.Summarise(counts, options);
            if (finalDecisions)
            {
                report = report with { Overrides = await LedgerAudit.OverridesAsync(database, attributes, report, modelId, modelVersion, ct) };
            }

            WriteReport(report, directory);
            int flags = report.Attributes.Sum(a => a.Groups.Count(g => g.Flagged));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Audited {counts.RowCount} ledger {(finalDecisions ? "final " : string.Empty)}decisions over {report.Attributes.Count} attributes in {watch.Elapsed.TotalSeconds:0.00} s; {flags} group(s) flagged (practically and, after Holm adjustment, statistically significant)."));
            Console.WriteLine($"Wrote {Path.Combine(directory, "fairness-report.md")}, .html and .json");
            return 0;
        }
        catch (FairnessInputException ex)
        {
            throw new UserInputException(ex.Message);
        }
    });

    /// <summary>The --config file, or the defaults (control groups white, male, 25-61) when none is given.</summary>
    private static AuditConfig LoadConfig(string? path)
    {
        try
        {
            return path is null ? new AuditConfig() : ControlGroups.Load(path);
        }
        catch (FairnessInputException ex)
        {
            throw new UserInputException($"--config: {ex.Message}");
        }
    }

    private static void CheckMinGroupSize(int minGroupSize)
    {
        if (minGroupSize < 1)
        {
            throw new UserInputException($"--min-group-size: expected a whole number of at least 1, got {minGroupSize}");
        }
    }

    private static Dictionary<string, string> References(string[] referenceGroups)
    {
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

        return references;
    }

    private static void WriteReport(AuditReport report, string directory) => WriteReport(staging => { FairnessReportWriter.Write(report, staging); }, directory);

    /// <summary>Writes the reports all or nothing: into a staging directory that replaces --out only when complete.</summary>
    private static void WriteReport(Action<string> write, string directory) =>
        AtomicOutput.WriteDirectory(directory, "--out", staging =>
        {
            write(staging);
            return 0;
        });

    /// <summary>The model and portfolio of <c>--model</c> and <c>--data</c>: the scorecard and every applicant's attributes.</summary>
    private sealed record ModelSide(CreditAlt.Core.Scoring.Scorecard Model, CreditAlt.Modeling.Training.PortfolioDataSet Data, string Directory)
    {
        public static ModelSide? Load(string? model, string? data, string? key)
        {
            if (model is null && data is null)
            {
                return null;
            }

            if (model is null || data is null)
            {
                throw new UserInputException("--model and --data go together: the scorecard and the portfolio its decisions were made on");
            }

            if (key is null)
            {
                throw new UserInputException("--model needs --key (the application id column that matches decisions to the portfolio, e.g. application_id)");
            }

            if (!System.IO.Directory.Exists(data))
            {
                throw new UserInputException($"--data: no directory '{data}'");
            }

            var scorecard = ModelFiles.LoadScorecard(model);
            try
            {
                return new ModelSide(scorecard, CreditAlt.Modeling.Training.PortfolioDataSet.Load(data), data);
            }
            catch (CreditAlt.Portfolio.Csv.PortfolioFormatException ex)
            {
                throw new UserInputException(ex.Message);
            }
            catch (InvalidDataException ex)
            {
                throw new UserInputException(ex.Message);
            }
        }
    }

    /// <summary>Synchronous progress (System.Progress posts to the thread pool and would lag behind).</summary>
    private sealed class Progress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
