namespace CaseManagement.Audit.Chain;

/// <summary>
/// A link with the exact bytes it covers, so a copy taken out of the service can be checked with nothing but SHA-256:
/// <c>sha256(utf8(Canonical)) == Hash</c>, and <c>Canonical</c> names <c>PreviousHash</c>, which is the hash of the
/// record before (docs/audit-reports.md, "Checking a report offline").
/// </summary>
/// <param name="Canonical">The stored row's canonical form (docs/hash-chain.md) with the link's previous hash, as it is
/// now in the database; null when the row is gone. A row changed behind the service's back no longer hashes to Hash.</param>
public sealed record ChainRecord(long Version, long Sequence, string EventType, string Hash, string PreviousHash, string? Canonical)
{
    /// <summary>Pairs each link with the stored row of the same version; rows and links without each other are left to the verifier.</summary>
    public static IReadOnlyList<ChainRecord> Pair(IEnumerable<ChainLink> links, IReadOnlyList<StoredEvent> rows)
    {
        var byVersion = rows.GroupBy(r => r.Version).ToDictionary(g => g.Key, g => g.First());
        return
        [
            .. links.OrderBy(l => l.Version).Select(l => new ChainRecord(l.Version, l.Sequence, l.EventType, l.Hash, l.PreviousHash,
                byVersion.TryGetValue(l.Version, out var row) ? EventCanonicalForm.Text(row, l.PreviousHash) : null)),
        ];
    }
}
