using CreditAlt.Modeling.Challenger;
using CreditAlt.Modeling.Evaluation;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;

namespace CreditAlt.Modeling.Training;

/// <summary>
/// The attainable reference of docs/synthetic-data.md: how well a flexible model ranks risk from the catalogue
/// attributes alone, given a large sample — LightGBM (15 leaves, 400 rounds at 0.05, at least 400 rows a leaf, raw
/// values with missing values learned, no monotone or neutral-missing constraint) fitted on the same training rows as
/// the champion and judged on the same held-out applicants. The generator's truth also depends on latent state and
/// on shocks no attribute sees, so the oracle AUC of <c>true_pd</c> is out of reach; this is the ceiling a scorecard
/// should be judged against. One thread and a fixed seed make it reproducible.
/// </summary>
public static class AttainableReference
{
    public static double HeldOutAuc(PortfolioDataSet data, int[] trainRows, int[] heldOutRows, int seed)
    {
        var ml = new MLContext(seed);
        var train = MlRows.Load(ml, ChallengerTraining.Rows(data, trainRows));
        var trainer = ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
        {
            LabelColumnName = nameof(ChallengerMlInput.Label),
            FeatureColumnName = MlRows.FeatureColumn,
            NumberOfIterations = 400,
            NumberOfLeaves = 15,
            LearningRate = 0.05,
            MinimumExampleCountPerLeaf = 400,
            HandleMissingValue = true,
            UseZeroAsMissingValue = false,
            Seed = seed,
            Deterministic = true,
            ForceColumnWise = true,
            NumberOfThreads = 1,
            Silent = true,
            Verbose = false,
        });
        var model = trainer.Fit(train);
        var heldOut = ChallengerTraining.Rows(data, heldOutRows);
        var scores = model.Transform(MlRows.Load(ml, heldOut)).GetColumn<float>("Score").Select(s => (double)s).ToArray();
        return Metrics.Auc(scores, heldOut.Bad);
    }
}
