using CreditAlt.Core.Csv;
using CreditAlt.Fairness;
using CreditAlt.Fairness.Input;

namespace CreditAlt.Cli.Audit;

/// <summary>How many input rows found a match in one join file.</summary>
internal sealed record JoinFileResult(string File, long Matched, long Unmatched);

/// <summary>
/// Left join of one CSV file with others on a key column, so that decisions, demographics and outcomes kept in
/// separate files can be audited with one command. Every input row is kept: a row without a match gets empty
/// cells, which the audit reports as missing demographics (or unknown outcome) rather than dropping the row.
/// </summary>
internal static class CsvJoin
{
    /// <summary>Writes the joined file to <paramref name="output"/>; join files are held in memory by key.</summary>
    public static IReadOnlyList<JoinFileResult> Join(string input, IReadOnlyList<string> joins, string key, TextWriter output)
    {
        var tables = joins.Select(j => Load(j, key)).ToList();
        using var csv = FairnessCsv.Open(input);
        var header = FairnessCsv.ReadHeader(csv, input);
        int keyIndex = KeyIndex(csv, header, input, key);
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var h in header)
        {
            seen[h] = input;
        }

        var outHeader = new List<string>(header);
        foreach (var t in tables)
        {
            foreach (var column in t.Columns)
            {
                if (seen.TryGetValue(column, out var first))
                {
                    throw new FairnessInputException($"{t.File}: column '{column}' is also in {first}; rename one of them");
                }

                seen[column] = t.File;
                outHeader.Add(column);
            }
        }

        WriteRow(output, outHeader);
        var matched = new long[tables.Count];
        var unmatched = new long[tables.Count];
        var row = new List<string>(outHeader.Count);
        while (csv.Read())
        {
            if (csv.FieldCount != header.Count)
            {
                throw new FairnessInputException($"{input}:{csv.Line}: the row has {csv.FieldCount} fields, the header has {header.Count}");
            }

            row.Clear();
            for (int i = 0; i < header.Count; i++)
            {
                row.Add(csv.FieldString(i));
            }

            string k = row[keyIndex].Trim();
            for (int t = 0; t < tables.Count; t++)
            {
                if (tables[t].Rows.TryGetValue(k, out var values))
                {
                    matched[t]++;
                    row.AddRange(values);
                }
                else
                {
                    unmatched[t]++;
                    row.AddRange(Enumerable.Repeat(string.Empty, tables[t].Columns.Count));
                }
            }

            WriteRow(output, row);
        }

        return tables.Select((t, i) => new JoinFileResult(t.File, matched[i], unmatched[i])).ToList();
    }

    private sealed record Table(string File, List<string> Columns, Dictionary<string, string[]> Rows);

    private static Table Load(string file, string key)
    {
        using var csv = FairnessCsv.Open(file);
        var header = FairnessCsv.ReadHeader(csv, file);
        int keyIndex = KeyIndex(csv, header, file, key);
        var columns = header.Where((_, i) => i != keyIndex).ToList();
        var rows = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var firstLine = new Dictionary<string, long>(StringComparer.Ordinal);
        while (csv.Read())
        {
            if (csv.FieldCount != header.Count)
            {
                throw new FairnessInputException($"{file}:{csv.Line}: the row has {csv.FieldCount} fields, the header has {header.Count}");
            }

            string k = csv.Text(keyIndex).Trim().ToString();
            if (k.Length == 0)
            {
                throw new FairnessInputException($"{file}:{csv.Line}: column '{key}': the key is empty");
            }

            if (firstLine.TryGetValue(k, out long first))
            {
                throw new FairnessInputException($"{file}:{csv.Line}: column '{key}': duplicate key '{k}' (first on line {first}); a join file needs one row per key");
            }

            firstLine[k] = csv.Line;
            var values = new string[columns.Count];
            for (int i = 0, j = 0; i < header.Count; i++)
            {
                if (i != keyIndex)
                {
                    values[j++] = csv.FieldString(i);
                }
            }

            rows[k] = values;
        }

        return new Table(file, columns, rows);
    }

    private static int KeyIndex(CsvTokenizer csv, List<string> header, string file, string key)
    {
        int index = header.IndexOf(key);
        return index >= 0 ? index : throw new FairnessInputException($"{file}: no key column '{key}' {FairnessCsv.Columns(csv, header)}");
    }

    private static void WriteRow(TextWriter output, List<string> fields)
    {
        for (int i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                output.Write(',');
            }

            var f = fields[i];
            if (f.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                output.Write('"');
                output.Write(f.Replace("\"", "\"\"", StringComparison.Ordinal));
                output.Write('"');
            }
            else
            {
                output.Write(f);
            }
        }

        output.Write('\n');
    }
}
