namespace CreditAlt.Modeling.Evaluation;

/// <summary>
/// What a model's decisions would be at an approve cut-off other than the shipped one, on the evaluated applicants:
/// the share approved (score at or above <see cref="Cutoff"/>), the bad rate among them and among the rest, and the
/// share of all bads the cut-off keeps out.
/// </summary>
public sealed record CutoffSensitivity(int Cutoff, int Approved, double ApprovalRate, double? ApprovedBadRate, double? BelowBadRate, double? BadsBelowShare);

/// <summary>
/// One retrained or rescaled variant of a scorecard: the setting changed (<c>pdo</c>, <c>minBinShare</c> or <c>seed</c>),
/// its value, whether it is the shipped value, and what the variant gives on its held-out applicants: attributes kept,
/// AUC of the points, the approve cut-off for the same probability of bad, approval rate and bad rate among the approved.
/// </summary>
public sealed record TrainingSensitivity(
    string Setting,
    double Value,
    bool Shipped,
    int Attributes,
    int Evaluated,
    double Auc,
    int ApproveAt,
    double ApprovalRate,
    double ApprovedBadRate);

/// <summary>The training-setting variants of a scorecard (docs/evaluation.md, "Sensitivity").</summary>
public sealed record SensitivityReport(IReadOnlyList<TrainingSensitivity> Training)
{
    /// <summary>Whether the variants that need retraining (minimum bin share, seeds) were run, or only the rescaling ones (PDO).</summary>
    public bool Retrained { get; init; }
}

public static class Sensitivity
{
    /// <summary>Cut-offs 10, 20, … points either side of the shipped one (PDO 20: each 10 points is a factor √2 in the odds).</summary>
    public static readonly int[] CutoffOffsets = [-40, -30, -20, -10, 0, 10, 20, 30, 40];

    /// <summary>
    /// Approval and bad rates at <paramref name="approveAt"/> plus each of <see cref="CutoffOffsets"/>, over the applicants
    /// given (scores and outcomes in the same order). Rates of an empty group are null.
    /// </summary>
    public static IReadOnlyList<CutoffSensitivity> Cutoffs(ReadOnlySpan<int> score, ReadOnlySpan<bool> bad, int approveAt)
    {
        if (score.Length != bad.Length) throw new ArgumentException($"{score.Length} scores for {bad.Length} outcomes.");
        var totalBads = 0;
        foreach (var b in bad) if (b) totalBads++;
        var rows = new List<CutoffSensitivity>(CutoffOffsets.Length);
        foreach (var offset in CutoffOffsets)
        {
            var cutoff = approveAt + offset;
            int approved = 0, approvedBads = 0;
            for (var i = 0; i < score.Length; i++)
            {
                if (score[i] < cutoff) continue;
                approved++;
                if (bad[i]) approvedBads++;
            }

            var below = score.Length - approved;
            var belowBads = totalBads - approvedBads;
            rows.Add(new CutoffSensitivity(
                cutoff,
                approved,
                score.Length == 0 ? 0 : (double)approved / score.Length,
                approved == 0 ? null : (double)approvedBads / approved,
                below == 0 ? null : (double)belowBads / below,
                totalBads == 0 ? null : (double)belowBads / totalBads));
        }

        return rows;
    }
}
