using CreditAlt.Core.Attributes;
using CreditAlt.Core.Recourse;
using CreditAlt.Core.Scoring;

namespace CreditAlt.Modeling.Training;

/// <summary>
/// Measures, at training, where the applicants a model approves stand on each lever (actionable cash-flow attributes the
/// model reads): their 21 percentiles (<see cref="ApprovedDistribution"/>). Recourse keeps its suggestions inside the
/// 10th–90th percentile band of these, so it never asks for more than approved applicants actually show.
/// </summary>
public static class RecourseBands
{
    /// <summary>The levers among <paramref name="modelAttributes"/>: actionable attributes from bank cash flow.</summary>
    public static IEnumerable<string> Levers(IEnumerable<string> modelAttributes) =>
        modelAttributes.Where(id => AttributeCatalogue.IndexOf(id) is var i and >= 0
            && AttributeCatalogue.All[i].Actionability == Actionability.Actionable && DecisionModels.IsCashFlow(AttributeCatalogue.All[i]));

    /// <param name="data">The portfolio.</param>
    /// <param name="rows">The training rows.</param>
    /// <param name="approved">Whether the model approves a catalogue-ordered row.</param>
    /// <param name="modelAttributes">The attribute ids the model reads.</param>
    public static IReadOnlyList<ApprovedDistribution> Measure(PortfolioDataSet data, IReadOnlyList<int> rows, Func<double[], bool> approved, IEnumerable<string> modelAttributes)
    {
        var levers = Levers(modelAttributes).Select(id => (Id: id, Index: AttributeCatalogue.IndexOf(id))).ToArray();
        var values = levers.Select(_ => new List<double>()).ToArray();
        var row = new double[AttributeCatalogue.Count];
        foreach (var i in rows)
        {
            for (var a = 0; a < row.Length; a++) row[a] = data.Columns[a][i];
            if (!approved(row)) continue;
            for (var l = 0; l < levers.Length; l++)
                if (!double.IsNaN(row[levers[l].Index])) values[l].Add(row[levers[l].Index]);
        }

        return [.. levers.Select((l, k) => values[k].Count == 0 ? null : ApprovedDistribution.Of(l.Id, values[k])).OfType<ApprovedDistribution>()];
    }
}
