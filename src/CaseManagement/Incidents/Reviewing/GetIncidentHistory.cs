using CaseManagement.Security;
using Marten;
using CaseManagement.Api;

namespace CaseManagement.Incidents.Reviewing;

/// <summary>One recorded event as people and auditors read it: what, when it was recorded, by whom, in which chain of work.</summary>
public sealed record IncidentHistoryEntry(
    long Sequence,
    long Version,
    string Type,
    DateTimeOffset Timestamp,
    string? Actor,
    string? CorrelationId,
    string? CausationId,
    object Data);

public static class GetIncidentHistoryEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/incidents/{id:guid}/events", async (Guid id, IQuerySession session, CancellationToken ct) =>
            {
                var events = await session.Events.FetchStreamAsync(id, token: ct);
                return events.Count == 0
                    ? Problems.IncidentNotFound(id)
                    : Results.Ok(events.Select(e => new IncidentHistoryEntry(
                        e.Sequence, e.Version, e.EventTypeName, e.Timestamp, e.UserName, e.CorrelationId, e.CausationId, e.Data)).ToList());
            })
            .WithName("GetIncidentHistory")
            .RequireAuthorization(Policies.ReadIncidents)
            .WithSummary("The incident's ordered, immutable event history")
            .Produces<List<IncidentHistoryEntry>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
