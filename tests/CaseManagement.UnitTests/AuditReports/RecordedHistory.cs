using System.Text.RegularExpressions;
using CaseManagement.Audit.Reports.Timeline;
using CaseManagement.Incidents;
using JasperFx.Events;

namespace CaseManagement.UnitTests.AuditReports;

/// <summary>An incident stream as the store hands it out: each event with its version, sequence, time and actor.</summary>
public sealed partial class RecordedHistory
{
    public static readonly Guid Id = Guid.Parse("01900000-0000-7000-8000-0000000000a1");
    public static readonly DateTimeOffset Detected = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    public const string Sam = "user:sam@shop.test";
    public const string Audrey = "user:audrey@shop.test";

    private readonly List<IEvent> _events = [];

    public IReadOnlyList<IEvent> Events => _events;

    public IncidentHistory History => IncidentHistory.Replay(_events);

    public static RecordedHistory Detection(string actor = Sam, DateTimeOffset? awareAt = null, string title = "Skimmer in checkout", Guid? id = null,
        DateTimeOffset? detectedAt = null) =>
        new RecordedHistory().Then(actor, (detectedAt ?? Detected).AddMinutes(5), new IncidentDetected(id ?? Id, title, "shop-1", IncidentKind.CheckoutSkimmer,
            detectedAt ?? Detected, awareAt, "WAF alert", "footer script found", ["payment-card", "email"]));

    public RecordedHistory Then(string actor, DateTimeOffset recordedAt, object data)
    {
        var e = (IEvent)Activator.CreateInstance(typeof(Event<>).MakeGenericType(data.GetType()), data)!;
        e.Version = _events.Count + 1;
        e.Sequence = 500 + _events.Count;
        e.StreamId = _events.Count == 0 ? ((IncidentDetected)data).IncidentId : _events[0].StreamId;
        e.Timestamp = recordedAt;
        e.UserName = actor;
        e.EventTypeName = Snake().Replace(data.GetType().Name, "$1_$2").ToLowerInvariant();
        _events.Add(e);
        return this;
    }

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex Snake();
}
