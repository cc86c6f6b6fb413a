using JasperFx.Events;

namespace CaseManagement.Paging.Pages;

public enum PageStatus
{
    /// <summary>Waiting for the person of the current step.</summary>
    Open,
    Acknowledged,

    /// <summary>Everyone of the order was paged and nobody acknowledged (or nobody could be paged).</summary>
    Unanswered,
}

public sealed record PageDelivery(int Step, string Person, string Channel, bool Accepted, string Response, DateTimeOffset At);

/// <summary>A page as its stream left it (inline snapshot).</summary>
public sealed record Page
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public PageCause Cause { get; init; }
    public string Subject { get; init; } = "";
    public string Detail { get; init; } = "";
    public string Source { get; init; } = "";
    public string Link { get; init; } = "";
    public Guid? IncidentId { get; init; }
    public Guid? TriageItemId { get; init; }
    public IReadOnlyList<PagedPerson> Recipients { get; init; } = [];
    public bool OutsideHours { get; init; }
    public int AcknowledgeWithinMinutes { get; init; }
    public DateTimeOffset RaisedAt { get; init; }

    /// <summary>The position in <see cref="Recipients"/> of the person the page waits for.</summary>
    public int Step { get; init; }
    public DateTimeOffset StepStartedAt { get; init; }
    public PageStatus Status { get; init; }
    public IReadOnlyList<PageDelivery> Deliveries { get; init; } = [];
    public DateTimeOffset? AcknowledgedAt { get; init; }
    public string? AcknowledgedBy { get; init; }
    public string? AcknowledgedVia { get; init; }
    public DateTimeOffset? UnansweredAt { get; init; }
    public string? UnansweredWhy { get; init; }

    public PagedPerson? Current => Step < Recipients.Count ? Recipients[Step] : null;

    public static Page Create(IEvent<PageRaised> e) => new()
    {
        Id = e.Data.PageId,
        Cause = e.Data.Cause,
        Subject = e.Data.Subject,
        Detail = e.Data.Detail,
        Source = e.Data.Source,
        Link = e.Data.Link,
        IncidentId = e.Data.IncidentId,
        TriageItemId = e.Data.TriageItemId,
        Recipients = e.Data.Recipients,
        OutsideHours = e.Data.OutsideHours,
        AcknowledgeWithinMinutes = e.Data.AcknowledgeWithinMinutes,
        RaisedAt = e.Timestamp,
        StepStartedAt = e.Timestamp,
    };

    public Page Apply(IEvent<PageDelivered> e) => this with
    {
        Deliveries = [.. Deliveries, new PageDelivery(e.Data.Step, e.Data.Person, e.Data.Channel, true, e.Data.ProviderResponse, e.Timestamp)],
    };

    public Page Apply(IEvent<PageDeliveryFailed> e) => this with
    {
        Deliveries = [.. Deliveries, new PageDelivery(e.Data.Step, e.Data.Person, e.Data.Channel, false, e.Data.Reason, e.Timestamp)],
    };

    public Page Apply(IEvent<PageAcknowledged> e) => this with
    {
        Status = PageStatus.Acknowledged, AcknowledgedAt = e.Timestamp, AcknowledgedBy = e.Data.By, AcknowledgedVia = e.Data.Via,
    };

    public Page Apply(IEvent<PageEscalated> e) => this with { Step = e.Data.ToStep, StepStartedAt = e.Timestamp };

    public Page Apply(IEvent<PageUnanswered> e) => this with { Status = PageStatus.Unanswered, UnansweredAt = e.Timestamp, UnansweredWhy = e.Data.Why };
}
