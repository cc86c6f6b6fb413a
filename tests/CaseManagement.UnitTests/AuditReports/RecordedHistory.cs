using System.Text.RegularExpressions;
using CaseManagement.Audit.Reports.Timeline;
using CaseManagement.Incidents;
using CaseManagement.Incidents.Reviewing;
using JasperFx.Events;

namespace CaseManagement.UnitTests.AuditReports;

/// <summary>
/// An incident's record as the store hands it out: the incident's own stream and the streams that belong to it, each event
/// with its stream, version, sequence, time and actor.
/// </summary>
public sealed partial class RecordedHistory
{
    public static readonly Guid Id = Guid.Parse("01900000-0000-7000-8000-0000000000a1");
    public static readonly DateTimeOffset Detected = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    public const string Sam = "user:sam@shop.test";
    public const string Audrey = "user:audrey@shop.test";

    private readonly List<IEvent> _events = [];
    private readonly List<RecordStream> _streams = [];

    private Guid IncidentId => _streams[0].Id;

    /// <summary>The incident's own stream.</summary>
    public IReadOnlyList<IEvent> Events => [.. _events.Where(e => e.StreamId == IncidentId)];

    public IncidentRecord Record => new(IncidentId, _streams, _events);

    public IncidentHistory History => IncidentHistory.ReplayAsync(Events).GetAwaiter().GetResult();

    public static RecordedHistory Detection(string actor = Sam, DateTimeOffset? awareAt = null, string title = "Skimmer in checkout", Guid? id = null,
        DateTimeOffset? detectedAt = null)
    {
        var history = new RecordedHistory();
        history._streams.Add(new RecordStream(id ?? Id, IncidentRecord.IncidentStream));
        return history.Then(actor, (detectedAt ?? Detected).AddMinutes(5), new IncidentDetected(id ?? Id, title, "shop-1", IncidentKind.CheckoutSkimmer,
            detectedAt ?? Detected, awareAt, "WAF alert", "footer script found", ["payment-card", "email"]));
    }

    /// <summary>An event on the incident's own stream.</summary>
    public RecordedHistory Then(string actor, DateTimeOffset recordedAt, object data) => On(IncidentId, IncidentRecord.IncidentStream, actor, recordedAt, data);

    /// <summary>An event on another stream of the incident's record (a containment run, an evidence item, the access log).</summary>
    public RecordedHistory On(Guid streamId, string kind, string actor, DateTimeOffset recordedAt, object data)
    {
        if (_streams.All(s => s.Id != streamId))
        {
            _streams.Add(new RecordStream(streamId, kind));
        }

        var e = (IEvent)Activator.CreateInstance(typeof(Event<>).MakeGenericType(data.GetType()), data)!;
        e.Version = _events.Count(x => x.StreamId == streamId) + 1;
        e.Sequence = 500 + _events.Count;
        e.StreamId = streamId;
        e.Timestamp = recordedAt;
        e.UserName = actor;
        e.EventTypeName = Snake().Replace(data.GetType().Name, "$1_$2").ToLowerInvariant();
        _events.Add(e);
        return this;
    }

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex Snake();
}
