using System.CommandLine;
using System.Globalization;
using System.Text;
using CreditAlt.Core.Applications;
using CreditAlt.Core.Scoring;
using CreditAlt.Portfolio.Synthetic;
using CreditAlt.Transactions.Categorising;
using CreditAlt.Transactions.Deriving;
using CreditAlt.Transactions.Parsing;
using CreditAlt.Transactions.Synthetic;
using Spectre.Console;

namespace CreditAlt.Cli.Commands;

/// <summary>
/// <c>creditalt evaluate-transactions</c>: generates applications, synthesises their raw transactions with ground truth,
/// writes them in a wire format, reads them back through the pipeline and measures what it recovered
/// (docs/transactions.md, "Accuracy"). With --out, also leaves the transaction files and their truth behind.
/// </summary>
internal static class TransactionsEvalCommand
{
    public static Command Create()
    {
        var applications = new Option<long>("--applications", "-n") { Description = "Number of applications to generate.", Required = true };
        var seed = new Option<long>("--seed") { Description = "Seed of the generator.", Required = true };
        var model = new Option<string>("--model") { Description = "Scorecard directory for the decision agreement.", Required = true };
        var format = new Option<string>("--format") { Description = "fdx (default), plaid or csv: the wire format the transactions go through." };
        var report = new Option<string?>("--report") { Description = "Markdown file to write the figures to." };
        var write = new Option<string?>("--write") { Description = "Directory to leave the transaction files in (<application-id>.json or .csv, ready for creditalt ingest) with truth.csv (each transaction's true category and account)." };
        var categoriser = new Option<string?>("--categoriser") { Description = "Categoriser model directory, as for ingest (default models/categoriser when it exists; 'none' for the rules alone)." };
        var misses = new Option<string?>("--misses") { Description = "Text file to list every miss in: streams missed (with their transactions and how each was read) or spurious, months read wrong." };
        var heldOut = new Option<bool>("--held-out-payees") { Description = "Print every payee (obligations, employer, card merchants, P2P) under a name the categoriser never saw in training: the held-out name words of its corpus (docs/transactions.md)." };
        var command = new Command("evaluate-transactions", "Measure the transaction pipeline against synthetic ground truth: streams, month status, inflow, categories, decisions.");
        foreach (var o in new Option[] { applications, seed, model, format, report, write, categoriser, misses, heldOut }) command.Options.Add(o);
        command.SetAction(parse => Run(parse.GetValue(applications), parse.GetValue(seed), parse.GetValue(model)!, parse.GetValue(format) ?? "fdx", parse.GetValue(report), parse.GetValue(write), parse.GetValue(categoriser), parse.GetValue(misses), parse.GetValue(heldOut)));
        return command;
    }

    /// <summary>The per-application seed of the transaction synthesis: fixed by the portfolio seed and the index.</summary>
    public static int SynthesisSeed(long seed, long index) => unchecked((int)(seed * 1_000_003 + index * 2_654_435_761L));

