using CaseManagement.Shops.Evidence;

namespace CaseManagement.Containment.Evidence;

/// <summary>
/// A consistent copy of shop tables was written to the evidence store. The file hashes recorded here are what every
/// later access is checked against: the chain of custody starts with this event.
/// </summary>
/// <param name="CollectedFor">The person whose containment run collected it.</param>
/// <param name="Location">Where the bundle is kept: its folder under the evidence store's root (events recorded before issue 15
/// hold the absolute server path, which the service no longer shows).</param>
/// <param name="Tables">The tables asked for, or null for the whole shop.</param>
public sealed record EvidencePreserved(
    Guid IncidentId,
    Guid EvidenceId,
    Guid RunId,
    string StepId,
    string Shop,
    string? CollectedFor,
    string Location,
    IReadOnlyList<string>? Tables,
    DateTimeOffset SnapshotAt,
    string ServerVersion,
    IReadOnlyList<EvidenceFile> Files);

/// <summary>Someone read an evidence file; <paramref name="HashVerified"/> says the bytes served matched the recorded hash.</summary>
public sealed record EvidenceAccessed(Guid IncidentId, Guid EvidenceId, string File, string Sha256, bool HashVerified);

/// <summary>Files of an evidence item were hashed again and compared with what was recorded when it was collected.</summary>
public sealed record EvidenceVerified(Guid IncidentId, Guid EvidenceId, bool Intact, IReadOnlyList<EvidenceCheck> Files);
