using CaseManagement.Incidents;
using CaseManagement.Obligations.Facts;
using JasperFx.Events;

namespace CaseManagement.UnitTests.Incidents;

/// <summary>Named incident histories ("given these events") that reach every status.</summary>
public static class IncidentStories
{
    public static readonly Guid Id = Guid.Parse("01900000-0000-7000-8000-000000000001");
    public static readonly DateTimeOffset Detected = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    public static IncidentDetected Detection(DateTimeOffset? awareAt = null) =>
        new(Id, "Skimmer in checkout", "shop-1", IncidentKind.CheckoutSkimmer, Detected, awareAt, "monitor", null, ["payment-card"]);

    public static readonly IncidentContained ContainmentRecorded = new(Id, Detected.AddHours(3), "script removed");
    public static readonly IncidentScoped ScopeRecorded = new(Id, Detected.AddHours(20), "orders of 2 days", 1200, ["payment-card", "email"]);
    public static readonly NotificationDeemedUnnecessary NoNotification = new(Id, "data was encrypted, key not exposed");
    public static readonly IncidentNotified Notification = new(Id, Detected.AddDays(2), ["regulator", "individuals"], "sent");
    public static readonly MarkedFalsePositive FalsePositive = new(Id, "test traffic from our own pen-test");
    public static readonly IncidentClosed Closure = new(Id, "done");
    public static readonly IncidentReopened Reopening = new(Id, "more orders affected");
    public static readonly LawEnforcementDelayRequested DelayRequested = new(Id, "FBI field office", Detected.AddHours(5), "investigation ongoing");
    public static readonly LawEnforcementDelayLifted DelayLifted = new(Id, Detected.AddDays(10), "investigation no longer at risk");
    public static readonly AwarenessRecorded Awareness = new(Id, Detected.AddHours(1), "confirmed by the host");

    /// <summary>The incident as Marten's own fold of these events (recorded three days after detection) leaves it.</summary>
    public static Incident Given(params object[] events) => IncidentFold.FoldAsync(Stored(Id, Detected.AddDays(3), events)).AsTask().GetAwaiter().GetResult();

    /// <summary>Events as the store hands them out: on one stream, numbered from version 1, recorded at one time.</summary>
    public static IReadOnlyList<IEvent> Stored(Guid streamId, DateTimeOffset recordedAt, params object[] events) =>
    [
        .. events.Select((data, i) =>
        {
            var e = (IEvent)Activator.CreateInstance(typeof(Event<>).MakeGenericType(data.GetType()), data)!;
            e.StreamId = streamId;
            e.Version = i + 1;
            e.Timestamp = recordedAt;
            return e;
        }),
    ];

    /// <summary>Every distinct situation the lifecycle rules distinguish.</summary>
    public static IEnumerable<(string Name, Incident Incident)> All()
    {
        yield return ("detected", Given(Detection()));
        yield return ("detected, aware", Given(Detection(), Awareness));
        yield return ("contained", Given(Detection(), ContainmentRecorded));
        yield return ("scoped, not contained", Given(Detection(), ScopeRecorded));
        yield return ("scoped, contained", Given(Detection(), ContainmentRecorded, ScopeRecorded));
        yield return ("no notification owed", Given(Detection(), ContainmentRecorded, ScopeRecorded, NoNotification));
        yield return ("no notification owed, not contained", Given(Detection(), ScopeRecorded, NoNotification));
        yield return ("notified", Given(Detection(), ContainmentRecorded, ScopeRecorded, Notification));
        yield return ("notified, not contained", Given(Detection(), ScopeRecorded, Notification));
        yield return ("false positive", Given(Detection(), FalsePositive));
        yield return ("false positive after scoping", Given(Detection(), ScopeRecorded, FalsePositive));
        yield return ("closed after notification", Given(Detection(), ContainmentRecorded, ScopeRecorded, Notification, Closure));
        yield return ("closed as false positive", Given(Detection(), FalsePositive, Closure));
        yield return ("closed without notification", Given(Detection(), ScopeRecorded, NoNotification, Closure));
        yield return ("reopened after notification", Given(Detection(), ContainmentRecorded, ScopeRecorded, Notification, Closure, Reopening));
        yield return ("reopened false positive", Given(Detection(), FalsePositive, Closure, Reopening));
        yield return ("scoped, law enforcement asked to wait", Given(Detection(), ScopeRecorded, DelayRequested));
        yield return ("law-enforcement delay lifted", Given(Detection(), ScopeRecorded, DelayRequested, DelayLifted));
    }
}
