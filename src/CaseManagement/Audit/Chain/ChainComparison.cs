namespace CaseManagement.Audit.Chain;

/// <summary>A stream's head in the newest checkpoint whose signature holds.</summary>
public sealed record StreamCheckpoint(CheckpointHead Head, DateTimeOffset At);

/// <summary>
/// Recomputes one stream's chain from its stored rows and compares it with the recorded links, head and signed
/// checkpoint (pure; <see cref="ChainVerifier"/> reads the inputs). Reports the first place the chain stops holding.
/// </summary>
public static class ChainComparison
{
    /// <param name="events">The stream's rows in version order, read in the same snapshot as the links (every event is linked in the transaction that appends it).</param>
    public static ChainVerification Verify(Guid streamId, IReadOnlyList<StoredEvent> events, IReadOnlyCollection<ChainLink> links, ChainHead? head,
        StreamCheckpoint? checkpoint)
    {
        // A link counts where its id puts it; one whose fields were edited to another version is no link at all.
        var linkAt = links.Where(l => l.Id == ChainLinking.LinkId(streamId, l.Version)).ToDictionary(l => l.Version);
        // The furthest version anything recorded: a link, the head, or a signed checkpoint.
        var recordedUpTo = Math.Max(Math.Max(linkAt.Keys.DefaultIfEmpty().Max(), head?.Version ?? 0), checkpoint?.Head.Version ?? 0);
        var previous = EventCanonicalForm.Genesis;
        long version = 0, lastSequence = 0;
        string? headHash = null;

        ChainVerification Broken(ChainBreak found) => new(streamId, version, false, found, version, headHash, checkpoint?.At);

        foreach (var e in events)
        {
            var expected = version + 1;
            if (e.Version != expected)
            {
                return Broken(new ChainBreak(expected, null, ChainBreakKind.Missing,
                    $"Version {expected} is missing: the stream goes from version {version} to {e.Version}. An event was deleted.",
                    linkAt.GetValueOrDefault(expected)?.Hash, null));
            }

            if (!linkAt.TryGetValue(e.Version, out var link))
            {
                return Broken(new ChainBreak(e.Version, e.Sequence, ChainBreakKind.Unlinked,
                    $"Version {e.Version} (sequence {e.Sequence}) has no link, although every event is linked in the transaction that appends it: it was added behind the service's back, or its link was deleted.",
                    null, EventCanonicalForm.Hash(e, previous)));
            }

            if (link.Sequence != e.Sequence || e.Sequence <= lastSequence)
            {
                return Broken(new ChainBreak(e.Version, e.Sequence, ChainBreakKind.Reordered,
                    link.Sequence != e.Sequence
                        ? $"Version {e.Version} is held by the event stored at sequence {e.Sequence}, but the chain linked the one at sequence {link.Sequence} there: events were moved."
                        : $"Version {e.Version} (sequence {e.Sequence}) was stored before version {version} (sequence {lastSequence}): events were moved.",
                    link.Hash, null));
            }

            var hash = EventCanonicalForm.Hash(e, previous);
            if (hash != link.Hash || link.PreviousHash != previous)
            {
                return Broken(new ChainBreak(e.Version, e.Sequence, ChainBreakKind.Changed,
                    $"Version {e.Version} ({e.Type}) no longer hashes to its link: its data, metadata, type or time, or the chain before it, changed.",
                    link.Hash, hash));
            }

            if (checkpoint is { Head.Version: var signedVersion, Head.Hash: var signedHash } && signedVersion == e.Version && signedHash != hash)
            {
                return Broken(new ChainBreak(e.Version, e.Sequence, ChainBreakKind.Changed,
                    $"Version {e.Version} agrees with its link but not with the checkpoint signed at {EventCanonicalForm.Timestamp(checkpoint.At)}: " +
                    "events and links up to it were rewritten consistently.",
                    signedHash, hash));
            }

            previous = hash;
            headHash = hash;
            version = e.Version;
            lastSequence = e.Sequence;
        }

        if (checkpoint is { } signed && signed.Head.Version > version)
        {
            return Broken(new ChainBreak(version + 1, null, ChainBreakKind.Truncated,
                $"The stream ends at version {version}, but the checkpoint signed at {EventCanonicalForm.Timestamp(signed.At)} recorded version {signed.Head.Version}. " +
                "Events were removed from its end.",
                signed.Head.Hash, headHash));
        }

        if (recordedUpTo > version)
        {
            return Broken(new ChainBreak(version + 1, null, ChainBreakKind.Missing,
                $"The chain recorded events up to version {recordedUpTo}, but the stream ends at version {version}. Events were deleted.",
                linkAt.GetValueOrDefault(version + 1)?.Hash, null));
        }

        return new ChainVerification(streamId, version, true, null, version, headHash, checkpoint?.At);
    }
}
