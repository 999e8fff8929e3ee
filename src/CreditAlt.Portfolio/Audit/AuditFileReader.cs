using System.Text;
using CreditAlt.Demographics;
using CreditAlt.Portfolio.Csv;

namespace CreditAlt.Portfolio.Audit;

/// <summary>
/// Streams demographics.csv and outcomes.csv (docs/data-formats.md) row by row, checking that the
/// ids ascend strictly, so they can be merged with a portfolio read by
/// <see cref="PortfolioReader"/> (or joined with <see cref="AuditJoin"/>) without loading either.
/// </summary>
public static class AuditFileReader
{
    public static IEnumerable<DemographicRecord> ReadDemographics(string path) =>
        ReadDemographics(OpenFile(path), PortfolioFiles.Demographics);

    public static IEnumerable<DemographicRecord> ReadDemographics(Stream stream, string fileName, bool leaveOpen = false)
    {
        using var r = new CsvRecordReader(stream, fileName, PortfolioFiles.DemographicsHeader, leaveOpen);
        r.ReadHeader();
        var order = new IdOrder();
        while (r.Read())
        {
            var id = order.Check(r);
            yield return new DemographicRecord(
                id,
                Code<RaceEthnicity>(r, 1, DemographicCodes.RaceEthnicityNames),
                Code<Sex>(r, 2, DemographicCodes.SexNames),
                Code<AgeBand>(r, 3, DemographicCodes.AgeBandNames));
        }
    }

    public static IEnumerable<OutcomeRecord> ReadOutcomes(string path) =>
        ReadOutcomes(OpenFile(path), PortfolioFiles.Outcomes);

    public static IEnumerable<OutcomeRecord> ReadOutcomes(Stream stream, string fileName, bool leaveOpen = false)
    {
        using var r = new CsvRecordReader(stream, fileName, PortfolioFiles.OutcomesHeader, leaveOpen);
        r.ReadHeader();
        var order = new IdOrder();
        while (r.Read())
        {
            var id = order.Check(r);
            var defaulted = r.Field(1) switch
            {
                [(byte)'0'] => false,
                [(byte)'1'] => true,
                var other => throw r.Error(1, $"0 or 1, got {CsvFields.Show(other)}"),
            };
            var pd = double.NaN;
            if (r.Field(2).Length > 0 && !CsvFields.TryParseProbability(r.Field(2), out pd))
                throw r.Error(2, $"a probability from 0 to 1 such as 0.083125, or an empty field, got {CsvFields.Show(r.Field(2))}");
            int? score = null;
            if (r.Field(3).Length > 0)
            {
                if (!CsvFields.TryParseCount(r.Field(3), out var s) || s is < 300 or > 850)
                    throw r.Error(3, $"a whole score from 300 to 850, or an empty field (credit invisible), got {CsvFields.Show(r.Field(3))}");
                score = s;
            }
            yield return new OutcomeRecord(id, defaulted, pd, score);
        }
    }

    private static FileStream OpenFile(string path)
    {
        if (!File.Exists(path))
            throw new PortfolioFormatException(Path.GetFileName(path), 0, 0, null, $"no such file '{path}'");
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
    }

    private static T? Code<T>(CsvRecordReader r, int column, IReadOnlyList<string> names)
        where T : struct, Enum
    {
        var field = r.Field(column);
        if (field.Length == 0) return null;
        for (var i = 0; i < names.Count; i++)
            if (field.SequenceEqual(Encoding.UTF8.GetBytes(names[i])))
                return (T)(object)i;
        throw r.Error(column, $"one of {string.Join(", ", names)}, or an empty field (not reported), got {CsvFields.Show(field)}");
    }

    private sealed class IdOrder
    {
        private byte[] _last = [];
        private bool _any;

        public string Check(CsvRecordReader r)
        {
            var id = r.Field(0);
            if (id.Length == 0) throw r.Error(0, "an application id");
            if (_any && id.SequenceCompareTo(_last) <= 0)
                throw new PortfolioFormatException(r.FileName, r.Line, 1, "application_id",
                    $"expected rows sorted by application_id (ordinal), each id once; {CsvFields.Show(id)} comes after {CsvFields.Show(_last)}: {r.FileName} is not sorted");
            _last = id.ToArray();
            _any = true;
            return Encoding.UTF8.GetString(id);
        }
    }
}

/// <summary>Merges two streams sorted by application id, pairing rows with equal ids (an inner join, in order).</summary>
public static class AuditJoin
{
    public static IEnumerable<(TLeft Left, TRight Right)> Join<TLeft, TRight>(
        IEnumerable<TLeft> left, Func<TLeft, string> leftId, IEnumerable<TRight> right, Func<TRight, string> rightId)
    {
        using var r = right.GetEnumerator();
        var hasRight = r.MoveNext();
        foreach (var l in left)
        {
            var id = leftId(l);
            while (hasRight && string.CompareOrdinal(rightId(r.Current), id) < 0) hasRight = r.MoveNext();
            if (hasRight && string.CompareOrdinal(rightId(r.Current), id) == 0) yield return (l, r.Current);
        }
    }
}
