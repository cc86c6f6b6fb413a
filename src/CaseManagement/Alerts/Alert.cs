using CaseManagement.Incidents;
using JasperFx.Events;

namespace CaseManagement.Alerts;

public enum AlertStatus
{
    /// <summary>Recorded; correlation has not placed it yet.</summary>
    New,
    Triaged,
    AttachedToIncident,
    Dismissed,
}

/// <summary>One sighting: when and from whom, and which raw payload it brought.</summary>
public sealed record AlertSighting(Guid SourceId, string Source, string Reference, string MatchedBy, DateTimeOffset OccurredAt, DateTimeOffset ReceivedAt,
    Guid PayloadId, string PayloadSha256);

/// <summary>An alert as its stream left it (inline snapshot).</summary>
public sealed record Alert
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public Guid SourceId { get; init; }
    public string Source { get; init; } = "";
    public string Format { get; init; } = "";
    public string Reference { get; init; } = "";
    public string Fingerprint { get; init; } = "";
    public string Shop { get; init; } = "";
    public IncidentKind Kind { get; init; }
    public Severity Severity { get; init; }
    public string Title { get; init; } = "";
    public string? Summary { get; init; }
    public string Indicator { get; init; } = "";
    public string? Signal { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public bool OccurredAtStated { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    public DateTimeOffset LastSeenAt { get; init; }
    public IReadOnlyList<AlertSighting> Sightings { get; init; } = [];
    public AlertStatus Status { get; init; }
    public Guid? TriageItemId { get; init; }
    public Guid? IncidentId { get; init; }
    public string? PlacedBy { get; init; }
    public string? DismissalReason { get; init; }

    public static Alert Create(IEvent<AlertReceived> e) => new()
    {
        Id = e.Data.AlertId,
        SourceId = e.Data.SourceId,
        Source = e.Data.Source,
        Format = e.Data.Format,
        Reference = e.Data.Reference,
        Fingerprint = e.Data.Fingerprint,
        Shop = e.Data.Shop,
        Kind = e.Data.Kind,
        Severity = e.Data.Severity,
        Title = e.Data.Title,
        Summary = e.Data.Summary,
        Indicator = e.Data.Indicator,
        Signal = e.Data.Signal,
        OccurredAt = e.Data.OccurredAt,
        OccurredAtStated = e.Data.OccurredAtStated,
        ReceivedAt = e.Timestamp,
        LastSeenAt = e.Timestamp,
        Sightings = [new AlertSighting(e.Data.SourceId, e.Data.Source, e.Data.Reference, "first", e.Data.OccurredAt, e.Timestamp, e.Data.PayloadId, e.Data.PayloadSha256)],
    };

    public Alert Apply(IEvent<AlertSighted> e) => this with
    {
        LastSeenAt = e.Timestamp,
        Sightings = [.. Sightings, new AlertSighting(e.Data.SourceId, e.Data.Source, e.Data.Reference, e.Data.MatchedBy, e.Data.OccurredAt, e.Timestamp,
            e.Data.PayloadId, e.Data.PayloadSha256)],
    };

    public Alert Apply(AlertTriaged e) => this with { Status = AlertStatus.Triaged, TriageItemId = e.TriageItemId, PlacedBy = e.Rule };

    public Alert Apply(AlertAttachedToIncident e) => this with { Status = AlertStatus.AttachedToIncident, IncidentId = e.IncidentId, PlacedBy = e.Rule };

    public Alert Apply(AlertDismissed e) => this with { Status = AlertStatus.Dismissed, DismissalReason = e.Reason };
}
