using JasperFx.Events;
using Marten.Events.Aggregation;

namespace CaseManagement.Incidents.Listing;

/// <summary>
/// One row of the incident list that responders and leads work from. Built asynchronously by the
/// daemon, so it may trail the stream by a moment; the incident itself is always current.
/// </summary>
public sealed class IncidentSummary : IIncidentMilestones
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public string Title { get; set; } = "";
    public string Shop { get; set; } = "";
    public IncidentKind Kind { get; set; }
    public IncidentStatus Status { get; set; }
    public Severity? Severity { get; set; }
    public DateTimeOffset DetectedAt { get; set; }
    public DateTimeOffset? AwareAt { get; set; }
    public DateTimeOffset? ContainedAt { get; set; }
    public DateTimeOffset? ScopedAt { get; set; }
    public DateTimeOffset? NotifiedAt { get; set; }
    public bool NoNotificationOwed { get; set; }
    public bool FalsePositive { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public int ResponderCount { get; set; }
    public DateTimeOffset LastRecordedAt { get; set; }
}

/// <summary>
/// Every event of an incident's own stream passes through, so the row carries the stream's real version and time of
/// its last event (a client's <c>If-Match</c> taken from the list holds), whatever the event changes on the row.
/// </summary>
public sealed class IncidentSummaryProjection : SingleStreamProjection<IncidentSummary, Guid>
{
    public IncidentSummaryProjection() => FilterIncomingEventsOnStreamType(typeof(Incident));

    public override IncidentSummary? Evolve(IncidentSummary? snapshot, Guid id, IEvent e)
    {
        if (e.Data is IncidentDetected detected)
        {
            snapshot = new IncidentSummary
            {
                Id = detected.IncidentId, Title = detected.Title, Shop = detected.Shop, Kind = detected.Kind, DetectedAt = detected.DetectedAt,
                AwareAt = detected.AwareAt,
            };
        }
        else if (snapshot is null)
        {
            return null;
        }
        else
        {
            Change(snapshot, e);
        }

        // The status rule lives in one place (IncidentLifecycle); the row only records its inputs.
        snapshot.Status = IncidentLifecycle.StatusOf(snapshot);
        snapshot.Version = e.Version;
        snapshot.LastRecordedAt = e.Timestamp;
        return snapshot;
    }

    private static void Change(IncidentSummary s, IEvent e)
    {
        switch (e.Data)
        {
            case SeverityClassified x:
                s.Severity = x.Severity;
                break;
            case ResponderAssigned:
                s.ResponderCount++;
                break;
            case AwarenessRecorded x:
                s.AwareAt = x.AwareAt;
                break;
            case AwarenessCorrected x:
                s.AwareAt = x.AwareAt;
                break;
            case IncidentShopCorrected x:
                s.Shop = x.Shop;
                break;
            case IncidentContained x:
                s.ContainedAt = x.ContainedAt;
                break;
            case IncidentContainmentWithdrawn:
                s.ContainedAt = null;
                break;
            case IncidentScoped x:
                s.ScopedAt = x.ScopedAt;
                s.NoNotificationOwed = false;
                break;
            case NotificationDeemedUnnecessary:
                s.NoNotificationOwed = true;
                break;
            case IncidentNotified x:
                s.NotifiedAt ??= x.NotifiedAt;
                s.NoNotificationOwed = false;
                break;
            case MarkedFalsePositive:
                s.FalsePositive = true;
                break;
            case IncidentClosed:
                s.ClosedAt = e.Timestamp;
                break;
            case IncidentReopened:
                s.ClosedAt = null;
                s.FalsePositive = false;
                break;
        }
    }
}
