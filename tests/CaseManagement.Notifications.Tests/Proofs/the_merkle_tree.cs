using System.Security.Cryptography;
using System.Text;
using CaseManagement.Notifications.Proofs;
using FluentAssertions;

namespace CaseManagement.Notifications.Tests.Proofs;

/// <summary>RFC 6962 Merkle tree hashes and audit paths: what a person's delivery proof is checked with.</summary>
public class the_merkle_tree
{
    private static byte[] Leaf(int i) => MerkleTree.LeafHash(Encoding.UTF8.GetBytes($"delivery {i}"));

    private static List<byte[]> Leaves(int n) => [.. Enumerable.Range(0, n).Select(Leaf)];

    [Fact]
    public void matches_the_rfc_6962_definition_for_small_trees()
    {
        var (a, b, c) = (Leaf(0), Leaf(1), Leaf(2));

        MerkleTree.Root([a]).Should().Equal(a, "a one-leaf tree is its leaf");
        MerkleTree.Root([a, b]).Should().Equal(MerkleTree.NodeHash(a, b));
        MerkleTree.Root([a, b, c]).Should().Equal(MerkleTree.NodeHash(MerkleTree.NodeHash(a, b), c), "three leaves split 2 + 1");
        MerkleTree.Root([]).Should().Equal(SHA256.HashData([]), "the empty tree hashes the empty string");
        MerkleTree.LeafHash([]).Should().Equal(SHA256.HashData([0]), "leaves are prefixed with 0x00 so they cannot pass for nodes");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(13)]
    [InlineData(500)]
    public void every_leaf_verifies_against_the_root_with_its_audit_path(int size)
    {
        var leaves = Leaves(size);
        var root = MerkleTree.Root(leaves);

        for (var i = 0; i < size; i++)
        {
            var path = MerkleTree.AuditPath(leaves, i);
            MerkleTree.Verify(leaves[i], i, size, path, root).Should().BeTrue("leaf {0} of {1} is in the tree", i, size);
            path.Count.Should().BeLessThanOrEqualTo((int)Math.Ceiling(Math.Log2(Math.Max(size, 2))), "a path has at most log2(n) hashes");
        }
    }

    [Fact]
    public void a_changed_leaf_a_wrong_index_or_a_wrong_size_does_not_verify()
    {
        var leaves = Leaves(13);
        var root = MerkleTree.Root(leaves);
        var path = MerkleTree.AuditPath(leaves, 5);

        MerkleTree.Verify(Leaf(99), 5, 13, path, root).Should().BeFalse("another delivery record is not in the tree");
        MerkleTree.Verify(leaves[5], 6, 13, path, root).Should().BeFalse("the position is part of the proof");
        MerkleTree.Verify(leaves[12], 12, 14, MerkleTree.AuditPath(leaves, 12), root).Should().BeFalse("so is the size of the tree");
        MerkleTree.Verify(leaves[5], 5, 13, path.Skip(1).ToList(), root).Should().BeFalse("a shortened path proves nothing");
    }
}

/// <summary>The bytes a delivery record is committed to: stable, canonical, and sensitive to every field.</summary>
public class the_delivery_leaf
{
    private static readonly DeliveryFacts Sent = new(Guid.Parse("01900000-0000-7000-8000-00000000ca01"), 3, 17, "p-1", "s-1", "email",
        "ab12", "eu-notice:v2", "cd34", "sent", 1, "250 2.0.0 Ok: queued as 4F2", "4F2", null,
        new DateTimeOffset(2026, 3, 5, 10, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 5, 10, 0, 1, 250, TimeSpan.Zero));

    [Fact]
    public void is_json_with_sorted_keys_and_no_whitespace()
    {
        var text = Encoding.UTF8.GetString(DeliveryLeaf.Canonical(Sent));

        text.Should().StartWith("{\"attempts\":1,\"batch\":3,\"campaign\":\"01900000-0000-7000-8000-00000000ca01\",\"channel\":\"email\"");
        text.Should().Contain("\"finishedAt\":\"2026-03-05T10:00:01.2500000Z\"").And.Contain("\"reason\":null").And.NotContain(" :").And.NotContain(", ");
        System.Text.Json.JsonDocument.Parse(text).RootElement.EnumerateObject().Select(p => p.Name)
            .Should().BeInAscendingOrder(StringComparer.Ordinal, "a verifier rebuilds the bytes by sorting the keys");
    }

    [Fact]
    public void changes_with_every_field_and_escapes_only_what_json_requires()
    {
        var hash = DeliveryLeaf.Hash(Sent);

        DeliveryLeaf.Hash(Sent with { Status = "failed" }).Should().NotEqual(hash);
        DeliveryLeaf.Hash(Sent with { Position = 18 }).Should().NotEqual(hash);
        DeliveryLeaf.Hash(Sent with { }).Should().Equal(hash, "the same delivery always has the same leaf");
        Encoding.UTF8.GetString(DeliveryLeaf.Canonical(Sent with { ProviderResponse = "quote \" back \\ tab\t müller" }))
            .Should().Contain("\"providerResponse\":\"quote \\\" back \\\\ tab\\t müller\"");
    }
}
