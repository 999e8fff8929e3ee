using CreditAlt.Fairness;
using CreditAlt.Fairness.Input;

namespace CreditAlt.Cli.Lda;

/// <summary>Reads one protected attribute per application from demographics.csv, for evaluation only.</summary>
internal static class LdaDemographics
{
    /// <summary>Group label per application id in <paramref name="ids"/> order; null when missing (no row, empty or NA).</summary>
    public static string?[] Read(string path, string column, IReadOnlyList<string> ids)
    {
        if (!File.Exists(path))
        {
            throw new UserInputException($"{path}: file not found (the search needs demographics.csv next to the portfolio)");
        }

        try
        {
            using var csv = FairnessCsv.Open(path);
            var header = FairnessCsv.ReadHeader(csv, path);
            int key = header.IndexOf("application_id");
            int value = header.IndexOf(column);
            if (key < 0)
            {
                throw new UserInputException($"{path}: no column 'application_id' (columns: {string.Join(", ", header)})");
            }

            if (value < 0)
            {
                throw new UserInputException($"{path}: no column '{column}' for --group-column (columns: {string.Join(", ", header)})");
            }

            var map = new Dictionary<string, string?>(StringComparer.Ordinal);
            while (csv.Read())
            {
                if (csv.FieldCount != header.Count)
                {
                    throw new UserInputException($"{path}:{csv.Line}: the row has {csv.FieldCount} fields, the header has {header.Count}");
                }

                var id = csv.Text(key).Trim().ToString();
                if (!map.TryAdd(id, Label(csv.Text(value).Trim())))
                {
                    throw new UserInputException($"{path}:{csv.Line}: column 'application_id': duplicate key '{id}'");
                }
            }

            return ids.Select(id => map.TryGetValue(id, out var g) ? g : null).ToArray();
        }
        catch (FairnessInputException ex)
        {
            throw new UserInputException(ex.Message);
        }
    }

    private static string? Label(ReadOnlySpan<char> v) => v.IsEmpty || v is "NA" ? null : v.ToString();
}
