using System.Buffers;
using System.Text;

namespace CreditAlt.Portfolio.Csv;

/// <summary>
/// A forward-only RFC 4180 tokenizer over UTF-8 bytes. It keeps one buffer (64 KiB, growing only
/// for a row longer than that, up to <see cref="MaxRowBytes"/>) and hands out fields as spans into
/// it, so reading never allocates per field and never holds more than the current row.
/// Accepts LF or CRLF, a UTF-8 byte-order mark, quoted fields with doubled quotes and embedded
/// line breaks; skips blank lines. Anything else stops with file, line and column named.
/// </summary>
public sealed class CsvRecordReader : IDisposable
{
    /// <value>1 MiB: no documented row comes near it; a longer one is a wrong file, not data.</value>
    public const int MaxRowBytes = 1 << 20;

    private const int InitialBuffer = 1 << 16;
    private static readonly SearchValues<byte> UnquotedStops = SearchValues.Create(",\n\r\""u8);

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly string[] _header;
    private byte[] _buffer = new byte[InitialBuffer];
    private int _recordStart;
    private int _end;
    private bool _eof;
    private long _nextLine = 1;
    private int[] _fieldStart = new int[16];
    private int[] _fieldLength = new int[16];
    private bool[] _fieldEscaped = new bool[16];
    private byte[] _scratch = new byte[256];
    private bool _first = true;

