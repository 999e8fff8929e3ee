using System.Globalization;
using CreditAlt.Core.Attributes;
using CreditAlt.Core.Scoring;
using CreditAlt.Fairness.Audit;
using CreditAlt.Fairness.Drivers;
using CreditAlt.Modeling.Training;

namespace CreditAlt.Audits.Drivers;

/// <summary>
/// The model side of the fairness audit: re-decides every applicant of a portfolio with a points scorecard (the same
/// decisions <c>creditalt score</c> writes) and gives the driver analysis each attribute's points, and the audit's
/// controlled regression the model's own attribute values.
/// </summary>
public static class ModelDrivers
{
    /// <summary>
    /// The driver and proxy table of <paramref name="model"/> on <paramref name="data"/>, by the protected attributes in
    /// <paramref name="groups"/> (one label per portfolio row), with the same control groups and group sizes as the audit.
    /// </summary>
    public static DriverReport Analyse(PortfolioDataSet data, Scorecard model, IReadOnlyList<(string Name, string?[] Labels)> groups, AuditOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(groups);
        return DriverAnalysis.Run(Input(data, model, groups), options);
    }

    /// <summary>Decisions, scores and per-attribute points of every row; one attribute row and one missing-data row per model attribute.</summary>
    public static DriverInput Input(PortfolioDataSet data, Scorecard model, IReadOnlyList<(string Name, string?[] Labels)> groups)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(groups);
        int n = data.Count, k = model.Attributes.Count;
        var engine = new ScorecardEngine(model);
        var catalogueRow = new double[AttributeCatalogue.Count];
        var modelRow = new double[k];
        var scores = new int[n];
        var decided = new bool[n];
        var approved = new bool[n];
        var points = new int[k][];
        var missing = new bool[k][];
        for (int a = 0; a < k; a++)
        {
            points[a] = new int[n];
            missing[a] = new bool[n];
        }

        for (int i = 0; i < n; i++)
        {
            for (int c = 0; c < catalogueRow.Length; c++)
            {
                catalogueRow[c] = data.Columns[c][i];
            }

            engine.Gather(catalogueRow, modelRow);
            for (int a = 0; a < k; a++)
            {
                points[a][i] = model.PointsOf(a, model.BinOf(a, modelRow[a]));
                missing[a][i] = double.IsNaN(modelRow[a]);
            }

            // Too little history is insufficient data whatever the points (docs/decision-policy.md): never re-decided.
            decided[i] = engine.HasSufficientHistory(catalogueRow);
            scores[i] = model.Clamp(model.RawScore(modelRow));
            approved[i] = decided[i] && scores[i] >= model.Policy.ApproveAt;
        }

        var columns = new List<DriverColumn>();
        for (int a = 0; a < k; a++)
        {
            // Neutral points: those of the missing bin, which binning pins at WoE 0 (docs/scorecard.md, "Missing data is neutral").
            int neutral = model.PointsOf(a, model.BinOf(a, double.NaN));
            string id = model.Attributes[a].Id;
            columns.Add(new DriverColumn(id, "attribute", points[a].Select(p => (double)p).ToArray(), points[a], neutral));
            if (missing[a].Any(m => m))
            {
                // The missing-data row: is having no such account (or no bank data) a proxy? Its points are the neutral
                // ones by construction, so its contribution measures out to 0 unless the model stops treating missing as neutral.
                var onlyMissing = points[a].Select((p, i) => missing[a][i] ? p : neutral).ToArray();
                columns.Add(new DriverColumn(id + " missing", "missing-data", missing[a].Select(m => m ? 1.0 : 0.0).ToArray(), onlyMissing, neutral));
            }
        }

        var outcomes = data.IsBad.Select(b => b ? (sbyte)1 : (sbyte)0).ToArray();
        var attributes = groups.Select(g => (ProtectedAttribute)CategoricalAttribute.FromLabels(g.Name, g.Labels)).ToList();
        var audit = new AuditInput(approved, attributes, outcomes: outcomes);
        string description = string.Create(CultureInfo.InvariantCulture, $"{model.ModelId} {model.Version}, approve at {model.Policy.ApproveAt}");
        return new DriverInput(audit, scores, decided, model.Policy.ApproveAt, columns, description);
    }

    /// <summary>
    /// Writes <c>application_id</c> and the value of each model attribute (empty when missing) as CSV, to join to
    /// decisions so that the audit's controlled regression can use the model's own attributes as controls.
    /// </summary>
    public static IReadOnlyList<string> WriteAttributeValues(PortfolioDataSet data, Scorecard model, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(writer);
        var engine = new ScorecardEngine(model);
        var ids = model.Attributes.Select(a => a.Id).ToList();
        writer.Write("application_id");
        foreach (var id in ids)
        {
            writer.Write(',');
            writer.Write(id);
        }

        writer.Write('\n');
        var catalogueRow = new double[AttributeCatalogue.Count];
        var modelRow = new double[ids.Count];
        for (int i = 0; i < data.Count; i++)
        {
            for (int c = 0; c < catalogueRow.Length; c++)
            {
                catalogueRow[c] = data.Columns[c][i];
            }

            engine.Gather(catalogueRow, modelRow);
            writer.Write(data.ApplicationIds[i]);
            foreach (var v in modelRow)
            {
                writer.Write(',');
                if (!double.IsNaN(v))
                {
                    writer.Write(v.ToString("R", CultureInfo.InvariantCulture));
                }
            }

            writer.Write('\n');
        }

        return ids;
    }
}
