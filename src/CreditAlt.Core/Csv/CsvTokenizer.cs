using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace CreditAlt.Core.Csv;

/// <summary>
/// The one RFC 4180 tokenizer of CreditAlt, used by every CSV reader (portfolio, audit files, fairness input, bank
/// exports, training tables). Forward-only over UTF-8 bytes from a stream it is given: one buffer (64 KiB, growing
/// only for a row longer than that, up to <see cref="MaxRowBytes"/>), fields handed out as spans into it, so reading
/// never allocates per field and never holds more than the current row.
/// Accepts LF or CRLF, a UTF-8 byte-order mark, quoted fields with doubled quotes, embedded commas and line breaks,
/// and a last row without a line end; skips blank lines. Anything else stops with a <see cref="CsvProblem"/> naming
/// file, line and column, turned into the reader's own exception by the factory it passes in.
/// </summary>
public sealed class CsvTokenizer : IDisposable
{
    /// <value>1 MiB: no documented row comes near it; a longer one is a wrong file, not data.</value>
    public const int MaxRowBytes = 1 << 20;

    private const int InitialBuffer = 1 << 16;
    private static readonly SearchValues<byte> UnquotedStops = SearchValues.Create(",\n\r\""u8);
    private static readonly SearchValues<byte> FieldEnds = SearchValues.Create(",\n\r"u8);

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly Func<CsvProblem, Exception> _error;
    private byte[] _buffer = new byte[InitialBuffer];
    private int _recordStart;
    private int _end;
    private bool _eof;
    private bool _first = true;
    private long _nextLine = 1;
    private bool _lastRowBlank;
    private int[] _fieldStart = new int[16];
    private int[] _fieldLength = new int[16];
    private bool[] _fieldEscaped = new bool[16];

    // Unquoted and decoded fields are written one after another for the whole row (not into one scratch buffer),
    // so several spans of the same row can be held at once. A full arena is replaced, never overwritten: spans
    // already handed out keep the old array alive.
    private byte[] _unescaped = new byte[256];
    private int _unescapedUsed;
    private char[] _chars = new char[1024];
    private int _charsUsed;

    /// <param name="stream">UTF-8 CSV; read forward only.</param>
    /// <param name="fileName">Names the input in every problem.</param>
    /// <param name="error">Turns a problem into the exception the reader's callers expect; by default <see cref="CsvFormatException"/>.</param>
    /// <param name="leaveOpen">Leaves <paramref name="stream"/> open on dispose.</param>
    public CsvTokenizer(Stream stream, string fileName, Func<CsvProblem, Exception>? error = null, bool leaveOpen = false)
    {
        _stream = stream;
        FileName = fileName;
        _error = error ?? (p => new CsvFormatException(p));
        _leaveOpen = leaveOpen;
    }

    public string FileName { get; }

    /// <summary>Header names, so that problems name the column as well as its number. Set it once the header is known.</summary>
    public IReadOnlyList<string>? ColumnNames { get; set; }

    /// <summary>1-based line on which the current row starts.</summary>
    public long Line { get; private set; }

    public int FieldCount { get; private set; }

    /// <summary>Bytes consumed from the stream so far (for progress and for the bounded-memory tests).</summary>
    public long BytesRead { get; private set; }

    /// <summary>Reads the next row that is not blank. False at the end of the input.</summary>
    public bool Read()
    {
        _unescapedUsed = 0;
        _charsUsed = 0;
        while (true)
        {
            var result = TryParseRow();
            if (result == ParseResult.Row)
            {
                if (FieldCount == 1 && _fieldLength[0] == 0 && _lastRowBlank) continue;
                return true;
            }
            if (result == ParseResult.End) return false;
            Fill();
        }
    }

    /// <summary>The UTF-8 bytes of field <paramref name="index"/>, quoting removed. Valid until the next <see cref="Read"/>.</summary>
    public ReadOnlySpan<byte> Field(int index)
    {
        var span = _buffer.AsSpan(_fieldStart[index], _fieldLength[index]);
        if (!_fieldEscaped[index]) return span;
        if (_unescaped.Length - _unescapedUsed < span.Length)
        {
            _unescaped = new byte[Math.Max(span.Length, _unescaped.Length * 2)];
            _unescapedUsed = 0;
        }
        var start = _unescapedUsed;
        for (var i = 0; i < span.Length; i++)
        {
            _unescaped[_unescapedUsed++] = span[i];
            if (span[i] == (byte)'"') i++; // a doubled quote stands for one
        }
        return _unescaped.AsSpan(start, _unescapedUsed - start);
    }

    /// <summary>
    /// Field <paramref name="index"/> as text (invalid UTF-8 becomes U+FFFD, as a <see cref="StreamReader"/> would
    /// read it). Valid until the next <see cref="Read"/>; several may be held at once.
    /// </summary>
    public ReadOnlySpan<char> Text(int index)
    {
        var bytes = Field(index);
        if (_chars.Length - _charsUsed < bytes.Length) // UTF-8 never needs more UTF-16 units than bytes
        {
            _chars = new char[Math.Max(bytes.Length, _chars.Length * 2)];
            _charsUsed = 0;
        }
        Utf8.ToUtf16(bytes, _chars.AsSpan(_charsUsed), out _, out var written);
        var text = _chars.AsSpan(_charsUsed, written);
        _charsUsed += written;
        return text;
    }

