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
        if (!rowWeights.IsEmpty) return FitWeighted(columns, isBad, seed, l2, rowWeights);
        var n = isBad.Length;
        var k = columns.Count;
        var rows = new Row[n];
        for (var i = 0; i < n; i++)
        {
            var features = new float[k];
            for (var j = 0; j < k; j++) features[j] = columns[j][i];
            rows[i] = new Row { Label = isBad[i], Features = features };
        }

        var ml = new MLContext(seed);
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, k);
        var data = ml.Data.LoadFromEnumerable(rows, schema);
        var trainer = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            LabelColumnName = nameof(Row.Label),
            FeatureColumnName = nameof(Row.Features),
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

    private static (double Bias, double[] Weights) FitWeighted(IReadOnlyList<float[]> columns, ReadOnlySpan<bool> isBad, int seed, float l2, ReadOnlySpan<double> rowWeights)
    {
        var n = isBad.Length;
        var k = columns.Count;
        var rows = new WeightedRow[n];
        for (var i = 0; i < n; i++)
        {
            var features = new float[k];
            for (var j = 0; j < k; j++) features[j] = columns[j][i];
            rows[i] = new WeightedRow { Label = isBad[i], Features = features, Weight = (float)rowWeights[i] };
        }

        var ml = new MLContext(seed);
        var schema = SchemaDefinition.Create(typeof(WeightedRow));
        schema[nameof(WeightedRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, k);
        var data = ml.Data.LoadFromEnumerable(rows, schema);
        var trainer = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            LabelColumnName = nameof(WeightedRow.Label),
            FeatureColumnName = nameof(WeightedRow.Features),
            ExampleWeightColumnName = nameof(WeightedRow.Weight),
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
