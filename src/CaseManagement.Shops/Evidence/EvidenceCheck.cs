namespace CaseManagement.Shops.Evidence;

public enum EvidenceFileState
{
    Ok,
    Mismatch,
    Missing,
}

/// <summary>One file of a bundle as found on disk: its bytes still hash to what was recorded, differ, or are gone.</summary>
public sealed record EvidenceCheck(string Name, EvidenceFileState State);
