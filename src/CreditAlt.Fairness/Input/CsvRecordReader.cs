using System.Buffers;

namespace CreditAlt.Fairness.Input;

/// <summary>
/// A fast RFC 4180 CSV reader: comma separated, fields optionally in double quotes (a quote inside doubled),
/// quoted fields may hold commas and line breaks; CRLF or LF line ends. Fields are exposed as spans into an
/// internal buffer, valid until the next <see cref="Read"/>.
/// </summary>
public sealed class CsvRecordReader : IDisposable
{
    private static readonly SearchValues<char> FieldEnd = SearchValues.Create(",\r\n");
    private readonly TextReader reader;
    private readonly string path;
    private char[] buffer = new char[1 << 20];
    private int position;
    private int length;
    private bool endOfInput;
    private readonly List<(int Start, int Length, bool Escaped)> fields = [];
    private char[] scratch = new char[256];
    private long nextLine = 1;

    /// <summary>Reads from <paramref name="reader"/>; <paramref name="path"/> names the file in error messages.</summary>
    public CsvRecordReader(TextReader reader, string path)
    {
        this.reader = reader;
        this.path = path;
    }

    /// <summary>Physical line (1-based) where the current record starts.</summary>
    public long Line { get; private set; }

    /// <summary>Number of fields in the current record.</summary>
    public int FieldCount => fields.Count;

    /// <summary>Reads the next record; false at the end of input. Blank lines are skipped.</summary>
    public bool Read()
    {
        while (true)
        {
            fields.Clear();
            int start = position;
            long line = nextLine;
            var (status, end, linesUsed) = TryParse(start);
            if (status == ParseStatus.NeedMore)
            {
                if (endOfInput)
                {
                    throw new FairnessInputException($"{path}:{line}: a quoted field is not closed before the end of the file");
                }

                Refill();
                continue;
            }

            if (status == ParseStatus.End)
            {
                return false;
            }

            position = end;
            nextLine = line + linesUsed;
            Line = line;
            if (fields.Count == 1 && fields[0].Length == 0 && !fields[0].Escaped && status == ParseStatus.Blank)
            {
                continue;
            }

            return true;
        }
    }

    /// <summary>The text of field <paramref name="index"/> of the current record.</summary>
    public ReadOnlySpan<char> Field(int index)
    {
        var (start, len, escaped) = fields[index];
        var raw = buffer.AsSpan(start, len);
        if (!escaped)
        {
            return raw;
        }

        if (scratch.Length < len)
        {
            scratch = new char[len * 2];
        }

        int n = 0;
        for (int i = 0; i < raw.Length; i++)
        {
            scratch[n++] = raw[i];
            if (raw[i] == '"')
            {
                i++; // skip the second quote of a doubled pair
            }
        }

        return scratch.AsSpan(0, n);
    }

    private enum ParseStatus
    {
        Record,
        Blank,
        NeedMore,
        End,
    }

    private (ParseStatus Status, int End, long Lines) TryParse(int start)
    {
        var data = buffer.AsSpan(0, length);
        int i = start;
        if (i >= length)
        {
            return endOfInput ? (ParseStatus.End, i, 0) : (ParseStatus.NeedMore, i, 0);
        }

        long lines = 0;
        bool blank = data[i] is '\r' or '\n';
        while (true)
        {
            if (i < length && data[i] == '"')
            {
                int contentStart = i + 1;
                int j = contentStart;
                bool escaped = false;
                while (true)
                {
                    int q = data[j..].IndexOf('"');
                    if (q < 0)
                    {
                        return (ParseStatus.NeedMore, i, 0);
                    }

                    lines += data.Slice(j, q).Count('\n');
                    j += q;
                    if (j + 1 >= length)
                    {
                        if (!endOfInput)
                        {
                            return (ParseStatus.NeedMore, i, 0);
                        }

                        break;
                    }

                    if (data[j + 1] == '"')
                    {
                        escaped = true;
                        j += 2;
                        continue;
                    }

                    break;
                }

                fields.Add((contentStart, j - contentStart, escaped));
                i = j + 1;
                if (i < length && data[i] != ',' && data[i] != '\r' && data[i] != '\n')
                {
                    throw new FairnessInputException($"{path}:{nextLine + lines}: unexpected character '{data[i]}' after a closing quote in field {fields.Count}");
                }
            }
            else
            {
                int k = i < length ? data[i..].IndexOfAny(FieldEnd) : -1;
                if (k < 0)
                {
                    if (!endOfInput)
                    {
                        return (ParseStatus.NeedMore, i, 0);
                    }

                    fields.Add((i, length - i, false));
                    return (ParseStatus.Record, length, lines + 1);
                }

                fields.Add((i, k, false));
                i += k;
            }

            if (i >= length)
            {
                if (!endOfInput)
                {
                    return (ParseStatus.NeedMore, i, 0);
                }

                return (ParseStatus.Record, i, lines + 1);
            }

            char c = data[i];
            if (c == ',')
            {
                i++;
                continue;
            }

            // Line end: \n, \r\n or a lone \r.
            if (c == '\r')
            {
                if (i + 1 >= length && !endOfInput)
                {
                    return (ParseStatus.NeedMore, i, 0);
                }

                i += i + 1 < length && data[i + 1] == '\n' ? 2 : 1;
            }
            else
            {
                i++;
            }

            return (blank ? ParseStatus.Blank : ParseStatus.Record, i, lines + 1);
        }
    }

    private void Refill()
    {
        int remaining = length - position;
        if (position == 0 && remaining == buffer.Length)
        {
            Array.Resize(ref buffer, buffer.Length * 2);
        }
        else if (remaining > 0)
        {
            Array.Copy(buffer, position, buffer, 0, remaining);
        }

        position = 0;
        length = remaining;
        int read = reader.ReadBlock(buffer, length, buffer.Length - length);
        length += read;
        if (read == 0)
        {
            endOfInput = true;
        }
    }

    /// <inheritdoc />
    public void Dispose() => reader.Dispose();
}
