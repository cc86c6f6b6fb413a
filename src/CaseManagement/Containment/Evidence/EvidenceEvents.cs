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
/// <param name="Encryption">How the files are stored: <see cref="EvidenceCipher.Format"/> under the item's own key (ADR 22), or null
/// for bundles written before evidence was encrypted (stored as plaintext gzip). The hashes are always the plaintext's.</param>
/// <param name="Store">Which store keeps the files (ADR 36): <see cref="EvidenceStores.PostgreSql"/> or <see cref="EvidenceStores.Folder"/>; null on
/// events recorded before there was a choice, whose bundles are folders under the evidence root.</param>
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
    IReadOnlyList<EvidenceFile> Files,
    string? Encryption = null,
    string? Store = null);

/// <summary>
/// An item written before evidence was encrypted at rest (<see cref="EvidencePreserved.Encryption"/> null) was encrypted in place
/// under a key of its own (ADR 22, amendment). The plaintext hashes recorded at collection stay the ones every check uses.
/// </summary>
/// <param name="Encryption">The format the files are stored in from now on (<see cref="EvidenceCipher.Format"/>).</param>
public sealed record EvidenceEncryptedAtRest(Guid IncidentId, Guid EvidenceId, string Encryption, string Reason, IReadOnlyList<EncryptedEvidenceFile> Files);

/// <summary>One file encrypted in place: its recorded plaintext SHA-256, and the SHA-256 of the bytes stored before (the plaintext) and after (the ciphertext).</summary>
public sealed record EncryptedEvidenceFile(string Name, string Sha256, string StoredSha256Before, string StoredSha256After);

/// <summary>Someone read an evidence file; <paramref name="HashVerified"/> says the bytes served matched the recorded hash.</summary>
public sealed record EvidenceAccessed(Guid IncidentId, Guid EvidenceId, string File, string Sha256, bool HashVerified);

/// <summary>Files of an evidence item were hashed again and compared with what was recorded when it was collected.</summary>
public sealed record EvidenceVerified(Guid IncidentId, Guid EvidenceId, bool Intact, IReadOnlyList<EvidenceCheck> Files);

/// <summary>
/// The item was destroyed once no hold kept it (ADR 22): its key was shredded in the same commit, so every copy of its files is
/// unreadable, and the files were deleted. <paramref name="Files"/> are the hashes destroyed: the record still proves what existed.
/// </summary>
public sealed record EvidenceDestroyed(Guid IncidentId, Guid EvidenceId, string Reason, IReadOnlyList<EvidenceFile> Files);

/// <summary>Someone asked to destroy the item and was refused, because <paramref name="Refusal"/> (its legal hold, or its open incident).</summary>
public sealed record EvidenceDestructionRefused(Guid IncidentId, Guid EvidenceId, string Reason, string Refusal);

/// <summary>A legal hold was placed on the incident's evidence: nothing of it may be destroyed, and no one named in it erased, until it is lifted.</summary>
public sealed record EvidenceHoldPlaced(Guid IncidentId, string Reason);

/// <summary>The legal hold on the incident's evidence was lifted, with the reason (the claim settled, the retention period over).</summary>
public sealed record EvidenceHoldLifted(Guid IncidentId, string Reason);
