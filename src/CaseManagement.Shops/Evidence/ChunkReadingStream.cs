namespace CaseManagement.Shops.Evidence;

/// <summary>
/// A read-only stream over chunks its subclass produces one at a time (the mirror of <see cref="ChunkingStream"/>): the evidence
/// cipher's opened chunks, the database store's segments. A reader takes from the current chunk; the next is asked for only when
/// it is used up, so the subclass may reuse one buffer for every chunk.
/// </summary>
public abstract class ChunkReadingStream : Stream
{
    private ReadOnlyMemory<byte> _chunk = ReadOnlyMemory<byte>.Empty;
    private int _position;
    private bool _ended;

    /// <summary>
    /// The next chunk (possibly empty), or null at the end. With <paramref name="useAsync"/> false it must complete synchronously,
    /// making only synchronous calls, as <see cref="Read(Span{byte})"/> waits for it.
    /// </summary>
    protected abstract ValueTask<ReadOnlyMemory<byte>?> NextChunkAsync(bool useAsync, CancellationToken ct);

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) => Take(buffer, AvailableAsync(buffer.Length, useAsync: false, CancellationToken.None).GetAwaiter().GetResult());

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

    // Asynchronous all the way down, so a download from a database-backed store never blocks a thread on the network.
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        var take = await AvailableAsync(buffer.Length, useAsync: true, ct);
        return Take(buffer.Span, take);
    }

    private int Take(Span<byte> buffer, int take)
    {
        _chunk.Span.Slice(_position, take).CopyTo(buffer);
        _position += take;
        return take;
    }

    /// <returns>How many bytes of the current chunk the caller may take now: 0 at the end.</returns>
    private async ValueTask<int> AvailableAsync(int wanted, bool useAsync, CancellationToken ct)
    {
        while (_position == _chunk.Length)
        {
            if (_ended || await NextChunkAsync(useAsync, ct) is not { } next)
            {
                _ended = true;
                return 0;
            }

            (_chunk, _position) = (next, 0);
        }

        return Math.Min(wanted, _chunk.Length - _position);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
