namespace CaseManagement.Audit.Chain;

/// <summary>
/// One event's place in its stream's hash chain: the hash over the event as stored (type, data, metadata, version,
/// timestamp) and the previous event's hash. Written once, in event order, never changed (docs/hash-chain.md).
/// </summary>
/// <param name="Id">"{stream:N}:{version}".</param>
/// <param name="Hash">Lower-case hex SHA-256 of the event's canonical bytes, which include <paramref name="PreviousHash"/>.</param>
/// <param name="PreviousHash">The hash of the stream's previous event; 64 zeros for its first.</param>
public sealed class ChainLink
{
    public string Id { get; set; } = "";
    public Guid StreamId { get; set; }
    public long Version { get; set; }
    public long Sequence { get; set; }
    public string EventType { get; set; } = "";
    public DateTimeOffset Timestamp { get; set; }
    public string Hash { get; set; } = "";
    public string PreviousHash { get; set; } = "";
}

public enum ChainBreakKind
{
    /// <summary>The event's bytes no longer hash to what was recorded: its data, metadata, type or time changed.</summary>
    Changed,

    /// <summary>A version is missing from the stream: an event was deleted.</summary>
    Missing,

    /// <summary>Events are out of their recorded order (versions or sequence numbers moved).</summary>
    Reordered,

    /// <summary>An event has no recorded link: added behind the service's back, or its link was deleted.</summary>
    Unlinked,

    /// <summary>The stream ends before the head a signed checkpoint recorded: events were removed from its end.</summary>
    Truncated,
}

/// <summary>Where a stream's chain first stops holding, with what was expected and found.</summary>
public sealed record ChainBreak(long Version, long? Sequence, ChainBreakKind Kind, string Detail, string? ExpectedHash, string? ActualHash);

/// <summary>The result of recomputing one stream's chain from the database.</summary>
/// <param name="CheckpointAt">The newest signed checkpoint the stream's head was compared with, if any.</param>
public sealed record ChainVerification(
    Guid StreamId,
    long EventsChecked,
    bool Intact,
    ChainBreak? FirstBreak,
    long HeadVersion,
    string? HeadHash,
    DateTimeOffset? CheckpointAt);

/// <summary>One stream of an incident's record with its chain recomputed.</summary>
public sealed record RecordStreamChain(string Stream, ChainVerification Verification);

/// <summary>
/// An incident's whole record with every stream's chain recomputed: intact only when each one is; a stream with no
/// events yet (no escalation raised, no export made) has nothing to check and is left out.
/// </summary>
public sealed record IncidentRecordChain(Guid IncidentId, bool Intact, long EventsChecked, IReadOnlyList<RecordStreamChain> Streams);
