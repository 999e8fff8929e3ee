using System.Globalization;
using CreditAlt.Core.Csv;

namespace CreditAlt.Modeling.Training;

/// <summary>
/// A CSV table read for scorecard training: the outcome column turned into bad/good and every other,
/// non-excluded column whose values are all numbers (blank = missing) as a candidate attribute.
/// </summary>
public sealed record NumericTable(IReadOnlyList<string> Columns, IReadOnlyList<double[]> Values, bool[] IsBad, IReadOnlyList<string> SkippedColumns)
{
    /// <summary>
    /// Reads <paramref name="path"/> (RFC 4180 through the shared <see cref="CsvTokenizer"/>, first row the header).
    /// <paramref name="exclude"/> holds column names, where a trailing '*' matches any suffix (<c>Personal.*</c>).
    /// Bad input raises <see cref="InvalidDataException"/> naming file, line and column.
    /// </summary>
    public static NumericTable Read(string path, string target, string badValue, IReadOnlyList<string> exclude)
    {
        var file = Path.GetFileName(path);
        using var csv = new CsvTokenizer(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan),
            file, p => new InvalidDataException(p.Message));
        if (!csv.Read()) throw new InvalidDataException($"{file}: the file is empty; expected a header row.");
        var header = Fields(csv);
        csv.ColumnNames = header;
        var targetIndex = header.IndexOf(target);
        if (targetIndex < 0) throw new InvalidDataException($"{file}, line 1: no column '{target}' (the --target column); columns are {string.Join(", ", header)}{csv.DelimiterNote()}.");
        var used = new List<int>();
        for (var c = 0; c < header.Count; c++)
            if (c != targetIndex && !exclude.Any(e => Matches(e, header[c]))) used.Add(c);

        var raw = used.Select(_ => new List<string>()).ToArray();
        var labels = new List<bool>();
        while (csv.Read())
        {
            if (csv.FieldCount != header.Count)
                throw new InvalidDataException($"{file}, line {csv.Line}: expected {header.Count} fields, found {csv.FieldCount}.");
            labels.Add(csv.Text(targetIndex).Trim().SequenceEqual(badValue));
            for (var u = 0; u < used.Count; u++) raw[u].Add(csv.Text(used[u]).Trim().ToString());
        }

        if (labels.Count == 0) throw new InvalidDataException($"{file}: no data rows after the header.");
        if (!labels.Contains(true)) throw new InvalidDataException($"{file}, column '{target}': no row has the bad value '{badValue}'.");
        if (!labels.Contains(false)) throw new InvalidDataException($"{file}, column '{target}': every row has the bad value '{badValue}'; no goods to compare with.");

        var columns = new List<string>();
        var values = new List<double[]>();
        var skipped = new List<string>();
        for (var u = 0; u < used.Count; u++)
        {
            var parsed = new double[labels.Count];
            var numeric = true;
            for (var i = 0; i < parsed.Length && numeric; i++)
            {
                var s = raw[u][i];
                if (s.Length == 0) parsed[i] = double.NaN;
                else if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out parsed[i]) || !double.IsFinite(parsed[i])) numeric = false;
            }

            if (numeric)
            {
                columns.Add(header[used[u]]);
                values.Add(parsed);
            }
            else
            {
                skipped.Add(header[used[u]]);
            }
        }

        return new NumericTable(columns, values, [.. labels], skipped);
    }

    private static bool Matches(string pattern, string column) =>
        pattern.EndsWith('*') ? column.StartsWith(pattern[..^1], StringComparison.Ordinal) : string.Equals(pattern, column, StringComparison.Ordinal);

    private static List<string> Fields(CsvTokenizer csv) =>
        [.. Enumerable.Range(0, csv.FieldCount).Select(i => csv.Text(i).Trim().ToString())];
}
