using CreditAlt.Core.Attributes;
using CreditAlt.Core.Scoring;

namespace CreditAlt.Modeling.Training;

/// <summary>How declined applicants (no observed outcome) enter training (docs/scorecard.md, "Reject inference").</summary>
public enum RejectInferenceMethod
{
    /// <summary>Accepted applicants only.</summary>
    None,

    /// <summary>Rejects get random good/bad labels at the accepts' bad rate of their score band, raised by <see cref="RejectInference.ParcellingUplift"/>.</summary>
    Parcelling,

    /// <summary>Each reject enters twice, as a bad weighted by its accepted-only PD and as a good weighted by one minus it.</summary>
    Fuzzy,
}

/// <summary>Which applicants' outcomes training may use.</summary>
/// <param name="AcceptedOnly">Train on observed outcomes only (outcomes.csv <c>observed</c> = 1), as a real lender must.</param>
/// <param name="RejectInference">With <paramref name="AcceptedOnly"/>: how the declined applicants are inferred.</param>
/// <param name="AttainableReference">Also fit the large-sample flexible model on the same training rows and report its held-out AUC.</param>
public sealed record TrainingSample(bool AcceptedOnly = false, RejectInferenceMethod RejectInference = RejectInferenceMethod.None, bool AttainableReference = false)
{
    public static TrainingSample AllOutcomes { get; } = new();
}

/// <summary>The rows, labels and weights a scorecard is fitted on after reject inference.</summary>
public sealed record AugmentedSample(int[] Rows, bool[] IsBad, double[]? Weights, int Accepted, int Rejected, double InferredRejectBadRate);

/// <summary>
/// The two standard augmentations of a known-good/bad (accepted) sample with the declined applicants, both starting
/// from a scorecard fitted on the accepts alone (Siddiqi, <i>Credit Risk Scorecards</i>, 2006, ch. 6; Anderson,
/// <i>The Credit Scoring Toolkit</i>, 2007, §11; Banasik and Crook, "Reject inference, augmentation, and sample
/// selection", EJOR 183, 2007):
/// <list type="bullet">
/// <item><b>Parcelling</b>: the accepts are cut into <see cref="ParcellingBands"/> bands of the accepted-only score
/// (deciles); the rejects of a band are labelled bad at random with the accepts' bad rate of that band times
/// <see cref="ParcellingUplift"/> (declined applicants are assumed worse than accepted ones of the same score).</item>
/// <item><b>Fuzzy augmentation</b>: every reject enters twice, as a bad with weight p and as a good with weight 1 − p,
/// p its accepted-only probability of default; accepts have weight 1.</item>
/// </list>
/// </summary>
public static class RejectInference
{
    /// <value>Ten score bands (deciles of the accepts' accepted-only scores).</value>
    public const int ParcellingBands = 10;

    /// <value>Rejects of a band are taken to be twice as likely to default as the accepts of that band.</value>
    public const double ParcellingUplift = 2.0;

    /// <summary>Augments <paramref name="accepted"/> with <paramref name="rejected"/> by <paramref name="method"/>.</summary>
    public static AugmentedSample Augment(PortfolioDataSet data, int[] accepted, int[] rejected, Scorecard acceptedOnly, RejectInferenceMethod method, int seed)
    {
        var acceptedBad = accepted.Select(i => data.IsBad[i]).ToArray();
        if (method == RejectInferenceMethod.None || rejected.Length == 0)
            return new AugmentedSample(accepted, acceptedBad, null, accepted.Length, 0, double.NaN);

        var rejectedPd = Probabilities(data, rejected, acceptedOnly, out var rejectedScore);
        if (method == RejectInferenceMethod.Fuzzy)
        {
            var rows = new int[accepted.Length + 2 * rejected.Length];
            var bad = new bool[rows.Length];
            var weights = new double[rows.Length];
            accepted.CopyTo(rows, 0);
            acceptedBad.CopyTo(bad, 0);
            Array.Fill(weights, 1.0, 0, accepted.Length);
            for (var k = 0; k < rejected.Length; k++)
            {
                var at = accepted.Length + 2 * k;
                rows[at] = rows[at + 1] = rejected[k];
                (bad[at], weights[at]) = (true, rejectedPd[k]);
                (bad[at + 1], weights[at + 1]) = (false, 1 - rejectedPd[k]);
            }

            return new AugmentedSample(rows, bad, weights, accepted.Length, rejected.Length, rejectedPd.Average());
        }

        // Parcelling: band edges from the accepts' scores, a seeded draw per reject in row order.
        Probabilities(data, accepted, acceptedOnly, out var acceptedScore);
        var sorted = acceptedScore.Order().ToArray();
        var edges = Enumerable.Range(1, ParcellingBands - 1).Select(b => sorted[(int)((long)b * sorted.Length / ParcellingBands)]).Distinct().ToArray();
        var bands = edges.Length + 1;
        var bads = new int[bands];
        var counts = new int[bands];
        for (var k = 0; k < accepted.Length; k++)
        {
            var b = Band(edges, acceptedScore[k]);
            counts[b]++;
            if (acceptedBad[k]) bads[b]++;
        }

        var random = new Random(seed);
        var labels = new bool[rejected.Length];
        for (var k = 0; k < rejected.Length; k++)
        {
            var b = Band(edges, rejectedScore[k]);
            var rate = counts[b] == 0 ? 0 : Math.Min(1, ParcellingUplift * bads[b] / counts[b]);
            labels[k] = random.NextDouble() < rate;
        }

        return new AugmentedSample([.. accepted, .. rejected], [.. acceptedBad, .. labels], null, accepted.Length, rejected.Length,
            labels.Count(l => l) / (double)rejected.Length);
    }

    /// <summary>Band of a score: the number of edges at or below it (edges ascending).</summary>
    private static int Band(int[] edges, int score)
    {
        var b = 0;
        while (b < edges.Length && score >= edges[b]) b++;
        return b;
    }

    /// <summary>The scorecard's probability of default and whole score for each row.</summary>
    public static double[] Probabilities(PortfolioDataSet data, int[] rows, Scorecard model, out int[] scores)
    {
        var engine = new ScorecardEngine(model);
        var catalogueRow = new double[AttributeCatalogue.Count];
        var modelRow = new double[model.Attributes.Count];
        var pd = new double[rows.Length];
        scores = new int[rows.Length];
        for (var k = 0; k < rows.Length; k++)
        {
            for (var a = 0; a < catalogueRow.Length; a++) catalogueRow[a] = data.Columns[a][rows[k]];
            engine.Gather(catalogueRow, modelRow);
            var raw = model.RawScore(modelRow);
            scores[k] = model.Clamp(raw);
            pd[k] = model.Scaling.ProbabilityOfBad(raw);
        }

        return pd;
    }
}
