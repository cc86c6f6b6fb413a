using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace CaseManagement.Shops.Evidence;

/// <summary>An evidence file's stored bytes do not decrypt: altered, truncated, reordered, or not written by this service.</summary>
public sealed class EvidenceUnreadableException(string message, Exception? inner = null) : IOException(message, inner);

/// <summary>
/// Evidence files at rest: AES-256-GCM in chunks of 64 KiB under the item's own data key (ADR 22), so a file of any size
/// is written and read as a stream and every chunk is authenticated before a byte of it is used. Layout: an 8-byte
/// format mark, a 7-byte random nonce prefix, then chunks of ciphertext and 16-byte tag. A chunk's nonce is the prefix,
/// its 4-byte index and a last-chunk flag; its associated data names the file. So a chunk moved within or between files,
/// a dropped tail, or a file swapped for another of the same item all fail to decrypt. Every chunk but the last is full;
/// the last is shorter (empty when the plaintext fills whole chunks), which is how a reader knows the end is real.
/// </summary>
public static class EvidenceCipher
{
    public const string Format = "aes-256-gcm-chunked/1";
    public const int KeyBytes = 32;
    internal const int ChunkBytes = 64 * 1024;
    private const int TagBytes = 16;
    private const int PrefixBytes = 7;
    private static readonly byte[] Mark = "CMEVID01"u8.ToArray();
    private static int HeaderBytes => Mark.Length + PrefixBytes;

    /// <summary>A write-only stream that encrypts into <paramref name="destination"/> (left open); disposing it writes the last chunk.</summary>
    public static SealingStream Seal(Stream destination, byte[] key, string name) => new(destination, key, name);

    /// <summary>A read-only stream of the plaintext of an encrypted file; reading throws <see cref="EvidenceUnreadableException"/> on any alteration.</summary>
    public static Stream Open(Stream source, byte[] key, string name) => new OpeningStream(source, key, name);

    /// <summary>Whether the file at <paramref name="path"/> is stored in this format (it starts with the format's mark); plaintext gzip and JSON never do.</summary>
    public static bool IsSealed(string path)
    {
        using var file = File.OpenRead(path);
        Span<byte> mark = stackalloc byte[Mark.Length];
        return file.ReadAtLeast(mark, mark.Length, throwOnEndOfStream: false) == mark.Length && mark.SequenceEqual(Mark);
    }

    private static AesGcm Aes(byte[] key) =>
        key.Length == KeyBytes ? new AesGcm(key, TagBytes) : throw new ArgumentException($"an evidence key has {KeyBytes} bytes", nameof(key));

    private static byte[] AssociatedData(string name) => Encoding.UTF8.GetBytes($"cm-evidence|v1|{name}");

    private static void Nonce(Span<byte> nonce, ReadOnlySpan<byte> prefix, uint index, bool last)
    {
        prefix.CopyTo(nonce);
        BinaryPrimitives.WriteUInt32BigEndian(nonce[PrefixBytes..], index);
        nonce[^1] = last ? (byte)1 : (byte)0;
    }

    public sealed class SealingStream : Stream
    {
        private readonly Stream destination;
        private readonly AesGcm aes;
        private readonly byte[] associatedData;
        private readonly byte[] prefix = RandomNumberGenerator.GetBytes(PrefixBytes);
        private readonly byte[] plain = new byte[ChunkBytes];
        private readonly byte[] sealedChunk = new byte[ChunkBytes + TagBytes];
        private int buffered;
        private uint index;
        private bool headerWritten;
        private bool finished;

        internal SealingStream(Stream destination, byte[] key, string name)
        {
            this.destination = destination;
            aes = Aes(key);
            associatedData = AssociatedData(name);
        }

