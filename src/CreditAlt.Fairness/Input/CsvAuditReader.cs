using System.Globalization;
using CreditAlt.Core.Csv;
using CreditAlt.Fairness.Audit;

namespace CreditAlt.Fairness.Input;

/// <summary>Which columns of a CSV file hold what.</summary>
/// <param name="GroupColumns">
/// Protected attributes. A name that is a column is read as self-reported categories; otherwise the columns
/// named <c>name_p_GROUP</c> are read as proxy probabilities, one column per group.
/// </param>
public sealed record CsvAuditSpec(
    string DecisionColumn,
    string FavorableValue,
    IReadOnlyList<string> GroupColumns,
    string? ScoreColumn = null,
    string? OutcomeColumn = null,
    string? BadValue = null,
    IReadOnlyList<string>? ControlColumns = null,
    string? SegmentColumn = null)
{
    /// <summary>Adds a proxy attribute estimated by BISG from a surname and a geography column.</summary>
    public BisgColumns? Bisg { get; init; }

    /// <summary>Column with the model's predicted probability of default (for calibration).</summary>
    public string? PdColumn { get; init; }

    /// <summary>Column with a true probability of default (for approval at equal true risk).</summary>
    public string? TruthColumn { get; init; }
}

/// <summary>Columns and tables for a BISG proxy attribute named <paramref name="Attribute"/>.</summary>
public sealed record BisgColumns(string Attribute, CreditAlt.Fairness.Proxies.Bisg Model, string SurnameColumn, string GeographyColumn);

/// <summary>Reads an <see cref="AuditInput"/> from a CSV file of any shape (header row, RFC 4180 quoting).</summary>
public static class CsvAuditReader
{
    /// <summary>
    /// The largest score magnitude accepted. Covers every score scale in use (probabilities, log-odds, 300–850 points,
    /// 0–1000 scales); a value beyond it is a unit or export error, and would make means and differences meaningless.
    /// </summary>
    public const double MaxScore = 1_000_000;

    /// <summary>Separator between an attribute name and a group in proxy probability columns: <c>race_p_white</c>.</summary>
    public const string ProxyInfix = "_p_";

    /// <summary>Reads the file; <paramref name="progress"/> receives the fraction of the file read.</summary>
    public static AuditInput Read(string path, CsvAuditSpec spec, IProgress<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!File.Exists(path))
        {
            throw new FairnessInputException($"{path}: file not found");
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return Read(stream, path, spec, progress);
    }

    /// <summary>Reads CSV from a stream; <paramref name="name"/> names it in error messages.</summary>
    public static AuditInput Read(Stream stream, string name, CsvAuditSpec spec, IProgress<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.OutcomeColumn is not null && spec.BadValue is null)
        {
            throw new FairnessInputException("an outcome column needs the value that marks a bad outcome (--bad-value)");
        }

        long totalBytes = stream.CanSeek ? stream.Length : 0;
        using var csv = FairnessCsv.Open(stream, name, leaveOpen: true);
        var header = FairnessCsv.ReadHeader(csv, name);

        int Column(string column, string role)
        {
            int index = header.IndexOf(column);
            return index >= 0
                ? index
                : throw new FairnessInputException($"{name}: no column '{column}' for the {role} {FairnessCsv.Columns(csv, header)}");
        }

        int decision = Column(spec.DecisionColumn, "decision");
        var groupReaders = new List<IColumnReader>();
        foreach (var g in spec.GroupColumns)
        {
            int index = header.IndexOf(g);
            if (index >= 0)
            {
                groupReaders.Add(new CategoricalReader(g, index));
                continue;
            }

            var proxy = header.Select((h, i) => (h, i)).Where(t => t.h.StartsWith(g + ProxyInfix, StringComparison.Ordinal) && t.h.Length > g.Length + ProxyInfix.Length).ToList();
            if (proxy.Count == 0)
            {
                throw new FairnessInputException($"{name}: no column '{g}' nor proxy columns '{g}{ProxyInfix}GROUP' for a protected attribute {FairnessCsv.Columns(csv, header)}");
            }

            groupReaders.Add(new ProxyReader(g, proxy.Select(t => t.h[(g.Length + ProxyInfix.Length)..]).ToList(), proxy.Select(t => t.i).ToArray()));
        }

