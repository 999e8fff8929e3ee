using CreditAlt.Core.Attributes;
using CreditAlt.Core.Scoring;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;

namespace CreditAlt.Modeling.Challenger;

/// <summary>
/// Trains the gradient-boosted challenger with ML.NET's LightGBM on raw attribute values. Missing
/// values stay NaN: LightGBM learns on which side of each split they belong, so "no childcare account"
/// is not confused with "zero late childcare payments". One thread, deterministic mode and a fixed
/// seed make the trees a function of the data and the options.
/// </summary>
public static class ChallengerTrainer
{
    public static ChallengerModel Train(
        ChallengerDataSet train,
        IReadOnlyList<AttributeDefinition> attributes,
        ChallengerOptions options,
        IReadOnlyList<AttributeDefinition>? catalogue = null,
        DecisionPolicy? policy = null,
        ChallengerDataSet? calibration = null)
    {
        if (attributes.Count != train.Columns)
            throw new ArgumentException($"{attributes.Count} attributes for {train.Columns} columns.", nameof(attributes));
        var ml = new MLContext(seed: options.Seed);
        var data = MlRows.Load(ml, train);
        var trainer = ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
        {
            LabelColumnName = nameof(ChallengerMlInput.Label),
            FeatureColumnName = MlRows.FeatureColumn,
            NumberOfIterations = options.Iterations,
            NumberOfLeaves = options.Leaves,
            LearningRate = options.LearningRate,
            MinimumExampleCountPerLeaf = options.MinimumRowsPerLeaf,
            MaximumBinCountPerFeature = options.MaximumBinsPerAttribute,
            HandleMissingValue = true,
            UseZeroAsMissingValue = false,
            UseCategoricalSplit = false,
            Seed = options.Seed,
            Deterministic = true,
            ForceColumnWise = true,
            NumberOfThreads = 1,
            Silent = true,
            Verbose = false,
            Booster = new GradientBooster.Options
            {
                L2Regularization = options.L2Regularization,
                SubsampleFraction = 1.0,
                FeatureFraction = 1.0,
            },
        });
        var predictor = trainer.Fit(data);
        var calibrator = predictor.Model.Calibrator;
        var unfitted = new PlattParameters(calibrator.Slope, calibrator.Offset);
        var fitted = calibration is { Rows: > 0 } ? FitSigmoid(predictor, MlRows.Load(ml, calibration), calibration.Bad) : unfitted;
        var contributions = ml.Transforms.CalculateFeatureContribution(
            predictor, numberOfPositiveContributions: train.Columns, numberOfNegativeContributions: train.Columns, normalize: false);
        var scorer = predictor.Append(contributions.Fit(predictor.Transform(data)));

        var trainBads = train.Bad.Count(b => b);
        var fingerprint = train.Fingerprint();
        // Source, held-out size, version, cut-offs and evaluation are the caller's to fill in (WithMetadata).
        var metadata = new ChallengerMetadata
        {
            ModelVersion = fingerprint["sha256:".Length..][..12],
            Seed = options.Seed,
            Options = options,
            TrainingData = new ChallengerTrainingData("", fingerprint, train.Rows, train.Rows, 0, (double)trainBads / train.Rows),
            Attributes = [.. attributes.Select(a => a.Id)],
            Scaling = ScoreScaling.Default,
            BestValues = BestValues(train, attributes),
            Calibration = fitted,
            UnfittedCalibration = calibration is { Rows: > 0 } ? unfitted : null,
            CalibrationRows = calibration?.Rows ?? 0,
            Policy = policy ?? ChallengerMetadata.DefaultPolicy,
        };
        return new ChallengerModel(ml, scorer, predictor, data.Schema, metadata, attributes, catalogue ?? attributes);
    }

    /// <summary>
    /// Platt scaling: the logistic regression of the outcome on LightGBM's raw score over rows the trees never saw,
    /// P(bad) = 1 / (1 + exp(−(a + b·raw))), stored as slope −b and offset −a.
    /// </summary>
    private static PlattParameters FitSigmoid(ITransformer predictor, IDataView rows, bool[] bad)
    {
        var raw = predictor.Transform(rows).GetColumn<float>("Score").Select(v => (double)v).ToArray();
        var (a, b, _) = Evaluation.CalibrationFit.FitLine(raw, [.. bad.Select(x => x ? 1.0 : 0.0)]);
        return new PlattParameters(-b, -a);
    }

    /// <summary>The best ordinary (non-missing, non-special) value of each column in the direction of less risk.</summary>
    public static double?[] BestValues(ChallengerDataSet train, IReadOnlyList<AttributeDefinition> attributes)
    {
        var best = new double?[attributes.Count];
        for (var r = 0; r < train.Rows; r++)
        {
            var row = train.Row(r);
            for (var a = 0; a < best.Length; a++)
            {
                double v = row[a];
                if (double.IsNaN(v) || attributes[a].IsSpecial(v)) continue;
                var better = attributes[a].Direction == RiskDirection.HigherIsRiskier ? v < best[a] : v > best[a];
                if (best[a] is null || better) best[a] = v;
            }
        }

        return best;
    }
}
