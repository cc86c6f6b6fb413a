namespace CaseManagement.Security.ApiKeys;

/// <summary>
/// A machine credential. Only a hash of the secret is stored; the prefix identifies the key in lists
/// and logs. Keys are looked up before the organisation is known, so the document is not tenanted and
/// carries its organisation explicitly.
/// </summary>
public sealed class ApiKey
{
    public Guid Id { get; set; }
    public string OrganisationId { get; set; } = "";
    public string Prefix { get; set; } = "";
    public string SecretHash { get; set; } = "";
    public string Name { get; set; } = "";
    public List<string> Roles { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }
    public string? RevocationReason { get; set; }

    public bool IsUsableAt(DateTimeOffset now) => IsUsable(RevokedAt, ExpiresAt, now);

    /// <summary>The one rule, for a stored key and for the views of it the admin page shows.</summary>
    public static bool IsUsable(DateTimeOffset? revokedAt, DateTimeOffset? expiresAt, DateTimeOffset now) =>
        revokedAt is null && (expiresAt is null || expiresAt > now);
}
