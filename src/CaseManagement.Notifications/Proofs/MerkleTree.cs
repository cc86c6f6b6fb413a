using System.Security.Cryptography;

namespace CaseManagement.Notifications.Proofs;

/// <summary>
/// The Merkle tree hash of RFC 6962 (section 2.1): leaves hashed as SHA-256(0x00 || data), inner nodes as
/// SHA-256(0x01 || left || right), a list of n &gt; 1 leaves split at the largest power of two below n. The domain
/// separation means no leaf can pass for an inner node. Audit paths let anyone check one leaf against the root with
/// log2(n) hashes, without the other leaves.
/// </summary>
public static class MerkleTree
{
    public static byte[] LeafHash(ReadOnlySpan<byte> data)
    {
        var buffer = new byte[data.Length + 1];
        data.CopyTo(buffer.AsSpan(1));
        return SHA256.HashData(buffer);
    }

    public static byte[] NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> buffer = stackalloc byte[1 + 32 + 32];
        buffer[0] = 1;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[33..]);
        return SHA256.HashData(buffer);
    }

    /// <summary>The root over leaf hashes (already <see cref="LeafHash"/>ed); the hash of the empty string for no leaves.</summary>
    public static byte[] Root(IReadOnlyList<byte[]> leafHashes) =>
        leafHashes.Count == 0 ? SHA256.HashData([]) : Root(leafHashes, 0, leafHashes.Count);

    /// <summary>The sibling hashes from leaf <paramref name="index"/> up to the root, nearest first (RFC 6962 2.1.1 PATH).</summary>
    public static IReadOnlyList<byte[]> AuditPath(IReadOnlyList<byte[]> leafHashes, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, leafHashes.Count);
        var path = new List<byte[]>();
        Path(leafHashes, 0, leafHashes.Count, index, path);
        return path;
    }

    /// <summary>Whether <paramref name="leafHash"/> at <paramref name="index"/> of a tree of <paramref name="size"/> leaves leads to <paramref name="root"/>.</summary>
    public static bool Verify(byte[] leafHash, int index, int size, IReadOnlyList<byte[]> path, byte[] root)
    {
        if (index < 0 || index >= size)
        {
            return false;
        }

        // RFC 9162 section 2.1.3.2: walk up from the leaf, the index and last index deciding which side each sibling is on.
        var (fn, sn) = (index, size - 1);
        var r = leafHash;
        foreach (var p in path)
        {
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                r = NodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                r = NodeHash(r, p);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && r.AsSpan().SequenceEqual(root);
    }

    private static byte[] Root(IReadOnlyList<byte[]> leaves, int start, int count)
    {
        if (count == 1)
        {
            return leaves[start];
        }

        var k = Split(count);
        return NodeHash(Root(leaves, start, k), Root(leaves, start + k, count - k));
    }

    private static void Path(IReadOnlyList<byte[]> leaves, int start, int count, int index, List<byte[]> path)
    {
        if (count == 1)
        {
            return;
        }

        var k = Split(count);
        if (index < k)
        {
            Path(leaves, start, k, index, path);
            path.Add(Root(leaves, start + k, count - k));
        }
        else
        {
            Path(leaves, start + k, count - k, index - k, path);
            path.Add(Root(leaves, start, k));
        }
    }

    // The largest power of two smaller than n.
    private static int Split(int n) => 1 << (31 - int.LeadingZeroCount(n - 1));
}
