namespace MailSink;

/// <summary>One line as received, with its terminator when it had one.</summary>
internal readonly struct Line(ReadOnlyMemory<byte> raw)
{
    /// <summary>Ended in CRLF, the only line end SMTP knows; a bare LF is content (RFC 5321 §2.3.8).</summary>
    public bool EndsWithCrLf => raw.Span.EndsWith("\r\n"u8);

    /// <summary>The line without its CRLF (a bare LF, or a part of an overlong line, stays in).</summary>
    public ReadOnlyMemory<byte> Content => EndsWithCrLf ? raw[..^2] : raw;

    public ReadOnlyMemory<byte> Raw => raw;
}

/// <summary>
/// Reads LF-terminated lines from a stream through one fixed buffer. A line longer than the buffer comes out in
/// parts (without a terminator), so a client cannot make the sink hold an unbounded line. A returned line is only
/// valid until the next read.
/// </summary>
internal sealed class LineReader(Stream stream, int capacity, TimeSpan idleTimeout, CancellationToken stopping) : IDisposable
{
    private readonly byte[] buffer = new byte[capacity];
    private readonly CancellationTokenSource idle = CancellationTokenSource.CreateLinkedTokenSource(stopping);
    private int start;
    private int end;

    /// <summary>A whole line is already here, so replies may wait (pipelining: one write answers a group of commands).</summary>
    public bool HasLine => buffer.AsSpan(start, end - start).Contains((byte)'\n');

    /// <summary>Null at the end of the stream. Throws <see cref="OperationCanceledException"/> when idle too long or stopping.</summary>
    public async ValueTask<Line?> ReadLineAsync()
    {
        while (true)
        {
            var lf = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
            if (lf >= 0)
            {
                var line = new Line(buffer.AsMemory(start, lf + 1));
                start += lf + 1;
                return line;
            }

            if (start > 0)
            {
                buffer.AsSpan(start, end - start).CopyTo(buffer);
                (start, end) = (0, end - start);
            }

            if (end == buffer.Length)
            {
                // Hold a trailing CR back so that a CRLF split across two parts is still seen as one line end.
                var take = buffer[end - 1] == (byte)'\r' ? end - 1 : end;
                start = take;
                return new Line(buffer.AsMemory(0, take));
            }

            idle.CancelAfter(idleTimeout);
            var read = await stream.ReadAsync(buffer.AsMemory(end), idle.Token);
            if (read == 0)
            {
                return null;
            }

            end += read;
        }
    }

    public void Dispose() => idle.Dispose();
}
