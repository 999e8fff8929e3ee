using CreditAlt.Transactions.Synthetic;

namespace CreditAlt.Cli.Tests.Evaluate;

public sealed class EvaluateTransactionsTests
{
    [Fact]
    public void EvaluateTransactions_HeldOutPayees_SameTransactionsUnderHeldOutNames_ReportSaysSo()
    {
        using var dir = new TempDirectory();
        string[] Args(string name, params string[] more) =>
            ["evaluate-transactions", "-n", "12", "--seed", "42", "--model", RepositoryPaths.Of("models", "champion"), "--report", dir.File(name + ".md"), "--write", dir.File(name), .. more];

        var (usualCode, usualError) = CliRunner.Run(Args("usual"));
        var (heldOutCode, heldOutError) = CliRunner.Run(Args("held-out", "--held-out-payees"));

        Assert.Equal((0, ""), (usualCode, usualError));
        Assert.Equal((0, ""), (heldOutCode, heldOutError));
        var usual = File.ReadAllLines(dir.File("usual.md"));
        var heldOut = File.ReadAllLines(dir.File("held-out.md"));
        // The same applications and transactions (the first line counts them), and the report names the option.
        Assert.Equal(usual[0], heldOut[0]);
        Assert.StartsWith("Payees: held out of the categoriser's training (`--held-out-payees`)", heldOut[2], StringComparison.Ordinal);
        Assert.DoesNotContain(usual, l => l.StartsWith("Payees:", StringComparison.Ordinal));
        // The same truth, row for row; the files differ only in their descriptors, and no training name word or usual
        // furnisher is left in the held-out ones.
        Assert.Equal(File.ReadAllLines(Path.Combine(dir.File("usual"), "truth.csv")), File.ReadAllLines(Path.Combine(dir.File("held-out"), "truth.csv")));
        var files = Directory.GetFiles(dir.File("held-out"), "*.json");
        Assert.NotEmpty(files);
        var training = DescriptorCorpus.TrainingNameWords.ToHashSet(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            foreach (var usualName in (string[])["MAPLE COURT", "RIVERSIDE PROPERTY", "BLUEWAVE", "METRO POWER", "FRESHMART", "ACME WIDGETS", "J SMITH"])
                Assert.DoesNotContain(usualName, text.ToUpperInvariant(), StringComparison.Ordinal);
            var words = text.ToUpperInvariant().Split([' ', '"', '#', '*', ':', ',', '{', '}', '[', ']'], StringSplitOptions.RemoveEmptyEntries);
            Assert.DoesNotContain(words, training.Contains);
        }
    }
}