        /// <summary>Plaintext bytes written so far.</summary>
        public long Plaintext { get; private set; }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => !finished;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Plaintext; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            ObjectDisposedException.ThrowIf(finished, this);
            while (buffer.Length > 0)
            {
                // A full chunk is sealed only once more bytes arrive: the last chunk must be the short one.
                if (buffered == ChunkBytes)
                {
                    SealChunk(last: false);
                }

                var take = Math.Min(buffer.Length, ChunkBytes - buffered);
                buffer[..take].CopyTo(plain.AsSpan(buffered));
                buffered += take;
                Plaintext += take;
                buffer = buffer[take..];
            }
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) => WriteAsync(buffer.AsMemory(offset, count), ct).AsTask();

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override void Flush()
        {
        }

        /// <summary>Seals what is buffered as the last chunk (a full buffer first as its own chunk, then an empty last one).</summary>
        public void Finish()
        {
            if (finished)
            {
                return;
            }

            if (buffered == ChunkBytes)
            {
                SealChunk(last: false);
            }

            SealChunk(last: true);
            finished = true;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Finish();
                aes.Dispose();
            }

            base.Dispose(disposing);
        }

        private void SealChunk(bool last)
        {
            if (!headerWritten)
            {
                destination.Write(Mark);
                destination.Write(prefix);
                headerWritten = true;
            }

            Span<byte> nonce = stackalloc byte[12];
            Nonce(nonce, prefix, index++, last);
            aes.Encrypt(nonce, plain.AsSpan(0, buffered), sealedChunk.AsSpan(0, buffered), sealedChunk.AsSpan(buffered, TagBytes), associatedData);
            destination.Write(sealedChunk, 0, buffered + TagBytes);
            buffered = 0;
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }

    private sealed class OpeningStream : Stream
    {
        private readonly Stream source;
        private readonly AesGcm aes;
        private readonly byte[] associatedData;
        private readonly byte[] prefix = new byte[PrefixBytes];
        private readonly byte[] sealedChunk = new byte[ChunkBytes + TagBytes];
        private readonly byte[] plain = new byte[ChunkBytes];
        private int available;
        private int position;
        private uint index;
        private bool headerRead;
        private bool ended;

        public OpeningStream(Stream source, byte[] key, string name)
        {
            this.source = source;
            aes = Aes(key);
            associatedData = AssociatedData(name);
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            while (position == available)
            {
                if (ended)
                {
                    return 0;
                }

                OpenChunk();
            }

            var take = Math.Min(buffer.Length, available - position);
            plain.AsSpan(position, take).CopyTo(buffer);
            position += take;
            return take;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) => ValueTask.FromResult(Read(buffer.Span));

        private void OpenChunk()
        {
            if (!headerRead)
            {
                Span<byte> mark = stackalloc byte[Mark.Length];
                if (source.ReadAtLeast(mark, mark.Length, throwOnEndOfStream: false) < mark.Length || !mark.SequenceEqual(Mark) ||
                    source.ReadAtLeast(prefix, PrefixBytes, throwOnEndOfStream: false) < PrefixBytes)
                {
                    throw new EvidenceUnreadableException("the file is not an encrypted evidence file (its format mark is missing)");
                }

                headerRead = true;
            }

            var read = source.ReadAtLeast(sealedChunk, sealedChunk.Length, throwOnEndOfStream: false);
            if (read < TagBytes)
            {
                throw new EvidenceUnreadableException("the file ends before its last chunk: it was cut short");
            }

            var last = read < sealedChunk.Length;
            Span<byte> nonce = stackalloc byte[12];
            Nonce(nonce, prefix, index++, last);
            var length = read - TagBytes;
            try
            {
                aes.Decrypt(nonce, sealedChunk.AsSpan(0, length), sealedChunk.AsSpan(length, TagBytes), plain.AsSpan(0, length), associatedData);
            }
            catch (CryptographicException ex)
            {
                throw new EvidenceUnreadableException($"chunk {index - 1} does not decrypt: the stored bytes were altered", ex);
            }

            available = length;
            position = 0;
            ended = last;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                aes.Dispose();
                source.Dispose();
            }

            base.Dispose(disposing);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
