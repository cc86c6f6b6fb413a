using CaseManagement.Notifications.Proofs;

namespace CaseManagement.Notifications.Campaigns.Delivering;

/// <summary>
/// What happened when one person was notified (or why not), kept per campaign and person: the proof an auditor asks for.
/// The id makes a second record for the same person in the same campaign impossible; the leaf hash commits it to the
/// campaign's Merkle root, recorded on the incident.
/// </summary>
public sealed class DeliveryRecord
{
    /// <summary>"{campaign:N}:{person id}".</summary>
    public string Id { get; set; } = "";
    public Guid CampaignId { get; set; }
    public Guid IncidentId { get; set; }
    public int Batch { get; set; }
    public int Position { get; set; }
    public string PersonId { get; set; } = "";
    public string SubjectId { get; set; } = "";
    public string? Jurisdiction { get; set; }
    public string Channel { get; set; } = "";
    public string? ToSha256 { get; set; }
    public string? Template { get; set; }
    public string? RenderedSha256 { get; set; }

    /// <summary>"sent", "failed" or "suppressed".</summary>
    public string Status { get; set; } = "";
    public int Attempts { get; set; }
    public string? ProviderResponse { get; set; }
    public string? ProviderMessageId { get; set; }

    /// <summary>Why it failed, or which earlier campaign already notified the person.</summary>
    public string? Reason { get; set; }
    public DateTimeOffset FirstAttemptAt { get; set; }
    public DateTimeOffset FinishedAt { get; set; }
    public string LeafHash { get; set; } = "";

    /// <summary>How an address is kept on the record: the SHA-256 of its trimmed, lower-cased text, so a caller can be found without storing it.</summary>
    public static string AddressSha256(string address) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(address.Trim().ToLowerInvariant())));

    public const string Sent = "sent";
    public const string Failed = "failed";
    public const string Suppressed = "suppressed";

    public static string IdFor(Guid campaignId, string personId) => $"{campaignId:N}:{personId}";

    public DeliveryFacts Facts() => new(CampaignId, Batch, Position, PersonId, SubjectId, Channel, ToSha256, Template, RenderedSha256, Status, Attempts,
        ProviderResponse, ProviderMessageId, Reason, FirstAttemptAt, FinishedAt);

    /// <summary>Fills <see cref="LeafHash"/> from the other fields; call once they are final.</summary>
    public DeliveryRecord Sealed()
    {
        LeafHash = Convert.ToHexStringLower(DeliveryLeaf.Hash(Facts()));
        return this;
    }
}
