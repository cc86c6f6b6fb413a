namespace CaseManagement.Shops.Evidence;

/// <summary>
/// A write-only stream that cuts what is written into chunks of a fixed size and hands each to <see cref="Emit"/>. A full chunk is
/// handed on only once more bytes arrive, so the subclass decides how the last one ends (<see cref="EmitBuffered"/>): the evidence
/// cipher seals it as the short last chunk, the database store sends it as the last row.
/// </summary>
public abstract class ChunkingStream(int chunkBytes) : Stream
{
    private readonly byte[] _chunk = new byte[chunkBytes];

    /// <summary>Bytes waiting in the current chunk.</summary>
    protected int Buffered { get; private set; }

    /// <summary>Bytes written so far.</summary>
    protected long Written { get; private set; }

    /// <summary>No more writes: the last chunk was handed on.</summary>
    protected bool Ended { get; set; }

    /// <summary>Hands one chunk on; <paramref name="last"/> when the subclass ends the stream with it.</summary>
    protected abstract void Emit(ReadOnlySpan<byte> chunk, bool last);

    /// <summary>Hands on what is buffered (possibly nothing) as one chunk.</summary>
    protected void EmitBuffered(bool last)
    {
        Emit(_chunk.AsSpan(0, Buffered), last);
        Buffered = 0;
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => !Ended;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => Written; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(Ended, this);
        while (buffer.Length > 0)
        {
            if (Buffered == _chunk.Length)
            {
                EmitBuffered(last: false);
            }

            var take = Math.Min(buffer.Length, _chunk.Length - Buffered);
            buffer[..take].CopyTo(_chunk.AsSpan(Buffered));
            Buffered += take;
            Written += take;
            buffer = buffer[take..];
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) => WriteAsync(buffer.AsMemory(offset, count), ct).AsTask();

    // Chunks are handed on synchronously, as the writers under them (a file, a COPY buffer) accept them.
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
