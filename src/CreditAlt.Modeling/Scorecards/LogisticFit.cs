using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace CreditAlt.Modeling.Scorecards;

/// <summary>
/// Logistic regression of "bad" on a dense feature matrix with ML.NET's L-BFGS trainer. One thread and a seeded
/// <see cref="MLContext"/> make the fit deterministic: the same rows give the same coefficients bit for bit.
/// </summary>
public static class LogisticFit
{
    private sealed class Row
    {
        public bool Label { get; set; }

        public float[] Features { get; set; } = [];
    }

    private sealed class WeightedRow
    {
        public bool Label { get; set; }

        public float[] Features { get; set; } = [];

        public float Weight { get; set; }
    }

    /// <summary>
    /// Fits logit P(bad) = bias + Σ weight·x. <paramref name="columns"/> are feature columns of equal length;
    /// <paramref name="rowWeights"/>, when given, weight each row's log-likelihood (ML.NET's example weight).
    /// </summary>
    public static (double Bias, double[] Weights) Fit(IReadOnlyList<float[]> columns, ReadOnlySpan<bool> isBad, int seed, float l2 = 1f, ReadOnlySpan<double> rowWeights = default)
    {
        var k = columns.Count;
        // Unweighted rows keep their own row type (no weight column), so an unweighted fit is the same ML.NET run, bit
        // for bit, as before weights existed and the shipped scorecards stay reproducible.
        if (rowWeights.IsEmpty)
        {
            var rows = new Row[isBad.Length];
            for (var i = 0; i < rows.Length; i++) rows[i] = new Row { Label = isBad[i], Features = RowFeatures(columns, i) };
            return Train(rows, k, seed, l2, weightColumn: null);
        }

        var weighted = new WeightedRow[isBad.Length];
        for (var i = 0; i < weighted.Length; i++)
            weighted[i] = new WeightedRow { Label = isBad[i], Features = RowFeatures(columns, i), Weight = (float)rowWeights[i] };
        return Train(weighted, k, seed, l2, nameof(WeightedRow.Weight));
    }

    private static float[] RowFeatures(IReadOnlyList<float[]> columns, int row)
    {
        var features = new float[columns.Count];
        for (var j = 0; j < features.Length; j++) features[j] = columns[j][row];
        return features;
    }

    private static (double Bias, double[] Weights) Train<TRow>(TRow[] rows, int k, int seed, float l2, string? weightColumn)
        where TRow : class
    {
        var ml = new MLContext(seed);
        var schema = SchemaDefinition.Create(typeof(TRow));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, k);
        var data = ml.Data.LoadFromEnumerable(rows, schema);
        var trainer = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            LabelColumnName = nameof(Row.Label),
            FeatureColumnName = nameof(Row.Features),
            ExampleWeightColumnName = weightColumn,
            L1Regularization = 0,
            L2Regularization = l2,
            OptimizationTolerance = 1e-8f,
            NumberOfThreads = 1,
        });
        var model = trainer.Fit(data).Model.SubModel;
        var weights = new double[k];
        var w = model.Weights;
        for (var j = 0; j < k; j++) weights[j] = w[j];
        return (model.Bias, weights);
    }
}
