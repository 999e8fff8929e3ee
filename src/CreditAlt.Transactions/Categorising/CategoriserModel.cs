using System.Globalization;
using System.Text;
using System.Text.Json;
using CreditAlt.Transactions.Deriving;
using CreditAlt.Transactions.Parsing;
using CreditAlt.Transactions.Synthetic;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms.Text;
using static CreditAlt.Transactions.Categorising.TransactionCategory;

namespace CreditAlt.Transactions.Categorising;

/// <summary>
/// The ML.NET text classifier that categorises what the rules leave as other spending or other income
/// (docs/transactions.md, "Categoriser model"): the cleaned descriptor and the direction of the money, featurised as
/// character 3-grams and word 1–2-grams, into a multiclass maximum-entropy model (SDCA, one thread, seeded, so that the
/// same corpus gives the same model). Loaded from a directory holding <c>model.zip</c> and <c>categoriser.json</c>.
/// Not thread-safe (one prediction engine and a memo): one instance per deriver, as the deriver is per thread.
/// </summary>
public sealed class CategoriserModel : ITransactionClassifier
{
    public const string ModelFile = "model.zip";
    public const string MetadataFile = "categoriser.json";

    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly PredictionEngine<Row, Prediction> _engine;
    private readonly Dictionary<(string, bool), TransactionCategory?> _memo = new();

    private CategoriserModel(string version, MLContext ml, ITransformer model) =>
        (Version, _ml, _model, _engine) = (version, ml, model, ml.Model.CreatePredictionEngine<Row, Prediction>(model));

    /// <summary>
    /// Another instance for another thread: the same loaded model (read once), its own prediction engine and memo. The
    /// prediction is a function of the text alone, so which instance classifies a descriptor changes nothing.
    /// </summary>
    public CategoriserModel ForAnotherThread() => new(Version, _ml, _model);

    public string Version { get; }

    /// <summary>Loads the model of a directory written by <see cref="Train"/>; a missing or unreadable file is an <see cref="IOException"/> naming it.</summary>
    public static CategoriserModel Load(string directory)
    {
        var metadataPath = Path.Combine(directory, MetadataFile);
        var modelPath = Path.Combine(directory, ModelFile);
        if (!File.Exists(metadataPath)) throw new FileNotFoundException($"{metadataPath}: no categoriser metadata (expected a directory written by train-categoriser)");
        if (!File.Exists(modelPath)) throw new FileNotFoundException($"{modelPath}: no categoriser model (expected a directory written by train-categoriser)");
        using var doc = JsonDocument.Parse(File.ReadAllText(metadataPath));
        var version = doc.RootElement.TryGetProperty("version", out var v) && v.GetString() is { Length: > 0 } s
            ? s : throw new InvalidDataException($"{metadataPath}: $.version: expected a non-empty string");
        var ml = new MLContext(seed: 0);
        return new CategoriserModel(version, ml, ml.Model.Load(modelPath, out _));
    }

    /// <summary>The model's text: the cleaned descriptor and a token for the direction of the money.</summary>
    public static string Text(string cleanText, bool debit) => cleanText + (debit ? " ZZOUT" : " ZZIN");

    public bool TryClassify(string cleanText, bool debit, out TransactionCategory category)
    {
        if (!_memo.TryGetValue((cleanText, debit), out var found))
        {
            var predicted = _engine.Predict(new Row { Text = Text(cleanText, debit) }).PredictedLabel;
            // A category against the direction of the money (income paid out, rent received) is not taken.
            found = TransactionCategories.TryParse(predicted, out var c) && Fits(c, debit) ? c : null;
            _memo[(cleanText, debit)] = found;
        }

        category = found ?? default;
        return found is not null;
    }

    private static bool Fits(TransactionCategory c, bool debit) =>
        c != TransferOwn && (debit ? !c.IsIncome() : c.IsIncome() || c == TransferOther);