    private static int Run(long count, long seed, string modelPath, string formatText, string? reportPath, string? writeDir, string? categoriserDir, string? missesPath = null, bool heldOutPayees = false)
    {
        if (count is < 1 or > 1_000_000) throw new UserInputException($"--applications: expected a number from 1 to 1000000, got {count}");
        if (!TransactionFormats.TryParse(formatText, out var format))
            throw new UserInputException($"--format: expected {TransactionFormats.WireNames}, got '{formatText}'");
        var engine = new ScorecardEngine(ModelFiles.LoadScorecard(modelPath));
        var generator = new PortfolioGenerator(seed, count);
        using var missesWriter = missesPath is null ? null : new StreamWriter(missesPath, false, new UTF8Encoding(false), 1 << 16);
        var accuracy = new DerivationAccuracy { Misses = missesWriter };
        var classifier = IngestCommand.LoadCategoriser(categoriserDir);
        var deriver = new TransactionDeriver(classifier);
        long transactions = 0;
        if (writeDir is not null) Directory.CreateDirectory(writeDir);
        using var truthWriter = writeDir is null ? null : new StreamWriter(Path.Combine(writeDir, "truth.csv"), false, new UTF8Encoding(false), 1 << 16);
        truthWriter?.Write("application_id,transaction_id,category,obligation_account_id\n");
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("Synthesising and deriving", maxValue: count);
                for (long i = 0; i < count; i++, task.Increment(1))
                {
                    var application = generator.Generate(i).Application;
                    var synthetic = TransactionSynthesis.From(application, SynthesisSeed(seed, i), heldOutPayees);
                    if (synthetic is null) continue;
                    using var buffer = new MemoryStream();
                    TransactionWriters.Write(synthetic, format, buffer);
                    buffer.Position = 0;
                    var set = TransactionReader.Read(buffer, format, application.ApplicationId);
                    var derivation = deriver.Derive(set, new DerivationRequest(application.ApplicationId, application.ApplicantId, application.AsOfDate, application.RequestedAmount));
                    var problems = ApplicationValidator.Validate(derivation.Application);
                    if (problems.Count > 0) throw new InvalidOperationException($"{application.ApplicationId}: derived application invalid: {string.Join("; ", problems)}");
                    accuracy.Add(synthetic, derivation);
                    var (truthDecision, derivedDecision) = (engine.Assess(synthetic.Truth), engine.Assess(derivation.Application));
                    accuracy.CountDecision(truthDecision.Decision == derivedDecision.Decision);
                    if (truthDecision.Decision != derivedDecision.Decision)
                        missesWriter?.WriteLine($"decision {application.ApplicationId}: truth {truthDecision.Decision} {truthDecision.Score} [{string.Join(' ', truthDecision.Reasons.Select(r => r.Code))}], derived {derivedDecision.Decision} {derivedDecision.Score} [{string.Join(' ', derivedDecision.Reasons.Select(r => r.Code))}]");
                    if (writeDir is not null) WriteFiles(writeDir, format, application.ApplicationId, buffer, synthetic, truthWriter!);
                    transactions += set.Transactions.Count;
                }
            });

        var text = Report(accuracy, count, seed, format, transactions, engine, classifier?.Version, heldOutPayees);
        Console.WriteLine(text);
        if (reportPath is not null) File.WriteAllText(reportPath, text, new UTF8Encoding(false));
        return 0;
    }

    private static void WriteFiles(string dir, TransactionFormat format, string id, MemoryStream wire, SyntheticTransactions s, StreamWriter truth)
    {
        File.WriteAllBytes(Path.Combine(dir, id + (format == TransactionFormat.Csv ? ".csv" : ".json")), wire.ToArray());
        for (var i = 0; i < s.Set.Transactions.Count; i++)
        {
            var txId = format == TransactionFormat.Csv ? "line-" + (i + 2).ToString(CultureInfo.InvariantCulture) : s.Set.Transactions[i].TransactionId;
            truth.Write(string.Create(CultureInfo.InvariantCulture, $"{id},{txId},{s.TruthCategory[i].ToWire()},{s.TruthAccount[i]}\n"));
        }
    }

    private static string Report(DerivationAccuracy a, long count, long seed, TransactionFormat format, long transactions, ScorecardEngine engine, string? categoriser, bool heldOutPayees)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(inv, $"Generated applications: {count} (seed {seed}); with bank data: {a.Applications}; transactions read ({format.ToWire()}): {transactions}; categorised by {(categoriser is null ? "the rules alone" : "the rules, then categoriser model " + categoriser)}\n\n");
        if (heldOutPayees)
            sb.Append("Payees: held out of the categoriser's training (`--held-out-payees`): every landlord, utility, telecom, childcare, insurance and other obligation, employer, card merchant and P2P counterparty is named with a held-out name word of `DescriptorCorpus`; dates, amounts and truth as without the option.\n\n");
        sb.Append("| obligation type | true streams found (TP) | spurious (FP) | missed (FN) | precision | recall |\n|---|---|---|---|---|---|\n");
        foreach (var type in ObligationTypes.All)
        {
            var (tp, fp, fn) = a.Streams(type);
            sb.Append(inv, $"| {type.ToWire()} | {tp} | {fp} | {fn} | {Ratio(tp, tp + fp)} | {Ratio(tp, tp + fn)} |\n");
        }

        sb.Append(inv, $"\nMonth status (on time / late / missing) right: {a.MonthsRight} of {a.Months} ({Ratio(a.MonthsRight, a.Months)})\n");
        sb.Append("\n| true status \\ derived | on time | late | missing | no derived record |\n|---|---|---|---|---|\n");
        for (var t = 0; t < 3; t++)
            sb.Append(inv, $"| {DerivationAccuracy.StatusNames[t].Replace('_', ' ')} | {a.StatusCount(t, 0)} | {a.StatusCount(t, 1)} | {a.StatusCount(t, 2)} | {a.StatusCount(t, 3)} |\n");
        sb.Append('\n');
        sb.Append(inv, $"Monthly inflow within 1 %: {a.InflowWithin1Pct} of {a.InflowMonths} ({Ratio(a.InflowWithin1Pct, a.InflowMonths)})\n");
        sb.Append(inv, $"Same decision ({engine.Model.ModelId} {engine.Model.Version}) from the derived and the true application: {a.DecisionsAgree} of {a.DecisionsCompared} ({Ratio(a.DecisionsAgree, a.DecisionsCompared)})\n\n");
        sb.Append("| category | support | precision | recall |\n|---|---|---|---|\n");
        foreach (var c in TransactionCategories.All)
        {
            var (p, r, support) = a.Category(c);
            if (support == 0 && double.IsNaN(p)) continue;
            sb.Append(inv, $"| {c.ToWire()} | {support} | {(double.IsNaN(p) ? "–" : p.ToString("0.0000", inv))} | {(double.IsNaN(r) ? "–" : r.ToString("0.0000", inv))} |\n");
        }

        sb.Append(inv, $"\nCategorisation macro-F1 over the categories present: {a.MacroF1():0.0000}\n");
        return sb.ToString();
    }

    private static string Ratio(long num, long den) => den == 0 ? "–" : ((double)num / den).ToString("0.0000", CultureInfo.InvariantCulture);
}
