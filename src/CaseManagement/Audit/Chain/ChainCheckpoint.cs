using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CaseManagement.Audit.Chain;

/// <summary>One stream's head as a checkpoint signed it.</summary>
public sealed record CheckpointHead(Guid StreamId, long Version, string Hash);

/// <summary>
/// Every stream head of one organisation at one instant, with a root over them and an HMAC-SHA256 signature by a key
/// the database never holds (docs/hash-chain.md). Whoever can write the database can rewrite events and links
/// consistently, but cannot make a checkpoint that signs the rewritten heads.
/// </summary>
public sealed class ChainCheckpoint
{
    public Guid Id { get; set; }
    public string Organisation { get; set; } = "";
    public DateTimeOffset At { get; set; }

    /// <summary>"user:…" or "api-key:…" when someone asked for it, <see cref="ChainCheckpointing.ScheduleActor"/> when the schedule did.</summary>
    public string RecordedBy { get; set; } = "";

    /// <summary>Sorted by stream id (its lower-case text).</summary>
    public List<CheckpointHead> Heads { get; set; } = [];

    /// <summary>Lower-case hex SHA-256 over the heads (<see cref="ChainCheckpointSigner.Root"/>).</summary>
    public string Root { get; set; } = "";

    /// <summary>Which key signed: the first 16 hex digits of the key's SHA-256.</summary>
    public string KeyId { get; set; } = "";

    /// <summary>Lower-case hex HMAC-SHA256 of <see cref="ChainCheckpointSigner.SignedText"/>.</summary>
    public string Signature { get; set; } = "";
}

/// <summary>Signs checkpoints and checks them (pure, given the key).</summary>
public sealed class ChainCheckpointSigner
{
    public const int KeyBytes = 32;

    private readonly byte[] _key;

    public ChainCheckpointSigner(byte[] key)
    {
        if (key.Length != KeyBytes)
        {
            throw new ArgumentException($"a checkpoint key has {KeyBytes} bytes, not {key.Length}", nameof(key));
        }

        _key = key;
        KeyId = Convert.ToHexStringLower(SHA256.HashData(key))[..16];
    }

    public string KeyId { get; }

    /// <summary>SHA-256 over one line per head, "{stream}:{version}:{hash}\n", in the heads' order.</summary>
    public static string Root(IEnumerable<CheckpointHead> heads)
    {
        var lines = new StringBuilder();
        foreach (var head in heads)
        {
            lines.Append(head.StreamId.ToString("D")).Append(':').Append(head.Version.ToString(CultureInfo.InvariantCulture)).Append(':').Append(head.Hash).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(lines.ToString())));
    }

    /// <summary>What the signature covers: the canonical JSON of the checkpoint's identity, time, author, key, root and size.</summary>
    public static string SignedText(ChainCheckpoint checkpoint)
    {
        var output = new StringBuilder(256);
        CanonicalJson.WriteObject(output,
        [
            new("id", o => CanonicalJson.WriteString(o, checkpoint.Id.ToString("D"))),
            new("organisation", o => CanonicalJson.WriteString(o, checkpoint.Organisation)),
            new("at", o => CanonicalJson.WriteString(o, EventCanonicalForm.Timestamp(checkpoint.At))),
            new("recordedBy", o => CanonicalJson.WriteString(o, checkpoint.RecordedBy)),
            new("keyId", o => CanonicalJson.WriteString(o, checkpoint.KeyId)),
            new("root", o => CanonicalJson.WriteString(o, checkpoint.Root)),
            new("streams", o => o.Append(CanonicalJson.Number(checkpoint.Heads.Count))),
        ]);
        return output.ToString();
    }

    /// <summary>A signed checkpoint over <paramref name="heads"/>; <paramref name="at"/> is kept to the microsecond, as it is signed.</summary>
    public ChainCheckpoint Sign(Guid id, string organisation, DateTimeOffset at, string recordedBy, IEnumerable<CheckpointHead> heads)
    {
        var sorted = heads.OrderBy(h => h.StreamId.ToString("D"), StringComparer.Ordinal).ToList();
        var checkpoint = new ChainCheckpoint
        {
            Id = id,
            Organisation = organisation,
            At = new DateTimeOffset(at.UtcTicks - at.UtcTicks % 10, TimeSpan.Zero),
            RecordedBy = recordedBy,
            Heads = sorted,
            Root = Root(sorted),
            KeyId = KeyId,
        };
        checkpoint.Signature = Mac(checkpoint);
        return checkpoint;
    }

    /// <summary>Why the checkpoint cannot be trusted, or null when its heads, root and signature hold.</summary>
    public string? Problem(ChainCheckpoint checkpoint)
    {
        if (Root(checkpoint.Heads) != checkpoint.Root)
        {
            return "Its stream heads no longer hash to the root it was signed with: heads were changed after signing.";
        }

        if (checkpoint.KeyId != KeyId)
        {
            return $"It was signed with key {checkpoint.KeyId}, not with the configured checkpoint key {KeyId}; it cannot be checked here.";
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Mac(checkpoint)), Encoding.ASCII.GetBytes(checkpoint.Signature))
            ? null
            : "Its signature does not match its contents: the checkpoint was altered or was not signed by this service.";
    }

    private string Mac(ChainCheckpoint checkpoint) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, CanonicalJson.Utf8.GetBytes(SignedText(checkpoint))));
}