    /// <summary>Trains on the corpus and writes <c>model.zip</c> and <c>categoriser.json</c> into the directory.</summary>
    public static void Train(IReadOnlyList<LabelledDescriptor> corpus, int seed, string version, string directory)
    {
        var ml = new MLContext(seed: seed);
        var rows = corpus.Select(d => new Row { Text = Text(Descriptor.Clean(d.Description), d.Debit), Label = d.Category.ToWire() }).ToList();
        var data = ml.Data.LoadFromEnumerable(rows);
        var featurise = new TextFeaturizingEstimator.Options
        {
            CaseMode = TextNormalizingEstimator.CaseMode.Upper,
            KeepDiacritics = false,
            KeepPunctuations = false,
            KeepNumbers = false,
            WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 2, UseAllLengths = true },
            CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = 3, UseAllLengths = false },
            Norm = TextFeaturizingEstimator.NormFunction.L2,
        };
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.Text.FeaturizeText("Features", featurise, nameof(Row.Text)))
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
            {
                NumberOfThreads = 1, // one thread: the same corpus and seed give the same weights
                MaximumNumberOfIterations = 30,
            }))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        var model = pipeline.Fit(data);
        Directory.CreateDirectory(directory);
        ml.Model.Save(model, data.Schema, Path.Combine(directory, ModelFile));
        File.WriteAllText(Path.Combine(directory, MetadataFile), string.Create(CultureInfo.InvariantCulture,
            $"{{\n  \"version\": \"{version}\",\n  \"seed\": {seed},\n  \"trainer\": \"SdcaMaximumEntropy (char 3-grams, word 1-2-grams)\",\n  \"trainingDescriptors\": {corpus.Count}\n}}\n"), new UTF8Encoding(false));
    }

    /// <summary>Predictions on labelled descriptors: by the model, or by the rule set alone (<paramref name="model"/> null).</summary>
    public static TransactionCategory[] Predict(IReadOnlyList<LabelledDescriptor> set, CategoriserModel? model)
    {
        var rules = new RuleCategoriser();
        var result = new TransactionCategory[set.Count];
        for (var i = 0; i < set.Count; i++)
        {
            var d = set[i];
            var clean = Descriptor.Clean(d.Description);
            var tx = new BankTransaction("A", "T", default, d.Debit ? -1m : 1m, d.Description, null, null, null, false, null, null, "");
            var c = rules.Categorise(tx, clean);
            // As in the deriver: the rules first, the model where they fell back to their default.
            result[i] = model is not null && c.DecidedBy.StartsWith("default:", StringComparison.Ordinal) && model.TryClassify(clean, d.Debit, out var m)
                ? m : c.Category;
        }

        return result;
    }

    /// <summary>Only the model, without the rules: what it learnt by itself.</summary>
    public static TransactionCategory[] PredictModelOnly(IReadOnlyList<LabelledDescriptor> set, CategoriserModel model)
    {
        var result = new TransactionCategory[set.Count];
        for (var i = 0; i < set.Count; i++)
        {
            var d = set[i];
            result[i] = model.TryClassify(Descriptor.Clean(d.Description), d.Debit, out var c) ? c : d.Debit ? OtherSpending : IncomeOther;
        }

        return result;
    }

    internal sealed class Row
    {
        public string Text { get; set; } = "";
        public string Label { get; set; } = "";
    }

    internal sealed class Prediction
    {
        public string PredictedLabel { get; set; } = "";
    }
}

/// <summary>Accuracy, per-class precision and recall, and macro-F1 of predictions against labels.</summary>
public sealed record CategoriserScores(double Accuracy, double MacroF1, IReadOnlyList<(TransactionCategory Category, int Support, double Precision, double Recall)> PerClass)
{
    public static CategoriserScores Of(IReadOnlyList<LabelledDescriptor> set, IReadOnlyList<TransactionCategory> predicted)
    {
        var n = TransactionCategories.All.Count;
        var tp = new int[n];
        var actual = new int[n];
        var called = new int[n];
        var right = 0;
        for (var i = 0; i < set.Count; i++)
        {
            actual[(int)set[i].Category]++;
            called[(int)predicted[i]]++;
            if (predicted[i] == set[i].Category) { tp[(int)predicted[i]]++; right++; }
        }

        var rows = new List<(TransactionCategory, int, double, double)>();
        double f1Sum = 0;
        foreach (var c in TransactionCategories.All)
        {
            var k = (int)c;
            if (actual[k] == 0) continue;
            var p = called[k] == 0 ? 0 : (double)tp[k] / called[k];
            var r = (double)tp[k] / actual[k];
            f1Sum += p + r == 0 ? 0 : 2 * p * r / (p + r);
            rows.Add((c, actual[k], p, r));
        }

        return new CategoriserScores(set.Count == 0 ? 0 : (double)right / set.Count, rows.Count == 0 ? 0 : f1Sum / rows.Count, rows);
    }
}
