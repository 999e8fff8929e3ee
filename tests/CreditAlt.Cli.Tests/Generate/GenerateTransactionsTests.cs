using CreditAlt.Portfolio.Csv;
using CreditAlt.Transactions.Parsing;

namespace CreditAlt.Cli.Tests.Generate;

public sealed class GenerateTransactionsTests
{
    [Fact]
    public void Generate_WithTransactions_WritesEveryFormatAndTheTruthForEachApplicationWithBankData()
    {
        using var dir = new TempDirectory();
        var outDir = dir.File("portfolio");

        var (code, error) = CliRunner.Run("generate", "-n", "40", "--seed", "7", "--out", outDir, "--transactions");

        Assert.Equal(0, code);
        Assert.Equal("", error);
        var root = Path.Combine(outDir, "transactions");
        // The applications with bank data are those with cash-flow months in the portfolio, and only they have files.
        var withBank = File.ReadLines(Path.Combine(outDir, "cashflow.csv")).Skip(1).Select(l => l[..l.IndexOf(',', StringComparison.Ordinal)]).Distinct().ToArray();
        Assert.NotEmpty(withBank);
        Assert.True(withBank.Length < 40);
        Assert.Equal(withBank, Names(root, "fdx", "*.json"));
        Assert.Equal(withBank, Names(root, "plaid", "*.json"));
        Assert.Equal(withBank, Names(root, "csv", "*.csv"));

        // Each format reads back to the same transactions (the JSON formats' pending copy and repeated id are dropped), one
        // truth row each; the truth applications are a portfolio of their own, with an obligation stream per paid account.
        var truthRows = File.ReadLines(Path.Combine(root, "truth-transactions.csv")).Skip(1).GroupBy(l => l[..l.IndexOf(',', StringComparison.Ordinal)]).ToDictionary(g => g.Key, g => g.Count());
        foreach (var id in withBank)
        {
            var counts = new[] { (TransactionFormat.Fdx, "fdx", ".json"), (TransactionFormat.Plaid, "plaid", ".json"), (TransactionFormat.Csv, "csv", ".csv") }
                .Select(f =>
                {
                    using var stream = File.OpenRead(Path.Combine(root, f.Item2, id + f.Item3));
                    return TransactionReader.Read(stream, f.Item1, id).Transactions.Count;
                }).Distinct().ToArray();
            Assert.Equal([truthRows[id]], counts);
        }

        using var truth = PortfolioReader.Open(Path.Combine(root, "truth"));
        var ids = new List<string>();
        while (truth.TryRead(out var application))
        {
            ids.Add(application!.ApplicationId);
            Assert.NotEmpty(application.CashFlow);
        }

        Assert.Equal(withBank, ids);

        // Ready for ingest: the FDX directory derives (synthetic data: no applicant, so no consent).
        var (ingested, ingestError) = CliRunner.Run("ingest", "--transactions", Path.Combine(root, "fdx"), "--format", "fdx", "--as-of", "2026-06-30", "--requested-amount", "3000",
            "--out", dir.File("ingested"), "--without-consent");
        Assert.Equal("", ingestError);
        Assert.Equal(0, ingested);
    }

    [Fact]
    public void Generate_WithTransactions_SameSeedSameBytes()
    {
        using var dir = new TempDirectory();
        Assert.Equal(0, CliRunner.Run("generate", "-n", "12", "--seed", "3", "--out", dir.File("a"), "--transactions").ExitCode);
        Assert.Equal(0, CliRunner.Run("generate", "-n", "12", "--seed", "3", "--out", dir.File("b"), "--transactions").ExitCode);
        var a = Directory.GetFiles(Path.Combine(dir.File("a"), "transactions"), "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        var b = Directory.GetFiles(Path.Combine(dir.File("b"), "transactions"), "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(a.Length, b.Length);
        for (var i = 0; i < a.Length; i++)
            Assert.Equal(File.ReadAllBytes(a[i]), File.ReadAllBytes(b[i]));
    }

    private static string[] Names(string root, string format, string pattern) =>
        [.. Directory.GetFiles(Path.Combine(root, format), pattern).Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!];
}
