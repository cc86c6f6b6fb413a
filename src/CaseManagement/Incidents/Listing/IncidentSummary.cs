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

public sealed partial class IncidentSummaryProjection : SingleStreamProjection<IncidentSummary, Guid>
{
    public static IncidentSummary Create(IEvent<IncidentDetected> e) => Refresh(new IncidentSummary
    {
        Id = e.Data.IncidentId,
        Title = e.Data.Title,
        Shop = e.Data.Shop,
        Kind = e.Data.Kind,
        DetectedAt = e.Data.DetectedAt,
        AwareAt = e.Data.AwareAt,
    }, e);

    public static IncidentSummary Apply(IEvent<SeverityClassified> e, IncidentSummary s) => Refresh(s.With(x => x.Severity = e.Data.Severity), e);

    public static IncidentSummary Apply(IEvent<ResponderAssigned> e, IncidentSummary s) => Refresh(s.With(x => x.ResponderCount++), e);

    public static IncidentSummary Apply(IEvent<NoteAdded> e, IncidentSummary s) => Refresh(s, e);

    public static IncidentSummary Apply(IEvent<AwarenessRecorded> e, IncidentSummary s) => Refresh(s.With(x => x.AwareAt = e.Data.AwareAt), e);

    public static IncidentSummary Apply(IEvent<AwarenessCorrected> e, IncidentSummary s) => Refresh(s.With(x => x.AwareAt = e.Data.AwareAt), e);

    public static IncidentSummary Apply(IEvent<IncidentContained> e, IncidentSummary s) => Refresh(s.With(x => x.ContainedAt = e.Data.ContainedAt), e);

    public static IncidentSummary Apply(IEvent<IncidentScoped> e, IncidentSummary s) =>
        Refresh(s.With(x => { x.ScopedAt = e.Data.ScopedAt; x.NoNotificationOwed = false; }), e);

    public static IncidentSummary Apply(IEvent<NotificationDeemedUnnecessary> e, IncidentSummary s) => Refresh(s.With(x => x.NoNotificationOwed = true), e);

    public static IncidentSummary Apply(IEvent<IncidentNotified> e, IncidentSummary s) =>
        Refresh(s.With(x => { x.NotifiedAt ??= e.Data.NotifiedAt; x.NoNotificationOwed = false; }), e);

    public static IncidentSummary Apply(IEvent<MarkedFalsePositive> e, IncidentSummary s) => Refresh(s.With(x => x.FalsePositive = true), e);

    public static IncidentSummary Apply(IEvent<IncidentClosed> e, IncidentSummary s) => Refresh(s.With(x => x.ClosedAt = e.Timestamp), e);

    public static IncidentSummary Apply(IEvent<IncidentReopened> e, IncidentSummary s) =>
        Refresh(s.With(x => { x.ClosedAt = null; x.FalsePositive = false; }), e);

    // The status rule lives in one place (IncidentLifecycle); the row only records its inputs.
    private static IncidentSummary Refresh(IncidentSummary s, IEvent e)
    {
        s.Status = IncidentLifecycle.StatusOf(s);
        s.LastRecordedAt = e.Timestamp;
        return s;
    }
}

internal static class SummaryMutation
{
    public static IncidentSummary With(this IncidentSummary s, Action<IncidentSummary> change)
    {
        change(s);
        return s;
    }
}
