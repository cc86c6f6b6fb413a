using JasperFx.Events;

namespace CaseManagement.Paging.Roster;

/// <summary>
/// One person of the roster, in the order they are paged. <paramref name="From"/> and <paramref name="Until"/> ("HH:mm",
/// local to <paramref name="TimeZone"/>) bound the hours they may be paged; without them, any hour. An <paramref name="Until"/>
/// at or before <paramref name="From"/> runs past midnight. <paramref name="Days"/> are the local days a shift starts on; empty, every day.
/// </summary>
/// <param name="WebhookUrl">A chat tool's incoming hook (or a relay to one) that receives the page, signed; null for e-mail only.</param>
public sealed record OnCallPerson(string Name, string Email, string? WebhookUrl, string TimeZone, string? From, string? Until,
    IReadOnlyList<DayOfWeek>? Days = null);

/// <summary>
/// An administrator set the organisation's roster (the whole list, in order) and how long a page waits for its person before it
/// goes to the next one. Pages already raised keep the order they were raised with.
/// </summary>
public sealed record OnCallRosterSet(IReadOnlyList<OnCallPerson> People, int AcknowledgeWithinMinutes, string Reason);

/// <summary>The organisation's on-call roster as its stream left it (inline snapshot; one stream per tenant, <see cref="StreamId"/>).</summary>
public sealed record OnCallRoster
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public IReadOnlyList<OnCallPerson> People { get; init; } = [];
    public int AcknowledgeWithinMinutes { get; init; }
    public DateTimeOffset ChangedAt { get; init; }
    public string? ChangedBy { get; init; }
    public string Reason { get; init; } = "";

    /// <summary>Every tenant has one roster stream; tenancy keeps organisations (and each exercise) apart, so the id can be shared.</summary>
    public static readonly Guid StreamId = Incidents.IncidentStreams.Derived("paging/on-call-roster");

    public static OnCallRoster Create(IEvent<OnCallRosterSet> e) => new OnCallRoster { Id = e.StreamId }.Apply(e);

    public OnCallRoster Apply(IEvent<OnCallRosterSet> e) => this with
    {
        People = e.Data.People,
        AcknowledgeWithinMinutes = e.Data.AcknowledgeWithinMinutes,
        ChangedAt = e.Timestamp,
        ChangedBy = e.UserName,
        Reason = e.Data.Reason,
    };
}
