using JasperFx.Events;
using Marten;

namespace CaseManagement.Incidents.Reviewing;

/// <summary>
/// A point in an incident's record a compliance lead asks about: <c>?asOf=&lt;instant&gt;</c>, or <c>?version=N</c>, the moment
/// the incident's own stream reached version N (its event N and everything recorded with or before it, and nothing of the
/// incident's own stream after N).
/// </summary>
/// <param name="Version">The incident version asked for, when it was asked by version.</param>
public sealed record IncidentAsOf(DateTimeOffset At, long? Version)
{
    /// <summary>No point (now), a point, or the problem that says why the request names none.</summary>
    public static async Task<(IncidentAsOf? AsOf, IResult? Problem)> ResolveAsync(IQuerySession session, Guid id, string? asOf, long? version,
        CancellationToken ct)
    {
        if (version is not null && asOf is not null)
        {
            return (null, Problems.BadRequest("Ask for either ?version= or ?asOf=, not both."));
        }

        if (asOf is not null)
        {
            return StrictInstantConverter.TryParse(asOf, out var instant) ? (new IncidentAsOf(instant, null), null) : (null, Problems.InvalidInstantQuery("asOf", asOf));
        }

        if (version is not { } v)
        {
            return (null, null);
        }

        if (v < 1)
        {
            return (null, Problems.BadRequest("version starts at 1 (the detection)."));
        }

        var reached = await session.Events.QueryAllRawEvents().Where(e => e.StreamId == id && e.Version == v).FirstOrDefaultAsync(ct);
        if (reached is not null)
        {
            return (new IncidentAsOf(reached.Timestamp, v), null);
        }

        return await session.Events.FetchStreamStateAsync(id, ct) is { } state
            ? (null, Results.Problem(title: "Version not found", detail: $"Incident {id} has {state.Version} versions; version {v} does not exist.",
                statusCode: StatusCodes.Status404NotFound))
            : (null, Problems.IncidentNotFound(id));
    }

    /// <summary>Whether an event of the incident's record had been recorded at this point.</summary>
    public bool Holds(IEvent e, Guid incidentId) => e.Timestamp <= At && (Version is not { } v || e.StreamId != incidentId || e.Version <= v);

    /// <summary>The 404 for an incident that did not exist yet at this point (or at all).</summary>
    public IResult NotFound(Guid id) => Problems.IncidentNotFoundAt(id, At);
}
