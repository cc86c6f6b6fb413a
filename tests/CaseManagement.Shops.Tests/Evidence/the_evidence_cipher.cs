using System.Security.Cryptography;
using CaseManagement.Shops.Evidence;
using FluentAssertions;

namespace CaseManagement.Shops.Tests.Evidence;

/// <summary>Evidence files at rest (ADR 22): chunked AES-256-GCM that reads back byte-exact and refuses every alteration.</summary>
public sealed class the_evidence_cipher
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(EvidenceCipher.KeyBytes);
    private const int Chunk = 64 * 1024;

    [Theory]
    [InlineData(0, "an empty table file still has its (empty) last chunk")]
    [InlineData(1, "one byte is one short last chunk")]
    [InlineData(Chunk - 1, "just under a chunk is one short last chunk")]
    [InlineData(Chunk, "a whole chunk is followed by an empty last chunk, so the end is never ambiguous")]
    [InlineData(Chunk + 1, "a byte over a chunk spills into a second one")]
    [InlineData(3 * Chunk + 12345, "many chunks read back in order")]
    public void what_is_sealed_opens_byte_exact_and_is_not_stored_in_clear(int length, string because)
    {
        var plain = Plaintext(length);

        var stored = Seal(plain, "users.sql.gz");

        Open(stored, Key, "users.sql.gz").Should().Equal(plain, because);
        if (length >= 64)
        {
            stored.AsSpan().IndexOf(plain.AsSpan(0, 64)).Should().Be(-1, "no run of plaintext reaches the disk");
        }
    }

    [Fact]
    public void the_same_plaintext_is_stored_differently_each_time()
    {
        var plain = Plaintext(1000);

        Seal(plain, "a").Should().NotEqual(Seal(plain, "a"), "each file gets a random nonce prefix, so equal tables do not show as equal files");
    }

    public static TheoryData<string, Func<byte[], byte[]>> Alterations => new()
    {
        { "a flipped bit in the first chunk", s => Flip(s, 20) },
        { "a flipped bit in a tag", s => Flip(s, s.Length - 3) },
        { "a flipped bit in the format mark", s => Flip(s, 0) },
        { "the last chunk cut off at a chunk boundary", s => s[..(15 + Chunk + 16)] },
        { "the tail cut short", s => s[..^5] },
        { "bytes appended", s => [.. s, 0] },
        { "two chunks swapped", s => [.. s[..15], .. s[(15 + Chunk + 16)..(15 + 2 * (Chunk + 16))], .. s[15..(15 + Chunk + 16)], .. s[(15 + 2 * (Chunk + 16))..]] },
    };

    [Theory]
    [MemberData(nameof(Alterations))]
    public void any_alteration_of_the_stored_bytes_is_refused_before_a_byte_of_it_is_used(string alteration, Func<byte[], byte[]> alter)
    {
        var stored = alter(Seal(Plaintext(2 * Chunk + 100), "orders.sql.gz"));

        var open = () => Open(stored, Key, "orders.sql.gz");

        open.Should().Throw<EvidenceUnreadableException>("{0} must not yield plaintext", alteration);
    }

    [Fact]
    public void a_file_renamed_within_its_item_or_read_with_another_key_does_not_open()
    {
        var stored = Seal(Plaintext(500), "users.sql.gz");

        ((Action)(() => Open(stored, Key, "orders.sql.gz"))).Should().Throw<EvidenceUnreadableException>("the file's name is bound into every chunk");
        ((Action)(() => Open(stored, RandomNumberGenerator.GetBytes(EvidenceCipher.KeyBytes), "users.sql.gz")))
            .Should().Throw<EvidenceUnreadableException>("another item's key opens nothing of this one");
    }

    private static byte[] Plaintext(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        return bytes;
    }

    private static byte[] Seal(byte[] plain, string name)
    {
        using var stored = new MemoryStream();
        using (var sealing = EvidenceCipher.Seal(stored, Key, name))
        {
            // Uneven writes, as a gzip stream makes them.
            for (var at = 0; at < plain.Length; at += 7777)
            {
                sealing.Write(plain, at, Math.Min(7777, plain.Length - at));
            }
        }

        return stored.ToArray();
    }

    private static byte[] Open(byte[] stored, byte[] key, string name)
    {
        using var opened = EvidenceCipher.Open(new MemoryStream(stored), key, name);
        using var plain = new MemoryStream();
        opened.CopyTo(plain);
        return plain.ToArray();
    }

    private static byte[] Flip(byte[] bytes, int at)
    {
        var copy = bytes.ToArray();
        copy[at] ^= 0x01;
        return copy;
    }
}
