namespace CaseManagement.Audit.Chain;

/// <summary>The newest link of one stream's chain; checkpoints sign these.</summary>
/// <param name="Id">The stream id.</param>
public sealed class ChainHead
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public long Sequence { get; set; }
    public string Hash { get; set; } = "";
    public DateTimeOffset Timestamp { get; set; }
}

/// <summary>An event whose link was recorded with another hash than its row gives now: evidence of tampering.</summary>
public sealed record LinkConflict(StoredEvent Event, ChainLink Recorded, string Computed);

/// <param name="NewLinks">Links to record, in version order.</param>
/// <param name="Head">The stream's newest link after these (recorded before or new), if any.</param>
/// <param name="Conflict">Where linking stopped, if it had to.</param>
public sealed record LinkingResult(IReadOnlyList<ChainLink> NewLinks, ChainLink? Head, LinkConflict? Conflict);

/// <summary>Extends one stream's chain by the events just appended to it (pure: the subscription does the reading and writing).</summary>
public static class ChainLinking
{
    public static string LinkId(Guid streamId, long version) => $"{streamId:N}:{version}";

    /// <summary>
    /// The hash the first of a run of events builds on: genesis for version 1, otherwise the link before it, or the newest
    /// link of the stream when that one is missing (genesis when there is none); the verifier shows any gap.
    /// </summary>
    public static string PreviousHashFor(long version, ChainLink? linkBefore, ChainHead? head) =>
        version == 1 ? EventCanonicalForm.Genesis
        : linkBefore?.Hash ?? (head is { } h && h.Version < version ? h.Hash : EventCanonicalForm.Genesis);

    /// <summary>
    /// Links <paramref name="events"/> (one stream, in sequence order) onto <paramref name="previousHash"/>. A link recorded
    /// before with the same hash is kept (a replayed page changes nothing); one with another hash is never overwritten:
    /// linking stops there and reports the conflict, and the verifier will show the break.
    /// </summary>
    /// <param name="recorded">Links recorded before, by id: a link whose fields were edited to another version stays where its id puts it.</param>
    public static LinkingResult Link(IReadOnlyList<StoredEvent> events, string previousHash, IReadOnlyDictionary<string, ChainLink> recorded)
    {
        var links = new List<ChainLink>();
        ChainLink? head = null;
        foreach (var e in events)
        {
            var hash = EventCanonicalForm.Hash(e, previousHash);
            if (recorded.TryGetValue(LinkId(e.StreamId, e.Version), out var existing))
            {
                if (existing.Hash != hash || existing.Sequence != e.Sequence || existing.Version != e.Version)
                {
                    return new LinkingResult(links, head, new LinkConflict(e, existing, hash));
                }

                head = existing;
            }
            else
            {
                head = new ChainLink
                {
                    Id = LinkId(e.StreamId, e.Version),
                    StreamId = e.StreamId,
                    Version = e.Version,
                    Sequence = e.Sequence,
                    EventType = e.Type,
                    Timestamp = e.Timestamp,
                    Hash = hash,
                    PreviousHash = previousHash,
                };
                links.Add(head);
            }

            previousHash = hash;
        }

        return new LinkingResult(links, head, null);
    }
}
