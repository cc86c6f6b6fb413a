using CaseManagement.Api.Conventions;
using Marten;

namespace CaseManagement.Incidents.Reviewing;

/// <summary>
/// The incident now, or exactly as it was at a version or an instant: what the team knew then. Time
/// travel replays the stream up to that point from its newest checkpoint before it; the current state comes from the inline snapshot.
/// </summary>
public static class GetIncidentEndpoint
{
    [WolverineGet("/api/incidents/{id}", OperationId = "GetIncident", Summary = "The incident's state now, at ?version=N, or ?asOf=<instant>")]
    [Authorize(Policies.ReadIncidents)]
    public static async Task<IResult> Get(Guid id, long? version, string? asOf, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        if (version is not null && asOf is not null)
        {
            return Problems.BadRequest("Ask for either ?version= or ?asOf=, not both.");
        }

        if (version is { } v)
        {
            if (v < 1)
            {
                return Problems.BadRequest("version starts at 1 (the detection).");
            }

            if (await IncidentTimeTravel.AtVersionAsync(session, id, v, ct) is { } found)
            {
                return Results.Ok(found);
            }

            return await session.Events.FetchStreamStateAsync(id, ct) is { } state
                ? Results.Problem(title: "Version not found", detail: $"Incident {id} has {state.Version} versions; version {v} does not exist.", statusCode: StatusCodes.Status404NotFound)
                : Problems.IncidentNotFound(id);
        }

        if (asOf is not null)
        {
            if (!StrictInstantConverter.TryParse(asOf, out var instant))
            {
                return Problems.InvalidInstantQuery("asOf", asOf);
            }

            var atInstant = await IncidentTimeTravel.AtInstantAsync(session, id, instant, ct);
            return atInstant is null
                ? Problems.IncidentNotFoundAt(id, instant)
                : Results.Ok(atInstant);
        }

        var current = await session.LoadAsync<Incident>(id, ct);
        if (current is null)
        {
            return Problems.IncidentNotFound(id);
        }

        http.Response.Headers.ETag = ExpectedVersions.ETag(current.Version);
        return Results.Ok(current);
    }
}
