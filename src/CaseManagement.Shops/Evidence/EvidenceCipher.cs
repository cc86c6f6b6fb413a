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

    /// <inheritdoc cref="IsSealed(string)"/>
    public static async Task<bool> IsSealedAsync(Stream stored, CancellationToken ct)
    {
        var mark = new byte[Mark.Length];
        return await stored.ReadAtLeastAsync(mark, mark.Length, throwOnEndOfStream: false, ct) == mark.Length && mark.AsSpan().SequenceEqual(Mark);
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

    public sealed class SealingStream : ChunkingStream
    {
        private readonly Stream destination;
        private readonly AesGcm aes;
        private readonly byte[] associatedData;
        private readonly byte[] prefix = RandomNumberGenerator.GetBytes(PrefixBytes);
        private readonly byte[] sealedChunk = new byte[ChunkBytes + TagBytes];
        private uint index;
        private bool headerWritten;

        internal SealingStream(Stream destination, byte[] key, string name)
            : base(ChunkBytes)
        {
            this.destination = destination;
            aes = Aes(key);
            associatedData = AssociatedData(name);
        }

        /// <summary>Plaintext bytes written so far.</summary>
        public long Plaintext => Written;

        /// <summary>Seals what is buffered as the last chunk (a full buffer first as its own chunk, then an empty last one).</summary>
        public void Finish()
        {
            if (Ended)
            {
                return;
            }

            // The last chunk must be the short one.
            if (Buffered == ChunkBytes)
            {
                EmitBuffered(last: false);
            }

            EmitBuffered(last: true);
            Ended = true;
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

        protected override void Emit(ReadOnlySpan<byte> chunk, bool last)
        {
            if (!headerWritten)
            {
                destination.Write(Mark);
                destination.Write(prefix);
                headerWritten = true;
            }

            Span<byte> nonce = stackalloc byte[12];
            Nonce(nonce, prefix, index++, last);
            aes.Encrypt(nonce, chunk, sealedChunk.AsSpan(0, chunk.Length), sealedChunk.AsSpan(chunk.Length, TagBytes), associatedData);
            destination.Write(sealedChunk, 0, chunk.Length + TagBytes);
        }
    }

    private sealed class OpeningStream : ChunkReadingStream
    {
        private readonly Stream source;
        private readonly AesGcm aes;
        private readonly byte[] associatedData;
        private readonly byte[] prefix = new byte[PrefixBytes];
        private readonly byte[] sealedChunk = new byte[ChunkBytes + TagBytes];
        private readonly byte[] plain = new byte[ChunkBytes];
        private int available;
        private uint index;
        private bool headerRead;
        private bool ended;

        public OpeningStream(Stream source, byte[] key, string name)
        {
            this.source = source;
            aes = Aes(key);
            associatedData = AssociatedData(name);
        }

        protected override async ValueTask<ReadOnlyMemory<byte>?> NextChunkAsync(bool useAsync, CancellationToken ct)
        {
            if (ended)
            {
                return null;
            }

            await OpenChunkAsync(useAsync, ct);
            return plain.AsMemory(0, available);
        }

        private async ValueTask<int> ReadSourceAsync(byte[] buffer, int count, bool useAsync, CancellationToken ct) =>
            useAsync
                ? await source.ReadAtLeastAsync(buffer.AsMemory(0, count), count, throwOnEndOfStream: false, ct)
                : source.ReadAtLeast(buffer.AsSpan(0, count), count, throwOnEndOfStream: false);

        private async ValueTask OpenChunkAsync(bool useAsync, CancellationToken ct)
        {
            if (!headerRead)
            {
                var header = new byte[HeaderBytes];
                if (await ReadSourceAsync(header, HeaderBytes, useAsync, ct) < HeaderBytes || !header.AsSpan(0, Mark.Length).SequenceEqual(Mark))
                {
                    throw new EvidenceUnreadableException("the file is not an encrypted evidence file (its format mark is missing)");
                }

                header.AsSpan(Mark.Length).CopyTo(prefix);
                headerRead = true;
            }

            var read = await ReadSourceAsync(sealedChunk, sealedChunk.Length, useAsync, ct);
            if (read < TagBytes)
            {
                throw new EvidenceUnreadableException("the file ends before its last chunk: it was cut short");
            }

            var last = read < sealedChunk.Length;
            var length = read - TagBytes;
            try
            {
                Decrypt(length, last);
            }
            catch (CryptographicException ex)
            {
                throw new EvidenceUnreadableException($"chunk {index - 1} does not decrypt: the stored bytes were altered", ex);
            }

            available = length;
            ended = last;
        }

        // Apart from the awaits above: a stack-allocated nonce cannot live across one.
        private void Decrypt(int length, bool last)
        {
            Span<byte> nonce = stackalloc byte[12];
            Nonce(nonce, prefix, index++, last);
            aes.Decrypt(nonce, sealedChunk.AsSpan(0, length), sealedChunk.AsSpan(length, TagBytes), plain.AsSpan(0, length), associatedData);
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
    }
}
