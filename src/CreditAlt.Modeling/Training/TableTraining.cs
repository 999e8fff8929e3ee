using CreditAlt.Core.Attributes;
using CreditAlt.Modeling.Binning;
using CreditAlt.Modeling.Evaluation;
using CreditAlt.Modeling.Scorecards;

namespace CreditAlt.Modeling.Training;

/// <summary>Cross-validated discrimination of the scorecard procedure on a table.</summary>
public sealed record CrossValidation(int Folds, double MeanAuc, IReadOnlyList<double> FoldAucs);

/// <summary>
/// Scorecards from any numeric table: each column's risk direction is inferred from the data (the sign of its
/// correlation with bad, on the rows the model is trained on) and recorded; folds are stratified by outcome and
/// dealt from a seeded shuffle, so cross-validation is reproducible.
/// </summary>
public static class TableTraining
{
    /// <summary>
    /// Settings for a table, where nothing is known of the columns beforehand and rows are usually few (docs/scorecard.md §7):
    /// 40 pre-bins and a 3 % minimum bin share, so that a rare category of a one-hot column (a 0/1 column) or a
    /// narrow risky range still gets a bin of its own; peak or valley shapes when they add more than 0.01 of IV (a
    /// column's direction is only a guess from its correlation); no IV floor (the logistic fit weighs weak columns
    /// itself); L2 3, which on few rows shrinks the many coefficients a little more. Measured on German Credit in
    /// docs/evaluation.md.
    /// </summary>
    public static ScorecardTrainingOptions DefaultOptions(int seed) => new()
    {
        Seed = seed,
        MinInformationValue = 0,
        L2Regularization = 3,
        Binning = BinningOptions.Default with { FineBins = 40, MinBinShare = 0.03, PeakOrValleyMinGain = 0.01 },
    };

    public static IReadOnlyList<CandidateAttribute> InferCandidates(NumericTable table, IReadOnlyList<int>? rows = null)
    {
        var candidates = new CandidateAttribute[table.Columns.Count];
        for (var c = 0; c < candidates.Length; c++)
        {
            var direction = CorrelationWithBad(table.Values[c], table.IsBad, rows) > 0 ? RiskDirection.HigherIsRiskier : RiskDirection.LowerIsRiskier;
            candidates[c] = new CandidateAttribute(table.Columns[c], table.Columns[c], direction, Actionability.Actionable, []);
        }

        return candidates;
    }

    public static ScorecardTrainingResult Train(NumericTable table, ScorecardTrainingOptions options) =>
        ScorecardTrainer.Train(InferCandidates(table), table.Values, table.IsBad, options);

    public static CrossValidation CrossValidate(NumericTable table, int folds, ScorecardTrainingOptions options)
    {
        if (folds < 2) throw new ArgumentOutOfRangeException(nameof(folds), "Cross-validation needs at least 2 folds.");
        var fold = AssignFolds(table.IsBad, folds, options.Seed);
        var aucs = new double[folds];
        for (var f = 0; f < folds; f++)
        {
            var train = Enumerable.Range(0, fold.Length).Where(i => fold[i] != f).ToArray();
            var test = Enumerable.Range(0, fold.Length).Where(i => fold[i] == f).ToArray();
            var candidates = InferCandidates(table, train);
            var result = ScorecardTrainer.Train(candidates, table.Values.Select(v => Subset(v, train)).ToArray(), Subset(table.IsBad, train), options);
            var model = result.Model;
            var index = model.Attributes.Select(a => table.Columns.ToList().IndexOf(a.Id)).ToArray();
            var risk = new double[test.Length];
            var bad = new bool[test.Length];
            var row = new double[index.Length];
            for (var t = 0; t < test.Length; t++)
            {
                for (var j = 0; j < index.Length; j++) row[j] = table.Values[index[j]][test[t]];
                risk[t] = -model.RawScore(row);
                bad[t] = table.IsBad[test[t]];
            }

            aucs[f] = Metrics.Auc(risk, bad);
        }

        return new CrossValidation(folds, aucs.Average(), aucs);
    }

    /// <summary>Stratified fold numbers: bads and goods each shuffled with the seed and dealt round-robin.</summary>
    public static int[] AssignFolds(bool[] isBad, int folds, int seed)
    {
        var fold = new int[isBad.Length];
        var random = new Random(seed);
        foreach (var cls in new[] { true, false })
        {
            var members = Enumerable.Range(0, isBad.Length).Where(i => isBad[i] == cls).ToArray();
            random.Shuffle(members);
            for (var k = 0; k < members.Length; k++) fold[members[k]] = k % folds;
        }

        return fold;
    }

    internal static T[] Subset<T>(T[] source, int[] rows)
    {
        var result = new T[rows.Length];
        for (var i = 0; i < rows.Length; i++) result[i] = source[rows[i]];
        return result;
    }

    private static double CorrelationWithBad(double[] values, bool[] isBad, IReadOnlyList<int>? rows)
    {
        double n = 0, sx = 0, sy = 0, sxy = 0, sxx = 0;
        var count = rows?.Count ?? values.Length;
        for (var k = 0; k < count; k++)
        {
            var i = rows?[k] ?? k;
            var x = values[i];
            if (double.IsNaN(x)) continue;
            var y = isBad[i] ? 1.0 : 0.0;
            n++;
            sx += x;
            sy += y;
            sxy += x * y;
            sxx += x * x;
        }

        return n == 0 ? 0 : sxy - sx * sy / n; // the covariance's sign is the correlation's sign
    }
}
