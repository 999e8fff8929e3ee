using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using CreditAlt.Core.AbilityToPay;
using CreditAlt.Core.Applications;
using CreditAlt.Portfolio.Csv;
using CreditAlt.Transactions.Categorising;
using CreditAlt.Transactions.Deriving;
using CreditAlt.Transactions.Parsing;
using Spectre.Console;

namespace CreditAlt.Cli.Commands;

/// <summary>
/// <c>creditalt ingest</c>: raw bank transactions (FDX, aggregator JSON or bank CSV) to a portfolio in the bulk CSV
/// formats (or the application JSON form), plus transactions-categorised.csv (docs/transactions.md). All or nothing:
/// everything is written to a temporary directory beside --out and moved in only when every application succeeded.
/// </summary>
internal static class IngestCommand
{
    public static Command Create()
    {
        var transactions = new Option<string>("--transactions") { Description = "A transaction file, or a directory of files named <application-id>.json (fdx, plaid) or .csv, one per application, read in name order.", Required = true };
        var format = new Option<string>("--format") { Description = "fdx, plaid or csv.", Required = true };
        var applicationId = new Option<string?>("--application-id") { Description = "Application id (a single file only; in a directory the file name is the id)." };
        var applicantId = new Option<string?>("--applicant-id") { Description = "Applicant id (a single file: required; a directory: default is the application id)." };
        var asOf = new Option<string>("--as-of") { Description = "As-of date, yyyy-MM-dd: the day the application is judged on.", Required = true };
        var requested = new Option<string>("--requested-amount") { Description = "Requested amount in dollars (above 0; with a directory, the same for every application).", Required = true };
        var output = new Option<string>("--out", "-o") { Description = "Directory to write applications.csv, obligations.csv, payments.csv, cashflow.csv (or <id>.json with --json) and transactions-categorised.csv.", Required = true };
        var json = new Option<bool>("--json") { Description = "Write each application in the JSON form (<application-id>.json) instead of the CSV set." };
        var rate = new Option<decimal>("--annual-rate") { Description = "Annual rate of the product the requested amount is borrowed under (default 0.18: 18 %).", DefaultValueFactory = _ => ProductTerms.Default.AnnualRate };
        var term = new Option<int>("--term-months") { Description = "Number of monthly instalments of that product (default 36).", DefaultValueFactory = _ => ProductTerms.Default.TermMonths };
        var consent = new Option<string?>("--consent") { Description = "The applicant's consent record (JSON, docs/data-formats.md); with a directory of transactions, a directory of <application-id>.json consents." };
        var withoutConsent = new Option<bool>("--without-consent") { Description = "Derive without a consent: only for synthetic or test data (evaluate-transactions --write), never for an applicant's data." };
        var receivedAt = new Option<string?>("--received-at") { Description = "When the data was received, e.g. 2026-06-30T12:00:00Z: the instant the consent must be in force (default: now)." };
        var categoriser = new Option<string?>("--categoriser") { Description = "Categoriser model directory for what the rules leave as other spending or income (default models/categoriser when it exists; 'none' for the rules alone)." };

        var command = new Command("ingest", "Derive applications (obligations, payment histories, cash flow) from raw bank transactions.");
        foreach (var o in new Option[] { transactions, format, applicationId, applicantId, asOf, requested, output, json, consent, withoutConsent, receivedAt, categoriser, rate, term }) command.Options.Add(o);
        command.SetAction(parse => Run(parse.GetValue(transactions)!, parse.GetValue(format)!, parse.GetValue(applicationId), parse.GetValue(applicantId),
            parse.GetValue(asOf)!, parse.GetValue(requested)!, parse.GetValue(output)!, parse.GetValue(json),
            IngestConsent.From(parse.GetValue(consent), parse.GetValue(withoutConsent), parse.GetValue(receivedAt), parse.GetValue(transactions)!),
            parse.GetValue(categoriser), new ProductTerms(parse.GetValue(rate), parse.GetValue(term))));
        return command;
    }