        if (spec.Bisg is { } bisg)
        {
            groupReaders.Add(new BisgReader(bisg, Column(bisg.SurnameColumn, "surname"), Column(bisg.GeographyColumn, "geography")));
        }

        int score = spec.ScoreColumn is null ? -1 : Column(spec.ScoreColumn, "score");
        int outcome = spec.OutcomeColumn is null ? -1 : Column(spec.OutcomeColumn, "outcome");
        var controls = (spec.ControlColumns ?? []).Select(c => new ControlReader(c, Column(c, "control"))).ToList();
        var segment = spec.SegmentColumn is null ? null : new CategoricalReader(spec.SegmentColumn, Column(spec.SegmentColumn, "segment"));

        var decisionValues = new CategoricalReader(spec.DecisionColumn, decision);
        var pd = spec.PdColumn is null ? null : new NumberReader(spec.PdColumn, Column(spec.PdColumn, "predicted PD"), probability: true);
        var truth = spec.TruthColumn is null ? null : new NumberReader(spec.TruthColumn, Column(spec.TruthColumn, "true PD"), probability: true);
        var favorable = new Growable<bool>();
        var scores = score >= 0 ? new Growable<double>() : null;
        var outcomes = outcome >= 0 ? new Growable<sbyte>() : null;
        var favorableValue = spec.FavorableValue.AsSpan();
        var badValue = (spec.BadValue ?? string.Empty).AsSpan();
        long rows = 0;
        while (csv.Read())
        {
            if (csv.FieldCount != header.Count)
            {
                throw new FairnessInputException($"{name}:{csv.Line}: the row has {csv.FieldCount} fields, the header has {header.Count}");
            }

            var d = csv.Text(decision).Trim();
            if (d.IsEmpty)
            {
                throw new FairnessInputException($"{name}:{csv.Line}: column '{spec.DecisionColumn}': the decision is empty");
            }

            favorable.Add(d.SequenceEqual(favorableValue));
            decisionValues.Add(csv, name);
            pd?.Add(csv, name);
            truth?.Add(csv, name);
            foreach (var g in groupReaders)
            {
                g.Add(csv, name);
            }

            scores?.Add(ReadScore(csv, score, name, spec.ScoreColumn!));

            if (outcomes is not null)
            {
                var o = csv.Text(outcome).Trim();
                outcomes.Add(o.IsEmpty || o is "NA" ? (sbyte)-1 : o.SequenceEqual(badValue) ? (sbyte)1 : (sbyte)0);
            }

            foreach (var c in controls)
            {
                c.Add(csv);
            }

            segment?.Add(csv, name);
            rows++;
            if ((rows & 0xFFFF) == 0 && progress is not null && totalBytes > 0)
            {
                progress.Report(Math.Min(1.0, (double)stream.Position / totalBytes));
            }
        }

        if (rows == 0)
        {
            throw new FairnessInputException($"{name}: no data rows after the header");
        }

