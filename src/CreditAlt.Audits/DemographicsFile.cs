using CreditAlt.Fairness;
using CreditAlt.Fairness.Input;

namespace CreditAlt.Audits;

/// <summary>
/// Reads protected attributes per application from demographics.csv, for evaluation only: the search and the driver
/// analysis read them here, apart from the portfolio loader, and hand them only to the fairness statistics.
/// </summary>
public static class DemographicsFile
{
    /// <summary>Group label per application id in <paramref name="ids"/> order; null when missing (no row, empty or NA).</summary>
    public static string?[] Read(string path, string column, IReadOnlyList<string> ids) => Read(path, [column], ids)[0];

    /// <summary>One label array per column of <paramref name="columns"/>, in <paramref name="ids"/> order.</summary>
    /// <exception cref="FairnessInputException">The file is missing or malformed (message names file, line and column).</exception>
    public static IReadOnlyList<string?[]> Read(string path, IReadOnlyList<string> columns, IReadOnlyList<string> ids)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(ids);
        if (!File.Exists(path))
        {
            throw new FairnessInputException($"{path}: file not found (demographics.csv is needed next to the portfolio)");
        }

        using var csv = FairnessCsv.Open(path);
        var header = FairnessCsv.ReadHeader(csv, path);
        int key = header.IndexOf("application_id");
        if (key < 0)
        {
            throw new FairnessInputException($"{path}: no column 'application_id' (columns: {string.Join(", ", header)})");
        }

        var positions = columns.Select(c => header.IndexOf(c) is var p and >= 0
            ? p
            : throw new FairnessInputException($"{path}: no column '{c}' for --group-column (columns: {string.Join(", ", header)})")).ToArray();
        var map = new Dictionary<string, string?[]>(StringComparer.Ordinal);
        while (csv.Read())
        {
            if (csv.FieldCount != header.Count)
            {
                throw new FairnessInputException($"{path}:{csv.Line}: the row has {csv.FieldCount} fields, the header has {header.Count}");
            }

            var id = csv.Text(key).Trim().ToString();
            var labels = positions.Select(p => Label(csv.Text(p).Trim())).ToArray();
            if (!map.TryAdd(id, labels))
            {
                throw new FairnessInputException($"{path}:{csv.Line}: column 'application_id': duplicate key '{id}'");
            }
        }

        return positions.Select((_, c) => ids.Select(id => map.TryGetValue(id, out var g) ? g[c] : null).ToArray()).ToList();
    }

    private static string? Label(ReadOnlySpan<char> v) => v.IsEmpty || v is "NA" ? null : v.ToString();
}
