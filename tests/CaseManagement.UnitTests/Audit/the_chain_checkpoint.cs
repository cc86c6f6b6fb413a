using System.Security.Cryptography;
using CaseManagement.Audit.Chain;
using FluentAssertions;

namespace CaseManagement.UnitTests.Audit;

/// <summary>Signed checkpoints: what they sign, how a forgery shows, and that a checkpoint never signs a head older than the last.</summary>
public class the_chain_checkpoint
{
    private static readonly ChainCheckpointSigner Signer = new(RandomNumberGenerator.GetBytes(32));
    private static readonly Guid First = Guid.Parse("019a0000-0000-7000-8000-000000000001");
    private static readonly Guid Second = Guid.Parse("019a0000-0000-7000-8000-000000000002");
    private static readonly string HashA = new('a', 64), HashB = new('b', 64), HashC = new('c', 64);

    private static ChainCheckpoint Signed() =>
        Signer.Sign(Guid.CreateVersion7(), "acme", DateTimeOffset.Parse("2026-11-30T04:00:00.1234567Z"), "user:audit@acme.test",
            [new CheckpointHead(Second, 2, HashB), new CheckpointHead(First, 5, HashA)]);

    [Fact]
    public void a_fresh_checkpoint_holds_and_lists_its_heads_by_stream_id()
    {
        var checkpoint = Signed();

        Signer.Problem(checkpoint).Should().BeNull();
        checkpoint.Heads.Select(h => h.StreamId).Should().Equal(First, Second);
        checkpoint.Root.Should().Be(ChainCheckpointSigner.Root(checkpoint.Heads));
        checkpoint.At.Should().Be(DateTimeOffset.Parse("2026-11-30T04:00:00.123456Z"), "the instant is kept as it is signed, to the microsecond");
        checkpoint.KeyId.Should().HaveLength(16);
    }

    [Fact]
    public void the_root_is_the_sha256_of_one_line_per_head() =>
        ChainCheckpointSigner.Root([new CheckpointHead(First, 5, HashA)]).Should().Be(
            Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"019a0000-0000-7000-8000-000000000001:5:{HashA}\n"))));

    [Fact]
    public void the_signature_covers_identity_time_author_key_root_and_size() =>
        ChainCheckpointSigner.SignedText(Signed()).Should().MatchRegex(
            "^\\{\"at\":\"2026-11-30T04:00:00\\.123456Z\",\"id\":\"[0-9a-f-]{36}\",\"keyId\":\"[0-9a-f]{16}\",\"organisation\":\"acme\"," +
            "\"recordedBy\":\"user:audit@acme.test\",\"root\":\"[0-9a-f]{64}\",\"streams\":2\\}$");

    [Fact]
    public void a_changed_head_no_longer_matches_the_signed_root()
    {
        var checkpoint = Signed();
        checkpoint.Heads[0] = checkpoint.Heads[0] with { Version = 4 };

        Signer.Problem(checkpoint).Should().Contain("root", "the heads are what the root was computed from");
    }

    [Fact]
    public void a_changed_head_with_a_recomputed_root_fails_the_signature()
    {
        var checkpoint = Signed();
        checkpoint.Heads[0] = checkpoint.Heads[0] with { Version = 4, Hash = HashC };
        checkpoint.Root = ChainCheckpointSigner.Root(checkpoint.Heads);

        Signer.Problem(checkpoint).Should().Contain("signature does not match", "without the key nobody can sign the new root");
    }

    [Fact]
    public void a_checkpoint_signed_with_another_key_is_named_as_such()
    {
        var other = new ChainCheckpointSigner(RandomNumberGenerator.GetBytes(32))
            .Sign(Guid.CreateVersion7(), "acme", DateTimeOffset.UtcNow, "user:audit@acme.test", [new CheckpointHead(First, 1, HashA)]);

        Signer.Problem(other).Should().Contain($"signed with key {other.KeyId}").And.Contain(Signer.KeyId);
    }

    [Fact]
    public void the_next_checkpoint_signs_heads_that_moved_on_and_new_streams()
    {
        var (heads, contradictions) = CheckpointHeads.Next(
            [new CheckpointHead(First, 5, HashA)],
            [Head(Second, 1, HashB), Head(First, 7, HashC)],
            new Dictionary<Guid, string> { [First] = HashA });

        heads.Should().Equal(new CheckpointHead(First, 7, HashC), new CheckpointHead(Second, 1, HashB));
        contradictions.Should().BeEmpty();
    }

    [Theory]
    [InlineData(null, null, "its head is gone")]
    [InlineData(4L, null, "went back to version 4")]
    [InlineData(5L, null, "has another hash")]
    [InlineData(6L, "rewritten", "no longer carries the signed hash")]
    public void a_head_that_contradicts_the_last_checkpoint_is_signed_as_it_was_then(long? currentVersion, string? linkAtSigned, string reason)
    {
        var signed = new CheckpointHead(First, 5, HashA);
        List<ChainHead> current = currentVersion is { } v ? [Head(First, v, HashC)] : [];
        var links = new Dictionary<Guid, string> { [First] = linkAtSigned ?? HashA };

        var (heads, contradictions) = CheckpointHeads.Next([signed], current, links);

        heads.Should().Equal([signed], "a checkpoint never signs away a truncation or a rewrite");
        contradictions.Should().ContainSingle().Which.Should().Contain(reason);
    }

    private static ChainHead Head(Guid stream, long version, string hash) => new() { Id = stream, Version = version, Hash = hash };
}
