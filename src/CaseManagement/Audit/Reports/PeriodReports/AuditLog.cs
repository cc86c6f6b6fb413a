using CaseManagement.Audit.Reports.Timeline;
using Marten;

namespace CaseManagement.Audit.Reports.PeriodReports;

/// <summary>
/// The organisation's own audit log: reads that span incidents (period reports) are recorded here, one stream per
/// organisation, rather than on every incident they touch, which would add an event to each incident for one read.
/// </summary>
public static class AuditLog
{
    /// <summary>The organisation's stream: derived from its name, so it needs no lookup and never changes.</summary>
    public static Guid StreamFor(string organisation) => Incidents.IncidentStreams.Derived($"casemanagement:audit-log:{organisation}");

    [WolverineGet("/api/audit-log", OperationId = "GetAuditLog",
        Summary = "The organisation's audit log: every period report exported, by whom, when, for which period and incidents")]
    [Authorize(Policies.ReadIncidents)]
    public static async Task<List<TimelineEntry>> Get(HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var log = StreamFor(ReportReader.Of(http).Organisation);
        var events = await session.Events.FetchStreamAsync(log, token: ct);
        return [.. events.Select(e => AuditTimeline.Entry(e, "audit-log", null, null))];
    }
}
