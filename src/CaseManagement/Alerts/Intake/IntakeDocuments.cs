using System.Security.Cryptography;
using System.Text;
using CaseManagement.Incidents;
using CaseManagement.Security.Pii;

namespace CaseManagement.Alerts.Intake;

/// <summary>Which alert a sender's reference belongs to. One per (source, reference): a second insert for the same pair fails, so two deliveries of one alert race to one stream.</summary>
public sealed class AlertReference
{
    public string Id { get; set; } = "";
    public Guid AlertId { get; set; }

    public static string KeyOf(Guid sourceId, string reference) => $"{sourceId:N}|{Hash(reference)}";

    internal static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}

/// <summary>
/// The alert a fingerprint (shop, kind, indicator) stands for while its window lasts, counted from the last sighting. Written with
/// optimistic concurrency (<see cref="Version"/>), so two senders reporting the same thing at once end on one alert.
/// </summary>
public sealed class AlertFingerprint : JasperFx.Metadata.IVersioned
{
    public string Id { get; set; } = "";
    public Guid AlertId { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
    public Guid Version { get; set; }

    public static string Of(string shop, IncidentKind kind, string indicator) =>
        AlertReference.Hash($"{shop}\n{ApiJson.WireName(kind)}\n{indicator.Trim().ToLowerInvariant()}");
}

/// <summary>A signed delivery taken, by its webhook-id: the same id again is a replay and is refused.</summary>
public sealed class AlertDelivery
{
    public string Id { get; set; } = "";
    public Guid SourceId { get; set; }
    public string WebhookId { get; set; } = "";
    public Guid AlertId { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }

    public static string KeyOf(Guid sourceId, string webhookId) => $"{sourceId:N}|{AlertReference.Hash(webhookId)}";
}

/// <summary>
/// A raw payload exactly as it arrived: the evidence of a signal. Its SHA-256 is in the alert's event (so the hash chain covers it);
/// the bytes are kept encrypted under the source's payload key when the source's payloads may hold personal data.
/// </summary>
public sealed class AlertPayload
{
    public Guid Id { get; set; }
    public Guid SourceId { get; set; }
    public Guid AlertId { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public string Sha256 { get; set; } = "";
    public int Bytes { get; set; }
    public string ContentType { get; set; } = "";

    /// <summary>The payload, when it holds no personal data.</summary>
    public string? Text { get; set; }

    /// <summary>The payload, encrypted, when it may hold personal data.</summary>
    public ProtectedValue? Protected { get; set; }
}
