using System.Globalization;
using CreditAlt.Transactions.Categorising;
using CreditAlt.Transactions.Deriving;
using CreditAlt.Transactions.Parsing;
using CreditAlt.Transactions.Synthetic;

namespace CreditAlt.Transactions.Tests.Categorising;

public sealed class CategoriserModelTests
{
    private static string Shipped => Path.Combine(RepoRoot.Find(), "models", "categoriser");

    [Fact]
    public void Shipped_HeldOutPayees_MacroF1AtLeast095_AsEvaluationMdSays()
    {
        // The held-out corpus train-categoriser evaluates on (seed 16 + 1), scored again with the shipped model file.
        var model = CategoriserModel.Load(Shipped);
        var heldOut = DescriptorCorpus.Generate(17, heldOut: true, perPayee: 4);
        var both = CategoriserScores.Of(heldOut, CategoriserModel.Predict(heldOut, model));
        var alone = CategoriserScores.Of(heldOut, CategoriserModel.PredictModelOnly(heldOut, model));

        Assert.True(both.MacroF1 >= 0.95, $"macro-F1 {both.MacroF1}");
        Assert.True(alone.MacroF1 >= 0.95, $"macro-F1 {alone.MacroF1}");
        var evaluation = File.ReadAllText(Path.Combine(Shipped, "evaluation.md"));
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"| the model alone | {alone.Accuracy:0.0000} | {alone.MacroF1:0.0000} |"), evaluation, StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"(as `ingest` runs) | {both.Accuracy:0.0000} | {both.MacroF1:0.0000} |"), evaluation, StringComparison.Ordinal);
    }

    [Fact]
    public void HeldOut_PayeesNeverInTraining()
    {
        var train = DescriptorCorpus.Generate(16, heldOut: false, perPayee: 4).Select(d => d.Payee).ToHashSet();
        var heldOut = DescriptorCorpus.Generate(17, heldOut: true, perPayee: 4).Select(d => d.Payee).ToHashSet();

        Assert.Empty(train.Intersect(heldOut));
    }

    [Fact]
    public void TryClassify_PayeeTheRulesMiss_ModelDecides()
    {
        var model = CategoriserModel.Load(Shipped);
        var text = Descriptor.Clean("BAYVIEW KIDS ACADEMY WEB PMT 20260301");
        var rules = new RuleCategoriser().Categorise(new BankTransaction("A", "T1", new DateOnly(2026, 3, 1), -900m, "BAYVIEW KIDS ACADEMY WEB PMT 20260301", null, null, null, false, null, null, ""), text);

        Assert.Equal("default:money-out", rules.DecidedBy);
        Assert.True(model.TryClassify(text, debit: true, out var category));
        Assert.Equal(TransactionCategory.Childcare, category);
        Assert.Equal("1.0.0", model.Version);
    }

    [Fact]
    public void Derive_SameInputSameModel_SameCategoriesByteForByte()
    {
        string Run()
        {
            using var stream = File.OpenRead(RepoRoot.Sample("fdx.json"));
            var set = TransactionReader.Read(stream, TransactionFormat.Fdx, "fdx.json");
            var d = new TransactionDeriver(CategoriserModel.Load(Shipped)).Derive(set, new DerivationRequest("APP-T1", "CUS-T1", new DateOnly(2026, 6, 30), 3000m));
            using var w = new StringWriter(CultureInfo.InvariantCulture);
            CategorisedCsv.Write(w, "APP-T1", d);
            return w.ToString();
        }

        var first = Run();
        Assert.Equal(first, Run());
        Assert.Contains(",model:1.0.0,", first, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_SameCorpusSameSeed_SamePredictions()
    {
        var train = DescriptorCorpus.Generate(3, heldOut: false, perPayee: 1);
        var heldOut = DescriptorCorpus.Generate(4, heldOut: true, perPayee: 1);
        var a = Path.Combine(Path.GetTempPath(), "categoriser-" + Guid.NewGuid().ToString("N"));
        var b = Path.Combine(Path.GetTempPath(), "categoriser-" + Guid.NewGuid().ToString("N"));
        try
        {
            CategoriserModel.Train(train, 3, "t", a);
            CategoriserModel.Train(train, 3, "t", b);
            Assert.Equal(CategoriserModel.PredictModelOnly(heldOut, CategoriserModel.Load(a)), CategoriserModel.PredictModelOnly(heldOut, CategoriserModel.Load(b)));
            Assert.Equal(File.ReadAllText(Path.Combine(a, CategoriserModel.MetadataFile)), File.ReadAllText(Path.Combine(b, CategoriserModel.MetadataFile)), StringComparer.Ordinal);
        }
        finally
        {
            Directory.Delete(a, true);
            Directory.Delete(b, true);
        }
    }
}
