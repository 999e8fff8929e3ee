using CreditAlt.Core.Scoring;
using CreditAlt.Modeling.Challenger;
using CreditAlt.Modeling.Evaluation;
using CreditAlt.Modeling.Scorecards;

namespace CreditAlt.Modeling.Training;

/// <summary>One segment of the scorable held-out applicants: the champion's AUC, the bureau score's and their combination's.</summary>
public sealed record BureauSegment(string Segment, int Applications, int Bads, double ChampionAuc, double BureauAuc, double CombinedAuc)
{
    /// <summary>Which ranks this segment better: "champion", "bureau score" or "level" (within 0.005).</summary>
    public string Better => Math.Abs(ChampionAuc - BureauAuc) < 0.005 ? "level" : ChampionAuc > BureauAuc ? "champion" : "bureau score";
}

/// <summary>
/// The champion against the debt-based bureau score on the held-out applicants who have one, overall and by segment,
/// with the combination of both (a logistic regression of the outcome on the champion's score and the bureau score,
/// fitted on the training rows that have a bureau score). Published comparisons find bank-data and bureau scores of
/// the same order and the combination better than either (docs/synthetic-data.md); this table shows where each wins.
/// </summary>
public static class BureauComparison
{
    public static IReadOnlyList<BureauSegment> Measure(Scorecard model, PortfolioDataSet data, int[] trainRows, int[] heldOut, bool[] sufficient, int seed)
    {
        var fitRows = trainRows.Where(i => data.BureauScore[i] is not null).ToArray();
        var rows = heldOut.Where(i => sufficient[i] && data.BureauScore[i] is not null).ToArray();
        if (fitRows.Length == 0 || rows.Length == 0) return [];
        RejectInference.Probabilities(data, fitRows, model, out var fitScores);
        var (bias, weights) = LogisticFit.Fit(
            [Standardise(fitScores.Select(s => (double)s), fitScores.Select(s => (double)s)), Standardise(Bureau(data, fitRows), Bureau(data, fitRows))],
            fitRows.Select(i => data.IsBad[i]).ToArray(), seed);
        RejectInference.Probabilities(data, rows, model, out var scores);
        var champion = scores.Select(s => -(double)s).ToArray();
        var bureau = Bureau(data, rows).Select(b => -b).ToArray();
        var a = Standardise(scores.Select(s => (double)s), fitScores.Select(s => (double)s));
        var b2 = Standardise(Bureau(data, rows), Bureau(data, fitRows));
        var combined = Enumerable.Range(0, rows.Length).Select(k => bias + weights[0] * a[k] + weights[1] * b2[k]).ToArray();
        var bad = rows.Select(i => data.IsBad[i]).ToArray();

        var result = new List<BureauSegment> { Segment("all with a bureau score", Enumerable.Range(0, rows.Length).ToArray()) };
        foreach (var segment in ChallengerTraining.Segments(data, rows).Where(s => s.Name is not ("credit-invisible" or "bureau-visible")))
        {
            var members = Enumerable.Range(0, rows.Length).Where(k => segment.Members[k]).ToArray();
            if (members.Count(k => bad[k]) > 0 && members.Count(k => !bad[k]) > 0) result.Add(Segment(segment.Name, members));
        }

        var history = data.Columns[Core.Attributes.AttributeCatalogue.IndexOf("all_months_history")];
        var thin = Enumerable.Range(0, rows.Length).Where(k => history[rows[k]] < 12).ToArray();
        if (thin.Count(k => bad[k]) > 0 && thin.Count(k => !bad[k]) > 0) result.Add(Segment("under 12 months of payment history", thin));
        return result;

        BureauSegment Segment(string name, int[] members)
        {
            double Auc(double[] risk) => Metrics.Auc([.. members.Select(k => risk[k])], [.. members.Select(k => bad[k])]);
            return new BureauSegment(name, members.Length, members.Count(k => bad[k]), Auc(champion), Auc(bureau), Auc(combined));
        }
    }

    private static IEnumerable<double> Bureau(PortfolioDataSet data, int[] rows) => rows.Select(i => (double)data.BureauScore[i]!.Value);

    // Standardised on the fitting rows so the L2 penalty treats both inputs alike.
    private static float[] Standardise(IEnumerable<double> values, IEnumerable<double> reference)
    {
        var r = reference.ToArray();
        var mean = r.Average();
        var sd = Math.Sqrt(r.Sum(x => (x - mean) * (x - mean)) / r.Length);
        return [.. values.Select(v => (float)((v - mean) / (sd == 0 ? 1 : sd)))];
    }
}
