using CaseManagement.Incidents;

namespace CaseManagement.Alerts;

// An alert is its own stream (id = alert id): what a sender or the service's monitoring reported, every time it was seen again, and
// where correlation and people put it. Raw payloads are documents (AlertPayload), referenced here by id and SHA-256.

/// <summary>A new alert: the first sighting of a signal, as the sender's payload says it and its mapping read it.</summary>
/// <param name="Fingerprint">SHA-256 of (shop, kind, indicator): alerts with the same fingerprint within the source's window are one alert.</param>
/// <param name="OccurredAtStated">False when the payload did not say when it happened, so <paramref name="OccurredAt"/> is the time of receipt.</param>
public sealed record AlertReceived(
    Guid AlertId,
    Guid SourceId,
    string Source,
    string Format,
    string Reference,
    string Fingerprint,
    string Shop,
    IncidentKind Kind,
    Severity Severity,
    string Title,
    string? Summary,
    string Indicator,
    string? Signal,
    DateTimeOffset OccurredAt,
    bool OccurredAtStated,
    Guid PayloadId,
    string PayloadSha256,
    int PayloadBytes,
    bool PayloadEncrypted);

/// <summary>The same alert again: the same sender's reference, or another with the same fingerprint within the window.</summary>
/// <param name="MatchedBy">"reference" or "fingerprint".</param>
public sealed record AlertSighted(
    Guid AlertId,
    Guid SourceId,
    string Source,
    string Reference,
    string MatchedBy,
    DateTimeOffset OccurredAt,
    Guid PayloadId,
    string PayloadSha256,
    int PayloadBytes);

/// <summary>Correlation put the alert in a triage item (opened for it, or one already open for the shop).</summary>
public sealed record AlertTriaged(Guid AlertId, Guid TriageItemId, string Rule);

/// <summary>The alert belongs to an incident: correlation found one open on the same shop and kind, or a person promoted or attached its triage item.</summary>
public sealed record AlertAttachedToIncident(Guid AlertId, Guid IncidentId, string Rule);

/// <summary>A person dismissed the triage item the alert was in, with a reason.</summary>
public sealed record AlertDismissed(Guid AlertId, Guid TriageItemId, string Reason);

/// <summary>
/// Someone was shown one of the alert's raw payloads (they may hold personal data: IPs, log lines, e-mail addresses), in these
/// roles; recorded on the alert's stream in the transaction that serves it, as evidence downloads are on the item's custody.
/// </summary>
public sealed record AlertPayloadRead(Guid AlertId, Guid PayloadId, string PayloadSha256, IReadOnlyList<string> Roles);

/// <summary>How correlation and people placed an alert; the wire words of <see cref="AlertAttachedToIncident.Rule"/> and <see cref="AlertTriaged.Rule"/>.</summary>
public static class CorrelationRule
{
    public const string OpenIncidentSameShopAndKind = "open-incident-same-shop-and-kind";
    public const string OpenTriageItemSameShop = "open-triage-item-same-shop";
    public const string NewTriageItem = "new-triage-item";
    public const string TriageItemPromoted = "triage-item-promoted";
    public const string TriageItemAttached = "triage-item-attached";
}
