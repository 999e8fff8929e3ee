using System.Text;
using CreditAlt.Core.Csv;

namespace CreditAlt.Portfolio.Csv;

/// <summary>
/// A bulk file with a documented header (docs/data-formats.md) over the shared <see cref="CsvTokenizer"/>: checks the
/// header is exactly the documented one and every row has as many fields, and reports every problem, the tokenizer's
/// included, as a <see cref="PortfolioFormatException"/> naming file, line and column.
/// </summary>
public sealed class CsvRecordReader : IDisposable
{
    private readonly CsvTokenizer _csv;
    private readonly string[] _header;
    private readonly byte[][] _headerBytes;

    public CsvRecordReader(Stream stream, string fileName, IReadOnlyList<string> header, bool leaveOpen = false)
    {
        _header = [.. header];
        _headerBytes = [.. _header.Select(Encoding.UTF8.GetBytes)];
        _csv = new CsvTokenizer(stream, fileName, p => new PortfolioFormatException(p.File, p.Line, p.Column, p.ColumnName, p.Reason), leaveOpen)
        {
            ColumnNames = _header,
        };
    }

    public string FileName => _csv.FileName;

    /// <summary>1-based line on which the current row starts.</summary>
    public long Line => _csv.Line;

    public int FieldCount => _csv.FieldCount;

    /// <summary>Bytes consumed from the stream so far (for progress and for the bounded-memory tests).</summary>
    public long BytesRead => _csv.BytesRead;

    public string ColumnName(int index) => index < _header.Length ? _header[index] : $"extra column {index + 1}";

    /// <summary>The raw bytes of field <paramref name="index"/> with quoting removed. Valid until the next read.</summary>
    public ReadOnlySpan<byte> Field(int index) => _csv.Field(index);

    public string FieldString(int index) => _csv.FieldString(index);

    /// <summary>Reads the header row and checks it is exactly the documented one.</summary>
    public void ReadHeader()
    {
        if (!_csv.Read())
            throw Error(1, 0, $"the header row {string.Join(",", _header)}; the file is empty");
        var ok = FieldCount == _header.Length;
        for (var i = 0; ok && i < FieldCount; i++)
            ok = Field(i).SequenceEqual(_headerBytes[i]);
        if (!ok)
        {
            var got = string.Join(",", Enumerable.Range(0, FieldCount).Select(FieldString));
            throw Error(Line, 0, $"the header row {string.Join(",", _header)}, got {Quote(got)}{_csv.DelimiterNote()}");
        }
    }

    /// <summary>Reads the next data row and checks it has exactly as many fields as the header. False at end of file.</summary>
    public bool Read()
    {
        if (!_csv.Read()) return false;
        if (FieldCount != _header.Length)
        {
            var column = FieldCount < _header.Length ? FieldCount + 1 : _header.Length + 1;
            var name = FieldCount < _header.Length ? _header[FieldCount] : null;
            throw new PortfolioFormatException(FileName, Line, column, name,
                $"{_header.Length} fields ({string.Join(",", _header)}), got {FieldCount}");
        }
        return true;
    }

    public PortfolioFormatException Error(int column, string expected) =>
        new(FileName, Line, column + 1, ColumnName(column), $"expected {expected}");

    private PortfolioFormatException Error(long line, int column, string expected) =>
        new(FileName, line, column, column > 0 ? ColumnName(column - 1) : null, $"expected {expected}");

    private static string Quote(string text) => "'" + (text.Length <= 80 ? text : text[..80] + "…") + "'";

    public void Dispose() => _csv.Dispose();
}
