using CaseManagement.Alerts;
using CaseManagement.Alerts.Triage;
using CaseManagement.Containment.Evidence;
using CaseManagement.Notifications.Campaigns;
using JasperFx.Events;
using Marten;

namespace CaseManagement.Incidents.Reviewing;

/// <summary>One stream of an incident's record: its id and what kind of stream it is.</summary>
public sealed record RecordStream(Guid Id, string Kind);

/// <summary>
/// An incident's whole record: its own stream (decisions and milestones) and every stream that belongs to it (scoping
/// and containment runs, evidence custody, notification campaigns, escalations, the access log, the post-incident review, the triage items and alerts that
/// led to it), as one sequence in the
/// order the events were stored. What compliance leads replay and auditors export.
/// </summary>
public sealed record IncidentRecord(Guid IncidentId, IReadOnlyList<RecordStream> Streams, IReadOnlyList<IEvent> Events)
{
    public const string IncidentStream = "incident";

    /// <summary>The incident's own stream, in version order.</summary>
    public IReadOnlyList<IEvent> IncidentEvents => [.. Events.Where(e => e.StreamId == IncidentId).OrderBy(e => e.Version)];

    public string KindOf(Guid streamId) => Streams.FirstOrDefault(s => s.Id == streamId)?.Kind ?? "other";

    /// <summary>Null when there is no such incident (or it had not been recorded by <paramref name="asOf"/>).</summary>
    public static Task<IncidentRecord?> LoadAsync(IQuerySession session, Guid incidentId, DateTimeOffset? asOf, CancellationToken ct) =>
        LoadAsync(session, incidentId, asOf is { } at ? new IncidentAsOf(at, null) : null, ct);

    /// <summary>Null when there is no such incident (or it had not been recorded by <paramref name="asOf"/>).</summary>
    public static async Task<IncidentRecord?> LoadAsync(IQuerySession session, Guid incidentId, IncidentAsOf? asOf, CancellationToken ct)
    {
        if (await StreamsAsync(session, incidentId, ct) is not { } streams)
        {
            return null;
        }

        var ids = streams.Select(s => s.Id).ToArray();
        var query = session.Events.QueryAllRawEvents().Where(e => e.StreamId.IsOneOf(ids));
        if (asOf is not null)
        {
            query = query.Where(e => e.Timestamp <= asOf.At);
        }

        var events = (await query.OrderBy(e => e.Sequence).ToListAsync(ct)).Where(e => asOf?.Holds(e, incidentId) ?? true).ToList();
        return events.Any(e => e.StreamId == incidentId) ? new IncidentRecord(incidentId, streams, events) : null;
    }

    /// <summary>The streams of an incident's record, the incident's own first; null when there is no such incident.</summary>
    public static async Task<IReadOnlyList<RecordStream>?> StreamsAsync(IQuerySession session, Guid incidentId, CancellationToken ct)
    {
        // One round trip for the incident and the documents that name its streams.
        var batch = session.CreateBatchQuery();
        var incidentRead = batch.Load<Incident>(incidentId);
        var evidenceRead = batch.Query<EvidenceItem>().Where(e => e.IncidentId == incidentId).Select(e => e.Id).ToList();
        var campaignsRead = batch.Query<Campaign>().Where(c => c.IncidentId == incidentId).Select(c => c.Id).ToList();
        var triageRead = batch.Query<TriageItem>().Where(t => t.IncidentId == incidentId).Select(t => t.Id).ToList();
        var alertsRead = batch.Query<Alert>().Where(a => a.IncidentId == incidentId).Select(a => a.Id).ToList();
        await batch.Execute(ct);
        if (await incidentRead is not { } incident)
        {
            return null;
        }

        return
        [
            new(incidentId, IncidentStream),
            .. incident.ScopingRunIds.Select(id => new RecordStream(id, "scoping-run")),
            .. incident.ContainmentRunIds.Select(id => new RecordStream(id, "containment-run")),
            .. (await evidenceRead).Select(id => new RecordStream(id, "evidence")),
            .. (await campaignsRead).Select(id => new RecordStream(id, "campaign")),
            new(IncidentStreams.Escalations(incidentId), "escalations"),
            new(IncidentStreams.AccessLog(incidentId), "access-log"),
            new(IncidentStreams.EvidenceHold(incidentId), "evidence-hold"),
            new(IncidentStreams.Review(incidentId), "review"),
            .. (await triageRead).Select(id => new RecordStream(id, "triage-item")),
            .. (await alertsRead).Select(id => new RecordStream(id, "alert")),
        ];
    }
}
