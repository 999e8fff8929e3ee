namespace CreditAlt.Modeling.Binning;

/// <summary>Settings of monotone optimal binning.</summary>
public sealed record BinningOptions
{
    /// <value>Quantile bins to start from before merging. Default 20.</value>
    public int FineBins { get; init; } = 20;

    /// <value>Smallest share of all rows an ordinary (range) bin may hold. Default 0.05.</value>
    public double MinBinShare { get; init; } = 0.05;

    /// <value>
    /// Added to both the good and the bad count of a bin that has no goods or no bads, so its WoE stays finite.
    /// Bins with both counts present are not smoothed. Default 0.5.
    /// </value>
    public double ZeroCountSmoothing { get; init; } = 0.5;

    /// <value>
    /// Pins the missing bin (no account of the kind, no bank data) at WoE 0, neutral evidence, whatever its bad rate:
    /// absence is not something an applicant can act on, and childcare absence is a proxy for family status (Regulation B
    /// §1002.6(b)(3)). Optional data can then only help (positive-only use). Default true.
    /// </value>
    public bool NeutralMissing { get; init; } = true;

    /// <value>
    /// Null (default): bad rates must move monotonically in the attribute's declared direction. A number: a peak (bad rate
    /// up, then down) or a valley (down, then up) is taken instead when its information value beats the best monotone
    /// binning's by more than this. Only for attributes whose direction is inferred from the data (tables), never for the
    /// catalogue, whose declared directions reasons and recourse rely on.
    /// </value>
    public double? PeakOrValleyMinGain { get; init; }

    public static BinningOptions Default { get; } = new();
}
