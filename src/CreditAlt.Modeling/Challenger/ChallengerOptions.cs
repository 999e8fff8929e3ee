namespace CreditAlt.Modeling.Challenger;

/// <summary>
/// Hyper-parameters of the gradient-boosted challenger. Fixed values rather than a search, so that a
/// seed and a data set determine the model bit for bit. Row and feature subsampling stay off: with
/// them the result would still be seeded, but would change whenever the row order changes.
/// </summary>
public sealed record ChallengerOptions
{
    /// <value>Seed of the ML.NET context and of LightGBM. Default 7.</value>
    public int Seed { get; init; } = 7;

    /// <value>Boosting rounds. Default 400.</value>
    public int Iterations { get; init; } = 400;

    /// <value>Leaves per tree. Default 7: shallow trees, interactions between a few attributes only, smoother curves.</value>
    public int Leaves { get; init; } = 7;

    /// <value>Shrinkage per round. Default 0.05.</value>
    public double LearningRate { get; init; } = 0.05;

    /// <value>Fewest training rows in a leaf. Default 1,000, so that no leaf rests on a handful of defaults (and curves stay smooth).</value>
    public int MinimumRowsPerLeaf { get; init; } = 1000;

    /// <value>L2 penalty on leaf values. Default 1.</value>
    public double L2Regularization { get; init; } = 1.0;

    /// <value>
    /// Share of the training applicants kept out of the trees to fit the probability sigmoid (Platt scaling) on.
    /// Default 0.2. At 0 the sigmoid LightGBM comes with is kept (ML.NET's fixed slope −0.5, offset 0, not fitted).
    /// </value>
    public double CalibrationShare { get; init; } = 0.2;

    /// <value>Histogram bins per attribute. Default 255 (LightGBM's own default).</value>
    public int MaximumBinsPerAttribute { get; init; } = 255;
}
