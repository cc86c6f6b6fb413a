namespace CaseManagement.Containment.Evidence;

/// <summary>
/// Each evidence item's files are encrypted under a data key of the item's own, kept and wrapped by the master key ring
/// exactly like a person's PII key (ADR 22). Destroying the item shreds this key: copies of the files, in backups too,
/// are unreadable from then on.
/// </summary>
public static class EvidenceKeys
{
    public static string Subject(Guid evidenceId) => $"evidence:{evidenceId:N}";
}
