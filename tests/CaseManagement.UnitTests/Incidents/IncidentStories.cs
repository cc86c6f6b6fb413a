using CaseManagement.Incidents;
using CaseManagement.Obligations.Facts;

namespace CaseManagement.UnitTests.Incidents;

/// <summary>Named incident histories ("given these events") that reach every status.</summary>
public static class IncidentStories
{
    public static readonly Guid Id = Guid.Parse("01900000-0000-7000-8000-000000000001");
    public static readonly DateTimeOffset Detected = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    public static IncidentDetected Detection(DateTimeOffset? awareAt = null) =>
        new(Id, "Skimmer in checkout", "shop-1", IncidentKind.CheckoutSkimmer, Detected, awareAt, "monitor", null, ["payment-card"]);

    public static readonly IncidentContained ContainmentRecorded = new(Id, Detected.AddHours(3), "script removed");
    public static readonly IncidentScoped Scoping = new(Id, Detected.AddHours(20), "orders of 2 days", 1200, ["payment-card", "email"]);
    public static readonly NotificationDeemedUnnecessary NoNotification = new(Id, "data was encrypted, key not exposed");
    public static readonly IncidentNotified Notification = new(Id, Detected.AddDays(2), ["regulator", "individuals"], "sent");
    public static readonly MarkedFalsePositive FalsePositive = new(Id, "test traffic from our own pen-test");
    public static readonly IncidentClosed Closure = new(Id, "done");
    public static readonly IncidentReopened Reopening = new(Id, "more orders affected");
    public static readonly LawEnforcementDelayRequested DelayRequested = new(Id, "FBI field office", Detected.AddHours(5), "investigation ongoing");
    public static readonly LawEnforcementDelayLifted DelayLifted = new(Id, Detected.AddDays(10), "investigation no longer at risk");
    public static readonly AwarenessRecorded Awareness = new(Id, Detected.AddHours(1), "confirmed by the host");

    public static Incident Given(params object[] events) => IncidentReplay.From(Detected.AddDays(3), events);

    /// <summary>Every distinct situation the lifecycle rules distinguish.</summary>
    public static IEnumerable<(string Name, Incident Incident)> All()
    {
        yield return ("detected", Given(Detection()));
        yield return ("detected, aware", Given(Detection(), Awareness));
        yield return ("contained", Given(Detection(), ContainmentRecorded));
        yield return ("scoped, not contained", Given(Detection(), Scoping));
        yield return ("scoped, contained", Given(Detection(), ContainmentRecorded, Scoping));
        yield return ("no notification owed", Given(Detection(), ContainmentRecorded, Scoping, NoNotification));
        yield return ("no notification owed, not contained", Given(Detection(), Scoping, NoNotification));
        yield return ("notified", Given(Detection(), ContainmentRecorded, Scoping, Notification));
        yield return ("notified, not contained", Given(Detection(), Scoping, Notification));
        yield return ("false positive", Given(Detection(), FalsePositive));
        yield return ("false positive after scoping", Given(Detection(), Scoping, FalsePositive));
        yield return ("closed after notification", Given(Detection(), ContainmentRecorded, Scoping, Notification, Closure));
        yield return ("closed as false positive", Given(Detection(), FalsePositive, Closure));
        yield return ("closed without notification", Given(Detection(), Scoping, NoNotification, Closure));
        yield return ("reopened after notification", Given(Detection(), ContainmentRecorded, Scoping, Notification, Closure, Reopening));
        yield return ("reopened false positive", Given(Detection(), FalsePositive, Closure, Reopening));
        yield return ("scoped, law enforcement asked to wait", Given(Detection(), Scoping, DelayRequested));
        yield return ("law-enforcement delay lifted", Given(Detection(), Scoping, DelayRequested, DelayLifted));
    }
}