        progress?.Report(1.0);
        var segmentColumn = segment?.ToColumn();
        var decisionColumn = decisionValues.ToColumn();
        return new AuditInput(
            favorable.ToArray(),
            groupReaders.Select(g => g.ToAttribute()).ToList(),
            scores?.ToArray(),
            outcomes?.ToArray(),
            controls.Select(c => c.ToControl()).ToList(),
            segmentColumn is null ? null : new CategoricalColumn(segmentColumn.Name, segmentColumn.Codes, segmentColumn.Groups))
        {
            // A decision column with very many values is not a decision (e.g. a score); only the favourable flag is kept.
            Decisions = decisionColumn.Groups.Count <= MaxDecisionValues ? new CategoricalColumn(spec.DecisionColumn, decisionColumn.Codes, decisionColumn.Groups) : null,
            PredictedPd = pd?.ToArray(),
            TruePd = truth?.ToArray(),
        };
    }

    /// <summary>A score; empty and "NA" are missing (NaN); anything but a finite number within ±<see cref="MaxScore"/> is an error.</summary>
    private static double ReadScore(CsvTokenizer csv, int index, string file, string column)
    {
        // Straight from the bytes when the value is a number in range (the common case); anything else takes the
        // text path, which decides exactly as before (missing, or an error naming the value).
        if (double.TryParse(csv.Field(index), NumberStyles.Float, CultureInfo.InvariantCulture, out double fast) && Math.Abs(fast) <= MaxScore)
        {
            return fast;
        }

        var s = csv.Text(index).Trim();
        if (s.IsEmpty || s is "NA")
        {
            return double.NaN;
        }

        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && Math.Abs(v) <= MaxScore)
        {
            return v;
        }

        throw new FairnessInputException(string.Create(CultureInfo.InvariantCulture,
            $"{file}:{csv.Line}: column '{column}': expected a number from {-MaxScore} to {MaxScore}, got '{s}'"));
    }

    /// <summary>Most distinct decision values counted one by one (approve, refer, decline, insufficient_data, …).</summary>
    public const int MaxDecisionValues = 16;

    /// <summary>A numeric column; empty and "NA" are missing (NaN); probabilities must lie in [0, 1].</summary>
    private sealed class NumberReader(string name, int index, bool probability)
    {
        private readonly Growable<double> _values = new();

        public void Add(CsvTokenizer csv, string file)
        {
            var v = csv.Text(index).Trim();
            if (v.IsEmpty || v is "NA")
            {
                _values.Add(double.NaN);
            }
            else if (double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && double.IsFinite(d) && (!probability || d is >= 0 and <= 1))
            {
                _values.Add(d);
            }
            else
            {
                throw new FairnessInputException($"{file}:{csv.Line}: column '{name}': expected {(probability ? "a probability between 0 and 1" : "a number")}, got '{v}'");
            }
        }

        public double[] ToArray() => _values.ToArray();
    }

    private interface IColumnReader
    {
        void Add(CsvTokenizer csv, string file);

        ProtectedAttribute ToAttribute();
    }

    /// <summary>Dictionary-encodes a text column; empty and "NA" are missing; levels end up sorted ordinally.</summary>
    private sealed class CategoricalReader(string name, int index) : IColumnReader
    {
        private readonly Dictionary<string, int> _levels = new(StringComparer.Ordinal);
        private readonly Growable<int> _codes = new();

        public void Add(CsvTokenizer csv, string file)
        {
            var v = csv.Text(index).Trim();
            if (v.IsEmpty || v is "NA")
            {
                _codes.Add(-1);
                return;
            }

            var lookup = _levels.GetAlternateLookup<ReadOnlySpan<char>>();
            if (!lookup.TryGetValue(v, out int code))
            {
                code = _levels.Count;
                lookup[v] = code;
            }

            _codes.Add(code);
        }

        public CategoricalAttribute ToColumn()
        {
            var sorted = _levels.Keys.Order(StringComparer.Ordinal).ToList();
            var remap = new int[_levels.Count];
            for (int i = 0; i < sorted.Count; i++)
            {
                remap[_levels[sorted[i]]] = i;
            }

            var array = _codes.ToArray();
            for (int i = 0; i < array.Length; i++)
            {
                if (array[i] >= 0)
                {
                    array[i] = remap[array[i]];
                }
            }

            return new CategoricalAttribute(name, sorted, array);
        }

        public ProtectedAttribute ToAttribute() => ToColumn();
    }

    /// <summary>Reads proxy probabilities; empty cells are missing; a row's probabilities must sum to 1 (± 0.01).</summary>
    private sealed class ProxyReader(string name, List<string> groups, int[] indexes) : IColumnReader
    {
        private readonly Growable<float> _values = new();

        public void Add(CsvTokenizer csv, string file)
        {
            double sum = 0;
            int present = 0;
            for (int g = 0; g < indexes.Length; g++)
            {
                var v = csv.Text(indexes[g]).Trim();
                if (v.IsEmpty || v is "NA")
                {
                    _values.Add(float.NaN);
                    continue;
                }

                if (!double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double p) || p < 0 || p > 1)
                {
                    throw new FairnessInputException($"{file}:{csv.Line}: column '{name}{ProxyInfix}{groups[g]}': expected a probability between 0 and 1, got '{v}'");
                }

                _values.Add((float)p);
                sum += p;
                present++;
            }

            if (present > 0 && Math.Abs(sum - 1.0) > 0.01)
            {
                throw new FairnessInputException($"{file}:{csv.Line}: the probabilities in columns '{name}{ProxyInfix}*' sum to {sum.ToString("0.####", CultureInfo.InvariantCulture)}, expected 1");
            }
        }

        public ProtectedAttribute ToAttribute() => new ProxyAttribute(name, groups, _values.ToArray());
    }

    /// <summary>Computes BISG posteriors row by row; an empty surname and geography make the row missing.</summary>
    private sealed class BisgReader(BisgColumns spec, int surname, int geography) : IColumnReader
    {
        private readonly Growable<float> _values = new();

        public void Add(CsvTokenizer csv, string file)
        {
            var s = csv.Text(surname).Trim();
            var g = csv.Text(geography).Trim();
            if (s.IsEmpty && g.IsEmpty)
            {
                for (int r = 0; r < spec.Model.Groups.Count; r++)
                {
                    _values.Add(float.NaN);
                }

                return;
            }

            foreach (double p in spec.Model.Posterior(s.IsEmpty ? null : s.ToString(), g.IsEmpty ? null : g.ToString()))
            {
                _values.Add((float)p);
            }
        }

        public ProtectedAttribute ToAttribute() => new ProxyAttribute(spec.Attribute, spec.Model.Groups, _values.ToArray());
    }

    /// <summary>A control column: numeric when every non-empty value parses as a number, text otherwise.</summary>
    private sealed class ControlReader(string name, int index)
    {
        private readonly CategoricalReader _text = new(name, index);
        private readonly Growable<double> _numbers = new();
        private bool _numeric = true;

        public void Add(CsvTokenizer csv)
        {
            _text.Add(csv, string.Empty);
            if (!_numeric)
            {
                return;
            }

            var v = csv.Text(index).Trim();
            if (v.IsEmpty || v is "NA")
            {
                _numbers.Add(double.NaN);
            }
            else if (double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && double.IsFinite(d))
            {
                _numbers.Add(d);
            }
            else
            {
                _numeric = false;
            }
        }

        public ControlColumn ToControl()
        {
            if (_numeric)
            {
                return new NumericControl(name, _numbers.ToArray());
            }

            var column = _text.ToColumn();
            return new TextControl(name, column.Codes, column.Groups);
        }
    }

    /// <summary>
    /// An append-only sequence stored in 64 K chunks, so growing never copies and <see cref="ToArray"/> needs only
    /// the final array (chunks are released as they are copied): tens of millions of values stay within budget.
    /// </summary>
    private sealed class Growable<T>
    {
        private const int ChunkSize = 1 << 16;
        private readonly List<T[]> _chunks = [];
        private T[] _current = new T[ChunkSize];
        private int _used;
        private long _count;

        public void Add(T item)
        {
            if (_used == ChunkSize)
            {
                _chunks.Add(_current);
                _current = new T[ChunkSize];
                _used = 0;
            }

            _current[_used++] = item;
            _count++;
        }

        public T[] ToArray()
        {
            var result = new T[checked((int)_count)];
            int offset = 0;
            for (int i = 0; i < _chunks.Count; i++)
            {
                Array.Copy(_chunks[i], 0, result, offset, ChunkSize);
                offset += ChunkSize;
                _chunks[i] = null!;
            }

            Array.Copy(_current, 0, result, offset, _used);
            _chunks.Clear();
            _current = [];
            _used = 0;
            _count = 0;
            return result;
        }
    }
}
