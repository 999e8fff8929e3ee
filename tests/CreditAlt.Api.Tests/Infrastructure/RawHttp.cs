using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace CreditAlt.Api.Tests.Infrastructure;

/// <summary>An HTTP/1.1 response as read off the wire.</summary>
public sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var v) ? v : null;
}

/// <summary>
/// One keep-alive HTTP/1.1 connection over a plain socket, so a test controls every byte of framing (chunk sizes,
/// Content-Length) and can send a second request on the same connection.
/// </summary>
public sealed class RawHttp : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    private RawHttp(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
    }

    public static async Task<RawHttp> ConnectAsync(Uri baseAddress, CancellationToken ct)
    {
        var client = new TcpClient();
        await client.ConnectAsync(baseAddress.Host, baseAddress.Port, ct);
        return new RawHttp(client);
    }

    /// <summary>Sends <paramref name="head"/> (request line and headers, without the blank line) and then <paramref name="body"/>.</summary>
    public async Task SendAsync(string head, byte[]? body, CancellationToken ct)
    {
        await _stream.WriteAsync(Encoding.ASCII.GetBytes(head + "\r\n\r\n"), ct);
        if (body is { Length: > 0 })
            await _stream.WriteAsync(body, ct);
        await _stream.FlushAsync(ct);
    }

    /// <summary>Writes bytes as they are (e.g. a hand-made chunk), ignoring a connection the server has already closed.</summary>
    public async Task<bool> TryWriteAsync(byte[] bytes, CancellationToken ct)
    {
        try
        {
            await _stream.WriteAsync(bytes, ct);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Reads one response (Content-Length or chunked body); null when the server closed the connection first.</summary>
    public async Task<RawResponse?> ReadResponseAsync(CancellationToken ct)
    {
        var statusLine = await ReadLineAsync(ct);
        if (statusLine is null)
            return null;
        var status = int.Parse(statusLine.Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var line = await ReadLineAsync(ct); !string.IsNullOrEmpty(line); line = await ReadLineAsync(ct))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon].Trim().ToLowerInvariant()] = line[(colon + 1)..].Trim();
        }

        var body = new MemoryStream();
        if (headers.TryGetValue("content-length", out var length))
        {
            await ReadExactlyAsync(body, int.Parse(length, CultureInfo.InvariantCulture), ct);
        }
        else if (headers.TryGetValue("transfer-encoding", out var te) && te.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            while (true)
            {
                var size = int.Parse((await ReadLineAsync(ct))!.Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                if (size > 0)
                    await ReadExactlyAsync(body, size, ct);
                await ReadLineAsync(ct);
                if (size == 0)
                    break;
            }
        }
        return new RawResponse(status, headers, Encoding.UTF8.GetString(body.ToArray()));
    }

    /// <summary>True when the server has closed its side (a read returns end of stream or a reset) within <paramref name="wait"/>.</summary>
    public async Task<bool> ClosedByServerAsync(TimeSpan wait, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(wait);
        try
        {
            while (true)
            {
                if (_start < _end)
                {
                    _start = _end; // ignore anything after the response
                    continue;
                }
                var n = await _stream.ReadAsync(_buffer, timeout.Token);
                if (n == 0)
                    return true;
            }
        }
        catch (IOException)
        {
            return true;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task<bool> FillAsync(CancellationToken ct)
    {
        if (_start == _end)
        {
            _start = _end = 0;
        }
        try
        {
            var n = await _stream.ReadAsync(_buffer.AsMemory(_end), ct);
            _end += n;
            return n > 0;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private async Task<string?> ReadLineAsync(CancellationToken ct)
    {
        var line = new StringBuilder();
        while (true)
        {
            for (; _start < _end; _start++)
            {
                var b = (char)_buffer[_start];
                if (b == '\n')
                {
                    _start++;
                    return line.ToString().TrimEnd('\r');
                }
                line.Append(b);
            }
            if (!await FillAsync(ct))
                return line.Length == 0 ? null : line.ToString();
        }
    }

    private async Task ReadExactlyAsync(Stream into, int count, CancellationToken ct)
    {
        while (count > 0)
        {
            if (_start == _end && !await FillAsync(ct))
                throw new EndOfStreamException($"{count} bytes of the body missing");
            var n = Math.Min(count, _end - _start);
            into.Write(_buffer, _start, n);
            _start += n;
            count -= n;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _client.Dispose();
    }
}
