using Marten;

namespace CaseManagement.Incidents.Reviewing;

/// <summary>One recorded event as people and auditors read it: what, where, when it was recorded, by whom, in which chain of work.</summary>
/// <param name="Version">The event's version within its own stream.</param>
public sealed record IncidentHistoryEntry(
    long Sequence,
    Guid StreamId,
    string Stream,
    long Version,
    string Type,
    DateTimeOffset Timestamp,
    string? Actor,
    string? CorrelationId,
    string? CausationId,
    object Data);

public static class GetIncidentHistoryEndpoint
{
    [WolverineGet("/api/incidents/{id}/events", OperationId = "GetIncidentHistory",
        Summary = "The incident's whole ordered, immutable record: its own events and those of its runs, evidence, campaigns and escalations; " +
                  "?asOf=<instant> or ?version=N for the record as it stood then")]
    [Authorize(Policies.ReadIncidents)]
    public static async Task<IResult> Get(Guid id, string? asOf, long? version, IQuerySession session, CancellationToken ct)
    {
        var (point, problem) = await IncidentAsOf.ResolveAsync(session, id, asOf, version, ct);
        if (problem is not null)
        {
            return problem;
        }

        return await IncidentRecord.LoadAsync(session, id, point, ct) is { } record
            ? Results.Ok(record.Events.Select(e => new IncidentHistoryEntry(e.Sequence, e.StreamId, record.KindOf(e.StreamId), e.Version, e.EventTypeName,
                e.Timestamp, e.UserName, e.CorrelationId, e.CausationId, e.Data)).ToList())
            : point?.NotFound(id) ?? Problems.IncidentNotFound(id);
    }
}
