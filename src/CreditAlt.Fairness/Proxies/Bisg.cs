using System.Globalization;
using CreditAlt.Fairness.Input;

namespace CreditAlt.Fairness.Proxies;

/// <summary>
/// Bayesian Improved Surname Geocoding (Elliott et al., 2009): the probability of each race/ethnicity group given
/// a surname and a geography, P(r | s, g) ∝ P(r | s) · P(g | r), from Census tables supplied by the user.
/// </summary>
public sealed class Bisg
{
    private readonly Dictionary<string, double[]> _surnames;
    private readonly Dictionary<string, double[]> _geographyGivenGroup;
    private readonly double[] _prior;

    private Bisg(IReadOnlyList<string> groups, Dictionary<string, double[]> surnames, Dictionary<string, double[]> geographyGivenGroup, double[] prior)
    {
        Groups = groups;
        _surnames = surnames;
        _geographyGivenGroup = geographyGivenGroup;
        _prior = prior;
    }

    /// <summary>Group names, from the surname table's <c>pct*</c> columns (e.g. white, black, api, aian, 2prace, hispanic).</summary>
    public IReadOnlyList<string> Groups { get; }

    /// <summary>
    /// Builds the model from in-memory tables: surname → percentage per group (NaN where suppressed, "(S)"),
    /// and geography id → population count per group.
    /// </summary>
    public static Bisg Create(IReadOnlyList<string> groups, IReadOnlyDictionary<string, double[]> surnamePercentages, IReadOnlyDictionary<string, double[]> geographyCounts)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(surnamePercentages);
        ArgumentNullException.ThrowIfNull(geographyCounts);
        int k = groups.Count;
        var surnames = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var (name, pct) in surnamePercentages)
        {
            surnames[Normalise(name)] = SurnameProbabilities(pct);
        }

        var totals = new double[k];
        foreach (var counts in geographyCounts.Values)
        {
            for (int r = 0; r < k; r++)
            {
                totals[r] += counts[r];
            }
        }

        double all = totals.Sum();
        var prior = totals.Select(t => all > 0 ? t / all : 1.0 / k).ToArray();
        var geo = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var (id, counts) in geographyCounts)
        {
            geo[id.Trim()] = counts.Select((c, r) => totals[r] > 0 ? c / totals[r] : 0.0).ToArray();
        }

        return new Bisg(groups, surnames, geo, prior);
    }

    /// <summary>
    /// Posterior probabilities per group. An unknown surname uses the population shares of the geography table as
    /// P(r | s); an unknown geography leaves P(r | s) as it is.
    /// </summary>
    public double[] Posterior(string? surname, string? geography)
    {
        var pSurname = surname is not null && _surnames.TryGetValue(Normalise(surname), out var ps) ? ps : _prior;
        if (geography is null || !_geographyGivenGroup.TryGetValue(geography.Trim(), out var pGeo))
        {
            return (double[])pSurname.Clone();
        }

        var posterior = new double[pSurname.Length];
        double sum = 0.0;
        for (int r = 0; r < posterior.Length; r++)
        {
            posterior[r] = pSurname[r] * pGeo[r];
            sum += posterior[r];
        }

        if (sum <= 0)
        {
            return (double[])pSurname.Clone();
        }

        for (int r = 0; r < posterior.Length; r++)
        {
            posterior[r] /= sum;
        }

        return posterior;
    }

    /// <summary>
    /// Loads the Census layouts: a surname file with a <c>name</c> column and <c>pct&lt;group&gt;</c> columns
    /// (percentages, "(S)" for suppressed), and a geography file whose first column is the geography id and which
    /// has one count column per group, named as the group (<c>white</c>, <c>black</c>, …).
    /// </summary>
    public static Bisg Load(string surnameFile, string geographyFile)
    {
        var (surnameHeader, surnameRows) = ReadAll(surnameFile);
        int nameColumn = surnameHeader.FindIndex(h => h.Equals("name", StringComparison.OrdinalIgnoreCase));
        if (nameColumn < 0)
        {
            throw new FairnessInputException($"{surnameFile}: no column 'name' (columns: {string.Join(", ", surnameHeader)})");
        }

        var pctColumns = surnameHeader.Select((h, i) => (h, i)).Where(t => t.h.StartsWith("pct", StringComparison.OrdinalIgnoreCase) && t.h.Length > 3).ToList();
        if (pctColumns.Count < 2)
        {
            throw new FairnessInputException($"{surnameFile}: expected percentage columns such as pctwhite, pctblack, pctapi, pctaian, pct2prace, pcthispanic");
        }

        var groups = pctColumns.Select(t => t.h[3..].ToLowerInvariant()).ToList();
        var surnames = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var (line, fields) in surnameRows)
        {
            var pct = new double[groups.Count];
            for (int r = 0; r < groups.Count; r++)
            {
                string v = fields[pctColumns[r].i].Trim();
                if (v == "(S)")
                {
                    pct[r] = double.NaN;
                }
                else if (!double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out pct[r]) || pct[r] < 0)
                {
                    throw new FairnessInputException($"{surnameFile}:{line}: column '{pctColumns[r].h}': expected a percentage or (S), got '{v}'");
                }
            }

            surnames[Normalise(fields[nameColumn])] = pct;
        }

        var (geoHeader, geoRows) = ReadAll(geographyFile);
        var geoColumns = groups.Select(g => geoHeader.FindIndex(h => h.Equals(g, StringComparison.OrdinalIgnoreCase))).ToArray();
        for (int r = 0; r < groups.Count; r++)
        {
            if (geoColumns[r] < 0)
            {
                throw new FairnessInputException($"{geographyFile}: no count column '{groups[r]}' (the surname file has groups {string.Join(", ", groups)}; columns: {string.Join(", ", geoHeader)})");
            }
        }

        var geography = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var (line, fields) in geoRows)
        {
            var counts = new double[groups.Count];
            for (int r = 0; r < groups.Count; r++)
            {
                string v = fields[geoColumns[r]].Trim();
                if (!double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out counts[r]) || counts[r] < 0)
                {
                    throw new FairnessInputException($"{geographyFile}:{line}: column '{geoHeader[geoColumns[r]]}': expected a count, got '{v}'");
                }
            }

            geography[fields[0].Trim()] = counts;
        }

        return Create(groups, surnames, geography);
    }

    private static string Normalise(string surname) => surname.Trim().ToUpperInvariant();

    /// <summary>Percentages to probabilities; suppressed cells share what the others leave of 100 % equally.</summary>
    private static double[] SurnameProbabilities(double[] pct)
    {
        double known = 0.0;
        int suppressed = 0;
        foreach (double v in pct)
        {
            if (double.IsNaN(v))
            {
                suppressed++;
            }
            else
            {
                known += v;
            }
        }

        double fill = suppressed > 0 ? Math.Max(0.0, 100.0 - known) / suppressed : 0.0;
        var p = pct.Select(v => double.IsNaN(v) ? fill : v).ToArray();
        double sum = p.Sum();
        return p.Select(v => sum > 0 ? v / sum : 1.0 / p.Length).ToArray();
    }

    private static (List<string> Header, List<(long Line, string[] Fields)> Rows) ReadAll(string path)
    {
        using var csv = FairnessCsv.Open(path);
        var header = FairnessCsv.ReadHeader(csv, path);
        var rows = new List<(long, string[])>();
        while (csv.Read())
        {
            if (csv.FieldCount != header.Count)
            {
                throw new FairnessInputException($"{path}:{csv.Line}: the row has {csv.FieldCount} fields, the header has {header.Count}");
            }

            rows.Add((csv.Line, Enumerable.Range(0, csv.FieldCount).Select(csv.FieldString).ToArray()));
        }

        return (header, rows);
    }
}
