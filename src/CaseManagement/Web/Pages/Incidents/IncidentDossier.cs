using CaseManagement.Audit.Reports.Timeline;
using CaseManagement.Incidents;
using CaseManagement.Incidents.Reviewing;
using CaseManagement.Obligations.Timeline;
using CaseManagement.Rules.Catalogue;
using CaseManagement.Rules.Evaluation;
using Marten;

namespace CaseManagement.Web.Pages.Incidents;

/// <summary>
/// Everything the incident page shows, now or at a point of its record, read with the API's own reads: the point is
/// resolved by <see cref="IncidentAsOf"/> (GET /api/incidents/{id}?asOf|version), the deadlines are
/// <see cref="DeadlineTimeline"/> over the projected <see cref="DeadlineHistory"/> (GET /deadlines), the facts are the one facts fold <see cref="FactsState"/>, and the
/// timeline is the audit report's <see cref="AuditTimeline"/> over <see cref="IncidentRecord"/> (GET /events).
/// </summary>
/// <param name="Point">The point asked for; null for now.</param>
/// <param name="Versions">How many versions the incident has now, whatever the point: the slider's end.</param>
public sealed record IncidentDossier(
    Incident Incident,
    IncidentAsOf? Point,
    long Versions,
    FactsState Facts,
    DeadlineTimelineView Deadlines,
    IReadOnlyList<TimelineEntry> Timeline,
    DateTimeOffset EvaluatedAt)
{
    /// <summary>The dossier, or the API's problem (400 for a bad point, 404 for an unknown incident or version).</summary>
    public static async Task<(IncidentDossier? Dossier, Microsoft.AspNetCore.Mvc.ProblemDetails? Problem)> LoadAsync(IQuerySession session, Guid id,
        string? asOf, long? version, DateTimeOffset now, CancellationToken ct)
    {
        var (point, problem) = await IncidentAsOf.ResolveAsync(session, id, asOf, version, ct);
        if (problem is not null)
        {
            return (null, Describe(problem));
        }

        var state = await session.Events.FetchStreamStateAsync(id, ct);
        var record = await IncidentRecord.LoadAsync(session, id, point, ct);
        var events = IncidentEventsUpTo(record, point) ?? (point?.Version is { } v
            ? await session.Events.FetchStreamAsync(id, version: v, token: ct)
            : await session.Events.FetchStreamAsync(id, timestamp: point?.At, token: ct));
        if (state is null || events.Count == 0)
        {
            return (null, Describe(point?.NotFound(id) ?? Problems.IncidentNotFound(id)));
        }

        var history = await IncidentHistory.ReplayAsync(events, ct);
        var at = point?.At ?? now;
        var deadlines = DeadlineViews.Filter(DeadlineTimeline.Build(id, await DeadlineHistory.AtAsync(session, id, events, ct), at,
            EvaluationOptions.Default, CatalogueStore.Embedded), null);
        return (new IncidentDossier(history.Incident, point, state.Version, FactsState.From(events.Select(e => e.Data)), deadlines,
            record is null ? [] : AuditTimeline.Entries(record, history), at), null);
    }

    /// <summary>
    /// The incident's own events up to the point, taken from the record already read (the same rows the stream read would
    /// return); null when the record cannot tell: no record, or a version whose earlier events the record's instant leaves
    /// out because their recording times came after it (a node whose clock ran ahead).
    /// </summary>
    private static IReadOnlyList<JasperFx.Events.IEvent>? IncidentEventsUpTo(IncidentRecord? record, IncidentAsOf? point) =>
        record?.IncidentEvents is { } own && (point?.Version is not { } v || own.Count == v) ? own : null;

    private static Microsoft.AspNetCore.Mvc.ProblemDetails Describe(IResult problem) =>
        problem is Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult { ProblemDetails: var details }
            ? details
            : new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = StatusCodes.Status400BadRequest, Title = "The incident cannot be shown" };
}
