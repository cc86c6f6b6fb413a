using System.Net.Sockets;
using System.Text;

namespace Fuzz;

/// <summary>A request as bytes on the wire: whatever a hostile client may send, including what no HTTP library would.</summary>
public sealed record RawRequest(string Method, string Target, IReadOnlyList<(string Name, string Value)> Headers, byte[]? Body, byte[]? RawHead = null)
{
    /// <summary>The request line and headers, ending in an empty line, unless <see cref="RawHead"/> replaces them whole.</summary>
    public byte[] Head()
    {
        if (RawHead is not null)
        {
            return RawHead;
        }

        var head = new StringBuilder($"{Method} {Target} HTTP/1.1\r\n");
        foreach (var (name, value) in Headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        return Encoding.Latin1.GetBytes(head.Append("\r\n").ToString());
    }
}

/// <summary>What came back: the status and headers as sent, the body decoded from its framing, or why nothing came.</summary>
public sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body, string? NoAnswer, TimeSpan Took)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public string Text => Encoding.UTF8.GetString(Body);
}

/// <summary>
/// One request per connection (the client says Connection: close), written while the answer is read, so an answer the server
/// gives before the body is sent (413, 431) is seen even when the server then closes the connection on the rest.
/// </summary>
public static class RawHttp
{
    public static async Task<RawResponse> SendAsync(Uri server, RawRequest request, TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await socket.ConnectAsync(server.Host, server.Port, cancel.Token);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return new RawResponse(0, new Dictionary<string, string>(), [], $"could not connect: {ex.Message}", clock.Elapsed);
        }

        var writing = WriteAsync(socket, request, cancel.Token);
        var received = new MemoryStream();
        string? readFailure = null;
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancel.Token);
                if (read == 0)
                {
                    break;
                }

                received.Write(buffer, 0, read);
                if (IsComplete(received.GetBuffer().AsSpan(0, (int)received.Length)))
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            readFailure = $"no complete answer within {timeout.TotalSeconds:0} s";
        }
        catch (SocketException ex)
        {
            readFailure = $"connection {ex.SocketErrorCode} while reading";
        }

        var writeFailure = await writing;
        var bytes = received.ToArray();
        if (Parse(bytes) is { } parsed)
        {
            return parsed with { Took = clock.Elapsed };
        }

        var why = readFailure ?? (bytes.Length == 0 ? "the server closed the connection without answering" : "the answer was not HTTP");
        return new RawResponse(0, new Dictionary<string, string>(), bytes, writeFailure is null ? why : $"{why} ({writeFailure})", clock.Elapsed);
    }

    /// <summary>Null when every byte was sent; otherwise how sending stopped (the server may have answered and closed first).</summary>
    private static async Task<string?> WriteAsync(Socket socket, RawRequest request, CancellationToken ct)
    {
        try
        {
            await socket.SendAsync(request.Head(), SocketFlags.None, ct);
            if (request.Body is { Length: > 0 } body)
            {
                for (var offset = 0; offset < body.Length; offset += 16 * 1024)
                {
                    await socket.SendAsync(body.AsMemory(offset, Math.Min(16 * 1024, body.Length - offset)), SocketFlags.None, ct);
                }
            }

            return null;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            return $"sending stopped: {(ex is SocketException s ? s.SocketErrorCode.ToString() : ex.GetType().Name)}";
        }
    }

    private static RawResponse? Parse(byte[] bytes)
    {
        var end = IndexOf(bytes, "\r\n\r\n"u8, 0);
        if (end < 0)
        {
            return null;
        }

        var lines = Encoding.Latin1.GetString(bytes, 0, end).Split("\r\n");
        var statusLine = lines[0].Split(' ', 3);
        if (statusLine.Length < 2 || !statusLine[0].StartsWith("HTTP/", StringComparison.Ordinal) || !int.TryParse(statusLine[1], out var status))
        {
            return null;
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            if (colon > 0)
            {
                var name = line[..colon].Trim();
                var value = line[(colon + 1)..].Trim();
                headers[name] = headers.TryGetValue(name, out var earlier) ? $"{earlier}, {value}" : value;
            }
        }

        var body = bytes.AsSpan(end + 4).ToArray();
        if (headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = Dechunk(body);
        }

        return new RawResponse(status, headers, body, null, TimeSpan.Zero);
    }

    // Most answers end the connection (the request asked for it); this also ends one the server keeps open.
    private static bool IsComplete(ReadOnlySpan<byte> bytes)
    {
        var end = bytes.IndexOf("\r\n\r\n"u8);
        if (end < 0)
        {
            return false;
        }

        var head = Encoding.Latin1.GetString(bytes[..end]);
        var length = head.Split("\r\n").Select(l => l.Split(':', 2)).FirstOrDefault(p => p.Length == 2 && p[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase));
        if (length is not null && int.TryParse(length[1].Trim(), out var bodyLength))
        {
            return bytes.Length - end - 4 >= bodyLength;
        }

        return head.Contains("chunked", StringComparison.OrdinalIgnoreCase) && bytes.EndsWith("\r\n0\r\n\r\n"u8);
    }

    private static byte[] Dechunk(byte[] chunked)
    {
        var body = new MemoryStream();
        var position = 0;
        while (position < chunked.Length)
        {
            var lineEnd = IndexOf(chunked, "\r\n"u8, position);
            if (lineEnd < 0 || !int.TryParse(Encoding.ASCII.GetString(chunked, position, lineEnd - position).Split(';')[0],
                    System.Globalization.NumberStyles.HexNumber, null, out var size) || size == 0)
            {
                break;
            }

            body.Write(chunked, lineEnd + 2, Math.Min(size, chunked.Length - lineEnd - 2));
            position = lineEnd + 2 + size + 2;
        }

        return body.ToArray();
    }

    private static int IndexOf(byte[] bytes, ReadOnlySpan<byte> what, int from)
    {
        var found = bytes.AsSpan(from).IndexOf(what);
        return found < 0 ? -1 : found + from;
    }
}
