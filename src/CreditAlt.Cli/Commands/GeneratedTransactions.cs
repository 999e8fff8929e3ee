using System.Globalization;
using System.Text;
using CreditAlt.Core.Applications;
using CreditAlt.Portfolio.Csv;
using CreditAlt.Portfolio.Synthetic;
using CreditAlt.Transactions.Categorising;
using CreditAlt.Transactions.Parsing;
using CreditAlt.Transactions.Synthetic;

namespace CreditAlt.Cli.Commands;

/// <summary>What <c>generate --transactions</c> wrote.</summary>
internal sealed record GeneratedTransactionsSummary(long Applications, long Transactions);

/// <summary>
/// <c>creditalt generate --transactions</c>: for every generated application with bank data, its raw transactions in the
/// three wire formats and their ground truth (docs/transactions.md, "Generated transaction files"). One application at a
/// time is in memory; the synthesis is <see cref="TransactionSynthesis"/> with the seed <c>evaluate-transactions</c> uses, so
/// the same portfolio seed gives the same files there and here.
/// </summary>
internal static class GeneratedTransactions
{
    public const string Directory = "transactions";

    public static GeneratedTransactionsSummary Write(PortfolioGenerator generator, long seed, string portfolioDirectory, Action<long>? progress = null)
    {
        var root = Path.Combine(portfolioDirectory, Directory);
        var formats = new[] { (TransactionFormat.Fdx, "fdx", ".json"), (TransactionFormat.Plaid, "plaid", ".json"), (TransactionFormat.Csv, "csv", ".csv") };
        foreach (var (_, name, _) in formats) System.IO.Directory.CreateDirectory(Path.Combine(root, name));
        var truthDirectory = Path.Combine(root, "truth");
        System.IO.Directory.CreateDirectory(truthDirectory);

        var utf8 = new UTF8Encoding(false);
        using var categories = new StreamWriter(Path.Combine(root, "truth-transactions.csv"), false, utf8, 1 << 16);
        categories.Write("application_id,transaction_id,csv_line,account_id,date,amount,category,obligation_account_id\n");
        using var truth = PortfolioWriter.Create(truthDirectory, audit: false);
        long applications = 0, transactions = 0;
        for (long i = 0; i < generator.Applications; i++)
        {
            var application = generator.Generate(i).Application;
            var synthetic = TransactionSynthesis.From(application, TransactionsEvalCommand.SynthesisSeed(seed, i));
            if (synthetic is not null)
            {
                foreach (var (format, name, extension) in formats)
                {
                    using var file = File.Create(Path.Combine(root, name, application.ApplicationId + extension));
                    TransactionWriters.Write(synthetic, format, file);
                }

                WriteCategories(categories, application.ApplicationId, synthetic);
                truth.Write(synthetic.Truth);
                applications++;
                transactions += synthetic.Set.Transactions.Count;
            }

            if ((i & 63) == 63 || i == generator.Applications - 1) progress?.Invoke(i + 1);
        }

        return new GeneratedTransactionsSummary(applications, transactions);
    }

    // The CSV export has no transaction ids: its rows are named by line (the header is line 1), as ingest names them.
    private static void WriteCategories(StreamWriter w, string applicationId, SyntheticTransactions s)
    {
        var inv = CultureInfo.InvariantCulture;
        for (var i = 0; i < s.Set.Transactions.Count; i++)
        {
            var t = s.Set.Transactions[i];
            w.Write(string.Create(inv, $"{applicationId},{t.TransactionId},{i + 2},{t.AccountId},{t.Date:yyyy-MM-dd},{t.Amount:0.00},{s.TruthCategory[i].ToWire()},{s.TruthAccount[i]}\n"));
        }
    }
}
