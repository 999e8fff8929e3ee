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
        var classifier = LoadCategoriser(categoriserDir);
        long transactionsRead = 0, streams = 0;
        var watch = Stopwatch.StartNew();
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
                    var deriver = new TransactionDeriver(classifier);
                    using var read = new ReadAhead(inputs, format);
                    foreach (var (file, appId, custId, parsed) in read.Sets())
                    {
                        var set = consent.Check(file, appId, custId, parsed);
                        var derivation = deriver.Derive(set, new DerivationRequest(appId, custId, asOf, requested));
                        var problems = ApplicationValidator.Validate(derivation.Application);
                        if (problems.Count > 0)
                            throw new UserInputException($"{file}: the derived application '{appId}' is invalid:\n  " + string.Join("\n  ", problems));
                        if (json) File.WriteAllText(Path.Combine(temp, appId + ".json"), ApplicationJson.ToJson(derivation.Application, indented: true) + "\n");
                        else portfolio!.Write(derivation.Application);
                        CategorisedCsv.Write(categorised, appId, derivation);
                        affordability.Write(Affordability.Assess(derivation, terms).CsvRow(appId) + "\n");
                        transactionsRead += set.Transactions.Count;
                        streams += derivation.Streams.Count;
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

    /// <summary>
    /// Reads and parses the next files on another thread while the caller derives and writes the current one (the
    /// machine has two cores; reading is about a third of the work). At most <see cref="Capacity"/> parsed sets wait,
    /// so memory stays flat in the number of files. Sets come out in input order; a file that cannot be read or parsed
    /// throws its own exception when its turn comes, after every earlier file, exactly as reading in the loop did.
    /// </summary>
    private sealed class ReadAhead(List<(string File, string ApplicationId, string ApplicantId)> inputs, TransactionFormat format) : IDisposable
    {
        private const int Capacity = 4;
        private readonly System.Collections.Concurrent.BlockingCollection<(string File, string AppId, string CustId, TransactionSet? Set, Exception? Error)> _queue = new(Capacity);
        private readonly CancellationTokenSource _stop = new();
        private Task? _reader;

        public IEnumerable<(string File, string ApplicationId, string ApplicantId, TransactionSet Set)> Sets()
        {
            _reader = Task.Run(Read);
            foreach (var (file, appId, custId, set, error) in _queue.GetConsumingEnumerable())
            {
                if (error is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
                yield return (file, appId, custId, set!);
            }
        }

        private void Read()
        {
            try
            {
                foreach (var (file, appId, custId) in inputs)
                {
                    TransactionSet? set = null;
                    Exception? error = null;
                    try
                    {
                        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
                        set = TransactionReader.Read(stream, format, file);
                    }
                    catch (Exception ex)
                    {
                        error = ex;
                    }

                    _queue.Add((file, appId, custId, set, error), _stop.Token);
                    if (error is not null) break;
                }
            }
            catch (OperationCanceledException)
            {
                // The caller stopped early (an error in a later step): nothing more to read.
            }
            finally
            {
                _queue.CompleteAdding();
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _reader?.Wait();
            _queue.Dispose();
            _stop.Dispose();
        }
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