    public CsvRecordReader(Stream stream, string fileName, IReadOnlyList<string> header, bool leaveOpen = false)
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
        FileName = fileName;
        _header = [.. header];
    }

    public string FileName { get; }

    /// <summary>1-based line on which the current row starts.</summary>
    public long Line { get; private set; }

    public int FieldCount { get; private set; }

    /// <summary>Bytes consumed from the stream so far (for progress and for the bounded-memory tests).</summary>
    public long BytesRead { get; private set; }

    public string ColumnName(int index) => index < _header.Length ? _header[index] : $"extra column {index + 1}";

    /// <summary>The raw bytes of field <paramref name="index"/> with quoting removed. Valid until the next read.</summary>
    public ReadOnlySpan<byte> Field(int index)
    {
        var span = _buffer.AsSpan(_fieldStart[index], _fieldLength[index]);
        if (!_fieldEscaped[index]) return span;
        if (_scratch.Length < span.Length) _scratch = new byte[Math.Max(span.Length, _scratch.Length * 2)];
        var n = 0;
        for (var i = 0; i < span.Length; i++)
        {
            _scratch[n++] = span[i];
            if (span[i] == (byte)'"') i++; // a doubled quote stands for one
        }
        return _scratch.AsSpan(0, n);
    }

    public string FieldString(int index) => Encoding.UTF8.GetString(Field(index));

    /// <summary>Reads the header row and checks it is exactly the documented one.</summary>
    public void ReadHeader()
    {
        if (!ReadRow())
            throw Error(1, 0, $"the header row {string.Join(",", _header)}; the file is empty");
        var ok = FieldCount == _header.Length;
        for (var i = 0; ok && i < FieldCount; i++)
            ok = Field(i).SequenceEqual(Encoding.UTF8.GetBytes(_header[i]));
        if (!ok)
        {
            var got = string.Join(",", Enumerable.Range(0, FieldCount).Select(FieldString));
            throw Error(Line, 0, $"the header row {string.Join(",", _header)}, got {Quote(got)}{DelimiterNote(got)}");
        }
    }

    /// <summary>Reads the next data row and checks it has exactly as many fields as the header. False at end of file.</summary>
    public bool Read()
    {
        if (!ReadRow()) return false;
        if (FieldCount != _header.Length)
        {
            var column = FieldCount < _header.Length ? FieldCount + 1 : _header.Length + 1;
            var name = FieldCount < _header.Length ? _header[FieldCount] : null;
            throw new PortfolioFormatException(FileName, Line, column, name,
                $"{_header.Length} fields ({string.Join(",", _header)}), got {FieldCount}");
        }
        return true;
    }

    /// <summary>When a header read as one field holds semicolons or tabs, says so: the file was saved with another delimiter.</summary>
    private string DelimiterNote(string got)
    {
        if (FieldCount != 1)
            return "";
        var (semicolons, tabs) = (got.Count(c => c == ';'), got.Count(c => c == '\t'));
        if (semicolons == 0 && tabs == 0)
            return "";
        var found = semicolons >= tabs ? "semicolons (';')" : "tabs";
        return $"; the file is separated by {found}, the format by commas (',')";
    }

    public PortfolioFormatException Error(int column, string expected) =>
        new(FileName, Line, column + 1, ColumnName(column), $"expected {expected}");

    private PortfolioFormatException Error(long line, int column, string expected) =>
        new(FileName, line, column, column > 0 ? ColumnName(column - 1) : null, $"expected {expected}");

    private bool ReadRow()
    {
        while (true)
        {
            var result = TryParseRow();
            if (result == ParseResult.Row)
            {
                if (FieldCount == 1 && _fieldLength[0] == 0 && !_fieldEscaped[0] && _lastRowBlank) continue;
                return true;
            }
            if (result == ParseResult.End) return false;
            Fill();
        }
    }

    private bool _lastRowBlank;

    private enum ParseResult { Row, End, NeedMore }

    // Parses one row starting at _recordStart. Leaves the buffer untouched, so that when the row
    // runs past the bytes read so far it can simply be parsed again after Fill().
    private ParseResult TryParseRow()
    {
        if (_first)
        {
            if (_end - _recordStart < 3 && !_eof) return ParseResult.NeedMore;
            if (_buffer.AsSpan(_recordStart, _end - _recordStart).StartsWith("\uFEFF"u8)) { _recordStart += 3; }
            _first = false;
        }
        var pos = _recordStart;
        if (pos >= _end) return _eof ? ParseResult.End : ParseResult.NeedMore;
        var fields = 0;
        var newlines = 0;
        var quotedAny = false;
        while (true)
        {
            if (fields == _fieldStart.Length) GrowFields();
            if (pos < _end && _buffer[pos] == (byte)'"')
            {
                quotedAny = true;
                var start = pos + 1;
                var p = start;
                var escaped = false;
                while (true)
                {
                    var rel = _end > p ? _buffer.AsSpan(p, _end - p).IndexOf((byte)'"') : -1;
                    if (rel < 0)
                    {
                        if (!_eof) return ParseResult.NeedMore;
                        throw Error(_nextLine + newlines, fields + 1, "a closing quote before the end of the file");
                    }
                    var q = p + rel;
                    if (q + 1 >= _end && !_eof) return ParseResult.NeedMore;
                    if (q + 1 < _end && _buffer[q + 1] == (byte)'"') { escaped = true; p = q + 2; continue; }
                    newlines += CountNewlines(start, q - start);
                    _fieldStart[fields] = start;
                    _fieldLength[fields] = q - start;
                    _fieldEscaped[fields] = escaped;
                    fields++;
                    pos = q + 1;
                    break;
                }
                if (pos >= _end)
                {
                    if (!_eof) return ParseResult.NeedMore;
                    return Finish(fields, newlines, pos, quotedAny);
                }
                var after = _buffer[pos];
                if (after == (byte)',') { pos++; continue; }
                if (after == (byte)'\n') return Finish(fields, newlines + 1, pos + 1, quotedAny);
                if (after == (byte)'\r')
                {
                    if (pos + 1 >= _end && !_eof) return ParseResult.NeedMore;
                    if (pos + 1 < _end && _buffer[pos + 1] == (byte)'\n') return Finish(fields, newlines + 1, pos + 2, quotedAny);
                }
                throw Error(_nextLine + newlines, fields, "a comma or the end of the row after a closing quote");
            }
            else
            {
                var rel = _end > pos ? _buffer.AsSpan(pos, _end - pos).IndexOfAny(UnquotedStops) : -1;
                if (rel < 0)
                {
                    if (!_eof) return ParseResult.NeedMore;
                    _fieldStart[fields] = pos;
                    _fieldLength[fields] = _end - pos;
                    _fieldEscaped[fields] = false;
                    return Finish(fields + 1, newlines, _end, quotedAny);
                }
                var stop = pos + rel;
                _fieldStart[fields] = pos;
                _fieldLength[fields] = rel;
                _fieldEscaped[fields] = false;
                fields++;
                switch (_buffer[stop])
                {
                    case (byte)',':
                        pos = stop + 1;
                        if (pos >= _end && _eof)
                        {
                            if (fields == _fieldStart.Length) GrowFields();
                            _fieldStart[fields] = pos;
                            _fieldLength[fields] = 0;
                            _fieldEscaped[fields] = false;
                            return Finish(fields + 1, newlines, pos, quotedAny);
                        }
                        continue;
                    case (byte)'\n':
                        return Finish(fields, newlines + 1, stop + 1, quotedAny);
                    case (byte)'\r':
                        if (stop + 1 >= _end && !_eof) return ParseResult.NeedMore;
                        if (stop + 1 < _end && _buffer[stop + 1] == (byte)'\n') return Finish(fields, newlines + 1, stop + 2, quotedAny);
                        throw Error(_nextLine + newlines, fields, "a line feed after a carriage return (rows end with LF or CRLF)");
                    default:
                        throw Error(_nextLine + newlines, fields, "no quote inside an unquoted field (quote the whole field and double any quote inside it)");
                }
            }
        }
    }

    private ParseResult Finish(int fields, int newlines, int next, bool quotedAny)
    {
        FieldCount = fields;
        Line = _nextLine;
        _nextLine += newlines;
        BytesRead += next - _recordStart;
        _recordStart = next;
        _lastRowBlank = !quotedAny;
        return ParseResult.Row;
    }

    private int CountNewlines(int start, int length) => _buffer.AsSpan(start, length).Count((byte)'\n');

    private void GrowFields()
    {
        var n = _fieldStart.Length * 2;
        Array.Resize(ref _fieldStart, n);
        Array.Resize(ref _fieldLength, n);
        Array.Resize(ref _fieldEscaped, n);
    }

    private void Fill()
    {
        if (_eof) throw new InvalidOperationException("Fill after end of file.");
        var pending = _end - _recordStart;
        if (_recordStart > 0)
        {
            _buffer.AsSpan(_recordStart, pending).CopyTo(_buffer);
            _recordStart = 0;
            _end = pending;
        }
        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= MaxRowBytes)
                throw Error(_nextLine, 0, $"rows of at most {MaxRowBytes} bytes (is a quote left open?)");
            Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, MaxRowBytes));
        }
        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0) _eof = true;
        _end += read;
    }

    private static string Quote(string text) => "'" + (text.Length <= 80 ? text : text[..80] + "…") + "'";

    public void Dispose()
    {
        if (!_leaveOpen) _stream.Dispose();
    }
}
