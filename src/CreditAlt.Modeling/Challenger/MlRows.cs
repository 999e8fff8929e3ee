using Microsoft.ML;
using Microsoft.ML.Data;

namespace CreditAlt.Modeling.Challenger;

// ML.NET binds these by reflection, so they are public; nobody outside the challenger uses them.

/// <summary>One row as ML.NET reads it: the attribute vector and the outcome (true = defaulted).</summary>
public sealed class ChallengerMlInput
{
    public float[] Features { get; set; } = [];

    public bool Label { get; set; }
}

/// <summary>What the scoring pipeline returns: LightGBM's raw score (log-odds of default, up to the calibrator) and the per-attribute contributions to it.</summary>
public sealed class ChallengerMlOutput
{
    public float Score { get; set; }

    public float Probability { get; set; }

    public float[] FeatureContributions { get; set; } = [];
}

internal static class MlRows
{
    public const string FeatureColumn = "Features";

    public static SchemaDefinition Schema(int columns)
    {
        var schema = SchemaDefinition.Create(typeof(ChallengerMlInput));
        schema[nameof(ChallengerMlInput.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, columns);
        return schema;
    }

    public static IDataView Load(MLContext ml, ChallengerDataSet data) =>
        ml.Data.LoadFromEnumerable(Enumerate(data), Schema(data.Columns));

    private static IEnumerable<ChallengerMlInput> Enumerate(ChallengerDataSet data)
    {
        for (var r = 0; r < data.Rows; r++)
            yield return new ChallengerMlInput { Features = data.Row(r).ToArray(), Label = data.Bad[r] };
    }
}
