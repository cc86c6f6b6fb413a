using CaseManagement.Incidents;
using JasperFx.Events;

namespace CaseManagement.Alerts.Triage;

public enum TriageStatus
{
    Open,
    Promoted,
    Attached,
    Dismissed,
}

public sealed record TriagedAlert(Guid AlertId, IncidentKind Kind, Severity Severity, string Title, DateTimeOffset AddedAt);

public sealed record SlaBreach(SlaTarget Target, DateTimeOffset DueAt, DateTimeOffset RecordedAt);

/// <summary>A triage item as its stream left it (inline snapshot).</summary>
public sealed record TriageItem
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public string Shop { get; init; } = "";
    public IncidentKind Kind { get; init; }

    /// <summary>The most severe of its alerts: the SLA's targets follow it.</summary>
    public Severity Severity { get; init; }
    public string Title { get; init; } = "";
    public DateTimeOffset OpenedAt { get; init; }
    public IReadOnlyList<TriagedAlert> Alerts { get; init; } = [];
    public TriageStatus Status { get; init; }
    public DateTimeOffset? AcknowledgedAt { get; init; }
    public string? AcknowledgedBy { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }
    public string? DecidedBy { get; init; }
    public string? Decision { get; init; }
    public Guid? IncidentId { get; init; }
    public IReadOnlyList<SlaBreach> Breaches { get; init; } = [];

    public static TriageItem Create(IEvent<TriageItemOpened> e) => new()
    {
        Id = e.Data.TriageItemId,
        Shop = e.Data.Shop,
        Kind = e.Data.Kind,
        Severity = e.Data.Severity,
        Title = e.Data.Title,
        OpenedAt = e.Timestamp,
        Alerts = [new TriagedAlert(e.Data.AlertId, e.Data.Kind, e.Data.Severity, e.Data.Title, e.Timestamp)],
    };

    public TriageItem Apply(IEvent<TriageAlertAdded> e) => this with
    {
        Severity = e.Data.Severity > Severity ? e.Data.Severity : Severity,
        Alerts = [.. Alerts, new TriagedAlert(e.Data.AlertId, e.Data.Kind, e.Data.Severity, e.Data.Title, e.Timestamp)],
    };

    public TriageItem Apply(IEvent<TriageItemAcknowledged> e) => this with { AcknowledgedAt = e.Timestamp, AcknowledgedBy = e.UserName };

    public TriageItem Apply(IEvent<TriageItemPromoted> e) => Decided(e, TriageStatus.Promoted, e.Data.Reason) with { IncidentId = e.Data.IncidentId };

    public TriageItem Apply(IEvent<TriageItemAttached> e) => Decided(e, TriageStatus.Attached, e.Data.Reason) with { IncidentId = e.Data.IncidentId };

    public TriageItem Apply(IEvent<TriageItemDismissed> e) => Decided(e, TriageStatus.Dismissed, e.Data.Reason);

    public TriageItem Apply(IEvent<TriageSlaBreached> e) => this with { Breaches = [.. Breaches, new SlaBreach(e.Data.Target, e.Data.DueAt, e.Timestamp)] };

    private TriageItem Decided(IEvent e, TriageStatus status, string? reason) =>
        this with { Status = status, DecidedAt = e.Timestamp, DecidedBy = e.UserName, Decision = reason };
}

/// <summary>The one open triage item of a shop, written with optimistic concurrency so two correlations never open two at once.</summary>
public sealed class ShopTriageSlot : JasperFx.Metadata.IVersioned
{
    public string Id { get; set; } = "";
    public Guid? OpenItem { get; set; }
    public Guid Version { get; set; }
}