    private static int Run(string source, string formatText, string? applicationId, string? applicantId, string asOfText, string requestedText, string outDir, bool json,
        IngestConsent consent, string? categoriserDir, ProductTerms terms)
    {
        if (terms.AnnualRate is < 0 or > 1) throw new UserInputException($"--annual-rate: expected a rate from 0 to 1 (0.18 for 18 %), got {terms.AnnualRate.ToString(CultureInfo.InvariantCulture)}");
        if (terms.TermMonths is < 1 or > 600) throw new UserInputException($"--term-months: expected a number of months from 1 to 600, got {terms.TermMonths}");
        if (!TransactionFormats.TryParse(formatText, out var format))
            throw new UserInputException($"--format: expected {TransactionFormats.WireNames}, got '{formatText}'");
        if (!DateOnly.TryParseExact(asOfText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var asOf))
            throw new UserInputException($"--as-of: expected a date as yyyy-MM-dd, got '{asOfText}'");
        if (!decimal.TryParse(requestedText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var requested)
            || requested <= 0 || requested > ApplicationLimits.MaxLargeAmount || requested != Math.Round(requested, 2))
            throw new UserInputException($"--requested-amount: expected an amount above 0 up to 10000000 with at most 2 decimals, got '{requestedText}'");

        var inputs = Inputs(source, format, applicationId, applicantId);
        var watch = Stopwatch.StartNew();
        // The categoriser model loads (a few tenths of a second) while the first files are read and parsed on the other
        // core; nothing is derived before it is loaded, and a bad --categoriser is still the first error reported.
        var load = Task.Run(() => LoadCategoriser(categoriserDir));
        var threads = Math.Max(1, Environment.ProcessorCount);
        var classifiers = new Lazy<CategoriserModel?[]>(() =>
        {
            var model = load.GetAwaiter().GetResult();
            return [.. Enumerable.Range(0, threads).Select(k => k == 0 ? model : model?.ForAnotherThread())];
        });
        // Applications are derived on every core, each by one thread with its own deriver (and categoriser engine); the
        // results come back in input order, so the files are the same bytes as from one loop.
        using var workers = new OrderedWorkers<(string File, string ApplicationId, string ApplicantId), DeriverOfThread, Derived>(
            inputs, [.. Enumerable.Range(0, threads).Select(k => new DeriverOfThread(k, classifiers))], capacity: 4 * threads,
            (deriver, input) => Derive(deriver, input, format, consent, asOf, requested, json, terms));
        load.GetAwaiter().GetResult();
        long transactionsRead = 0, streams = 0;
        try
        {
            // All or nothing: a bad file halfway leaves the output directory as it was.
            AtomicOutput.WriteDirectory(outDir, "--out", temp => AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask("Ingesting transactions", maxValue: inputs.Count);
                    using var portfolio = json ? null : PortfolioWriter.Create(temp, audit: false);
                    using var categorised = new StreamWriter(Path.Combine(temp, CategorisedCsv.FileName), false, new UTF8Encoding(false), 1 << 16);
                    CategorisedCsv.WriteHeader(categorised);
                    using var affordability = new StreamWriter(Path.Combine(temp, "affordability.csv"), false, new UTF8Encoding(false), 1 << 16);
                    affordability.Write(AffordabilityResult.CsvHeader + "\n");
                    foreach (var d in workers.Results())
                    {
                        if (json) File.WriteAllText(Path.Combine(temp, d.ApplicationId + ".json"), d.Json);
                        else portfolio!.Write(d.Application);
                        categorised.Write(d.Categorised);
                        affordability.Write(d.Affordability);
                        transactionsRead += d.Transactions;
                        streams += d.Streams;
                        task.Increment(1);
                    }

                    // The move into --out replaces files by name: a sources.csv left there by an earlier run must not
                    // attach its provenance to these applications.
                    if (!json && !File.Exists(Path.Combine(temp, PortfolioFiles.Sources)))
                        File.Delete(Path.Combine(outDir, PortfolioFiles.Sources));
                    return inputs.Count;
                }));
        }
        catch (TransactionFormatException ex)
        {
            throw new UserInputException(ex.Message);
        }

        watch.Stop();
        var seconds = Math.Max(watch.Elapsed.TotalSeconds, 1e-9);
        if (consent.Waived)
            Console.WriteLine("Derived without consent (--without-consent): synthetic or test data only.");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Ingested {inputs.Count} applications ({transactionsRead} transactions, {streams} obligation streams) into {outDir} in {watch.Elapsed.TotalSeconds:0.00} s ({transactionsRead / seconds:0} transactions/s)"));
        return 0;
    }

    /// <summary>What one application's file gives: its application and its rows of the other outputs, as text.</summary>
    private sealed record Derived(string ApplicationId, Application Application, string? Json, StringBuilder Categorised, string Affordability, int Transactions, int Streams);

    /// <summary>A worker thread's deriver, made when its first file is parsed (once the categoriser model is loaded).</summary>
    private sealed class DeriverOfThread(int index, Lazy<CategoriserModel?[]> classifiers)
    {
        private TransactionDeriver? _deriver;

        public TransactionDeriver Deriver => _deriver ??= new TransactionDeriver(classifiers.Value[index]);
    }

    // One file, start to end except the writing: read, parse, consent, derive, validate, format. Runs on a worker thread.
    private static Derived Derive(DeriverOfThread deriver, (string File, string ApplicationId, string ApplicantId) input, TransactionFormat format,
        IngestConsent consent, DateOnly asOf, decimal requested, bool json, ProductTerms terms)
    {
        var (file, appId, custId) = input;
        TransactionSet parsed;
        using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
            parsed = TransactionReader.Read(stream, format, file);
        var set = consent.Check(file, appId, custId, parsed);
        var derivation = deriver.Deriver.Derive(set, new DerivationRequest(appId, custId, asOf, requested));
        var problems = ApplicationValidator.Validate(derivation.Application);
        if (problems.Count > 0)
            throw new UserInputException($"{file}: the derived application '{appId}' is invalid:\n  " + string.Join("\n  ", problems));
        var categorised = new StringBuilder();
        CategorisedCsv.Append(categorised, appId, derivation);
        return new Derived(appId, derivation.Application,
            json ? ApplicationJson.ToJson(derivation.Application, indented: true) + "\n" : null,
            categorised, Affordability.Assess(derivation, terms).CsvRow(appId) + "\n",
            set.Transactions.Count, derivation.Streams.Count);
    }

    /// <value>models/categoriser: the shipped categoriser, used when --categoriser is not given and the directory exists.</value>
    public const string DefaultCategoriser = "models/categoriser";

    internal static CategoriserModel? LoadCategoriser(string? dir)
    {
        if (dir == "none") return null;
        if (dir is null && !Directory.Exists(DefaultCategoriser)) return null; // run outside the repository: the rules alone
        try
        {
            return CategoriserModel.Load(dir ?? DefaultCategoriser);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            throw new UserInputException($"--categoriser: {ex.Message}");
        }
    }

    private static List<(string File, string ApplicationId, string ApplicantId)> Inputs(string source, TransactionFormat format, string? applicationId, string? applicantId)
    {
        if (File.Exists(source))
        {
            if (applicationId is null) throw new UserInputException("--application-id: required with a single transaction file");
            if (applicantId is null) throw new UserInputException("--applicant-id: required with a single transaction file");
            return [(source, applicationId, applicantId)];
        }

        if (!Directory.Exists(source)) throw new UserInputException($"--transactions: no file or directory '{source}'");
        if (applicationId is not null) throw new UserInputException("--application-id: not allowed with a directory (each file's name is its application id)");
        var extension = format == TransactionFormat.Csv ? ".csv" : ".json";
        var files = Directory.GetFiles(source, "*" + extension).Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0) throw new UserInputException($"--transactions: no {extension} files in '{source}'");
        return files.Select(f => (f, Path.GetFileNameWithoutExtension(f), applicantId ?? Path.GetFileNameWithoutExtension(f))).ToList();
    }
}
