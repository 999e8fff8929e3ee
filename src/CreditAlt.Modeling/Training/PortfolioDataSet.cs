using System.Security.Cryptography;
using CreditAlt.Core.Attributes;
using CreditAlt.Portfolio.Csv;

namespace CreditAlt.Modeling.Training;

/// <summary>The known outcome of one application (outcomes.csv).</summary>
public readonly record struct KnownOutcome(bool Defaulted, double TruePd, int? BureauScore, bool Observed = true);

/// <summary>
/// A portfolio turned into training columns: the catalogue attributes of every application (computed as of its
/// own date), joined with outcomes.csv by application id. Column-major: <c>Columns[a][i]</c> is attribute a of row i.
/// </summary>
public sealed class PortfolioDataSet
{
    private PortfolioDataSet(string[] ids, double[][] columns, bool[] isBad, double[] truePd, int?[] bureau, bool[] observed, DateOnly[] asOf)
    {
        ApplicationIds = ids;
        Columns = columns;
        IsBad = isBad;
        TruePd = truePd;
        BureauScore = bureau;
        Observed = observed;
        AsOf = asOf;
    }

    /// <summary>Whether a lender observed the outcome (outcomes.csv <c>observed</c>: the historical policy approved the application).</summary>
    public bool[] Observed { get; }

    /// <summary>The as-of date of each application; several distinct dates make vintages (docs/synthetic-data.md).</summary>
    public DateOnly[] AsOf { get; }

    public IReadOnlyList<string> ApplicationIds { get; }

    public double[][] Columns { get; }

    public bool[] IsBad { get; }

    /// <summary>The generator's true probability of default, NaN where outcomes.csv gives none.</summary>
    public double[] TruePd { get; }

    public int?[] BureauScore { get; }

    public int Count => IsBad.Length;

    public bool HasTruePd => TruePd.Length > 0 && !TruePd.Any(double.IsNaN);

    /// <summary>Reads the portfolio in <paramref name="directory"/> and its outcomes.csv. <paramref name="progress"/> gets the bytes read.</summary>
    public static PortfolioDataSet Load(string directory, Action<long>? progress = null)
    {
        var outcomes = ReadOutcomes(Path.Combine(directory, PortfolioFiles.Outcomes));
        var columns = new List<double>[AttributeCatalogue.Count];
        for (var a = 0; a < columns.Length; a++) columns[a] = new List<double>(outcomes.Count);
        var ids = new List<string>(outcomes.Count);
        var bad = new List<bool>(outcomes.Count);
        var pd = new List<double>(outcomes.Count);
        var bureau = new List<int?>(outcomes.Count);
        var observed = new List<bool>(outcomes.Count);
        var asOf = new List<DateOnly>(outcomes.Count);
        var values = new double[AttributeCatalogue.Count];
        using var reader = PortfolioReader.Open(directory);
        while (reader.TryRead(out var application))
        {
            if (!outcomes.TryGetValue(application.ApplicationId, out var outcome))
                throw new PortfolioFormatException(PortfolioFiles.Applications, reader.Line, 1, "application_id",
                    $"an outcome row in {PortfolioFiles.Outcomes} for application {application.ApplicationId}");
            AttributeCalculator.Compute(application, values);
            for (var a = 0; a < values.Length; a++) columns[a].Add(values[a]);
            ids.Add(application.ApplicationId);
            bad.Add(outcome.Defaulted);
            pd.Add(outcome.TruePd);
            bureau.Add(outcome.BureauScore);
            observed.Add(outcome.Observed);
            asOf.Add(application.AsOfDate);
            if ((ids.Count & 1023) == 0) progress?.Invoke(reader.BytesRead);
        }

        progress?.Invoke(reader.BytesRead);
        return new PortfolioDataSet([.. ids], columns.Select(c => c.ToArray()).ToArray(), [.. bad], [.. pd], [.. bureau], [.. observed], [.. asOf]);
    }

    /// <summary>outcomes.csv: application_id, defaulted (0/1), true_pd (blank allowed), bureau_score (blank = no score), observed (0/1).</summary>
    public static Dictionary<string, KnownOutcome> ReadOutcomes(string path)
    {
        if (!File.Exists(path))
            throw new PortfolioFormatException(PortfolioFiles.Outcomes, 0, 0, null, $"no such file '{path}' (training and evaluation need the known outcome of every application)");
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using var csv = new CsvRecordReader(stream, PortfolioFiles.Outcomes, PortfolioFiles.OutcomesHeader);
        csv.ReadHeader();
        var result = new Dictionary<string, KnownOutcome>(StringComparer.Ordinal);
        while (csv.Read())
        {
            var id = csv.FieldString(0);
            var defaulted = csv.Field(1) switch
            {
                [(byte)'0'] => false,
                [(byte)'1'] => true,
                _ => throw csv.Error(1, "0 or 1"),
            };
            var truePd = double.NaN;
            if (!csv.Field(2).IsEmpty && !CsvFields.TryParseProbability(csv.Field(2), out truePd)) throw csv.Error(2, "a probability between 0 and 1, or nothing");
            int? score = null;
            if (!csv.Field(3).IsEmpty)
            {
                if (!CsvFields.TryParseCount(csv.Field(3), out var s)) throw csv.Error(3, "a whole bureau score, or nothing for no score");
                score = s;
            }

            var observed = csv.Field(4) switch
            {
                [(byte)'0'] => false,
                [(byte)'1'] => true,
                _ => throw csv.Error(4, "0 or 1 (1 = the outcome was observed: the application was approved)"),
            };
            if (!result.TryAdd(id, new KnownOutcome(defaulted, truePd, score, observed))) throw csv.Error(0, $"each application id once; {id} repeats");
        }

        return result;
    }

    /// <summary>SHA-256 of each input file, lower-case hex, keyed by file name (the training data fingerprint).</summary>
    public static SortedDictionary<string, string> Fingerprint(string directory)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in new[] { PortfolioFiles.Applications, PortfolioFiles.Obligations, PortfolioFiles.Payments, PortfolioFiles.CashFlow, PortfolioFiles.Outcomes })
        {
            var path = Path.Combine(directory, name);
            if (!File.Exists(path))
                throw new PortfolioFormatException(name, 0, 0, null, name == PortfolioFiles.Outcomes
                    ? $"no such file '{path}' (training and evaluation need the known outcome of every application)"
                    : $"no such file '{path}' (a portfolio is the four files applications.csv, obligations.csv, payments.csv, cashflow.csv)");
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
            result[name] = Convert.ToHexStringLower(SHA256.HashData(stream));
        }

        return result;
    }

    /// <summary>A seeded split: <paramref name="heldOutShare"/> of rows (rounded) go to the held-out set; both lists ascending.</summary>
    public static (int[] Train, int[] HeldOut) Split(int count, double heldOutShare, int seed)
    {
        var order = Enumerable.Range(0, count).ToArray();
        new Random(seed).Shuffle(order);
        var heldOut = (int)Math.Round(count * heldOutShare);
        var test = order[..heldOut];
        var train = order[heldOut..];
        Array.Sort(test);
        Array.Sort(train);
        return (train, test);
    }
}
