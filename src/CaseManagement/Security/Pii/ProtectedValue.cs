namespace CaseManagement.Security.Pii;

/// <summary>
/// What events and documents store instead of PII: the value encrypted under its data subject's key.
/// Readable while that key exists; once the key is shredded it stays in place (and in any hash over it) unreadable.
/// </summary>
public sealed record ProtectedValue
{
    public required string SubjectId { get; init; }

    /// <summary>Base64 of the 12-byte AES-GCM nonce.</summary>
    public required string Nonce { get; init; }

    /// <summary>Base64 of the ciphertext followed by the 16-byte tag.</summary>
    public required string Ciphertext { get; init; }

    public int Version { get; init; } = 1;
}