    public string FieldString(int index) => Encoding.UTF8.GetString(Field(index));

    /// <summary>
    /// When the current row was read as one field holding semicolons or tabs, the sentence that says so (the file was
    /// saved with another delimiter, as spreadsheets in many locales do); otherwise empty. Readers append it to
    /// their message about a header they cannot use.
    /// </summary>
    public string DelimiterNote()
    {
        if (FieldCount != 1)
            return "";
        var field = Field(0);
        var (semicolons, tabs) = (field.Count((byte)';'), field.Count((byte)'\t'));
        if (semicolons == 0 && tabs == 0)
            return "";
        var found = semicolons >= tabs ? "semicolons (';')" : "tabs";
        return $"; the file is separated by {found}, the format by commas (',')";
    }

    /// <summary>Builds the reader's exception for a problem at <paramref name="line"/>, 1-based <paramref name="column"/> (0: the row).</summary>
    public Exception Problem(CsvProblemKind kind, long line, int column, string expected, string? got = null)
    {
        string? name = null;
        if (column > 0 && ColumnNames is { } names)
            name = column <= names.Count ? names[column - 1] : $"extra column {column}";
        return _error(new CsvProblem(kind, FileName, line, column, name, expected, got));
    }

    private enum ParseResult { Row, End, NeedMore }

    // Parses one row starting at _recordStart. Leaves the buffer untouched, so that when the row
    // runs past the bytes read so far it can simply be parsed again after Fill().
    private ParseResult TryParseRow()
    {
        if (_first)
        {
            if (_end - _recordStart < 4 && !_eof) return ParseResult.NeedMore;
            SkipByteOrderMark();
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
                var fieldStart = pos;
                var start = pos + 1;
                var p = start;
                var escaped = false;
                while (true)
                {
                    var rel = _end > p ? _buffer.AsSpan(p, _end - p).IndexOf((byte)'"') : -1;
                    if (rel < 0)
                    {
                        if (!_eof) return ParseResult.NeedMore;
                        throw Problem(CsvProblemKind.UnclosedQuote, _nextLine + newlines, fields + 1, "a closing quote before the end of the file");
                    }
                    var q = p + rel;
                    if (q + 1 >= _end && !_eof) return ParseResult.NeedMore;
                    if (q + 1 < _end && _buffer[q + 1] == (byte)'"') { escaped = true; p = q + 2; continue; }
                    newlines += _buffer.AsSpan(start, q - start).Count((byte)'\n');
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
                throw Problem(CsvProblemKind.TextAfterClosingQuote, _nextLine + newlines, fields,
                    "a comma or the end of the row after a closing quote", Show(fieldStart, pos));
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
                        throw Problem(CsvProblemKind.LoneCarriageReturn, _nextLine + newlines, fields, "a line feed after a carriage return (rows end with LF or CRLF)");
                    default:
                        throw Problem(CsvProblemKind.QuoteInUnquotedField, _nextLine + newlines, fields,
                            "no quote inside an unquoted field (quote the whole field and double any quote inside it)", Show(pos, stop + 1));
                }
            }
        }
    }

    private void SkipByteOrderMark()
    {
        var head = _buffer.AsSpan(_recordStart, _end - _recordStart);
        if (head.StartsWith("\uFEFF"u8))
        {
            _recordStart += 3;
            BytesRead += 3;
        }
        else if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || head.StartsWith((ReadOnlySpan<byte>)[0, 0, 0xFE, 0xFF]))
        {
            throw Problem(CsvProblemKind.NotUtf8, 1, 0, "UTF-8 text; the file is UTF-16 or UTF-32 (its first bytes are a byte-order mark): save it as UTF-8");
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

    // For a problem's "got": the field from its first byte to the next comma or line end at or after
    // searchFrom (within what is buffered).
    private string Show(int from, int searchFrom)
    {
        var end = _buffer.AsSpan(searchFrom, _end - searchFrom).IndexOfAny(FieldEnds);
        var field = _buffer.AsSpan(from, (end < 0 ? _end : searchFrom + end) - from);
        var text = Encoding.UTF8.GetString(field.Length > 60 ? field[..60] : field);
        return "'" + text + (field.Length > 60 ? "…" : "") + "'";
    }

    private void GrowFields()
    {
        var n = _fieldStart.Length * 2;
        Array.Resize(ref _fieldStart, n);
        Array.Resize(ref _fieldLength, n);
        Array.Resize(ref _fieldEscaped, n);
    }

    private void Fill()
    {
        if (_eof) throw new InvalidOperationException("Fill after the end of the input.");
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
                throw Problem(CsvProblemKind.RowTooLong, _nextLine, 0, $"rows of at most {MaxRowBytes} bytes (is a quote left open?)");
            Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, MaxRowBytes));
        }
        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0) _eof = true;
        _end += read;
    }

    public void Dispose()
    {
        if (!_leaveOpen) _stream.Dispose();
    }
}
