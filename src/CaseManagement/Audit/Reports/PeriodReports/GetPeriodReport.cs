using CaseManagement.Audit.Reports.IncidentReports;
using CaseManagement.Incidents;
using CaseManagement.Notifications.Campaigns;
using JasperFx.Events;
using Marten;

namespace CaseManagement.Audit.Reports.PeriodReports;

/// <summary>
/// The organisation's incident response over a period (?from=&amp;to=, ?format=json|csv|html, ?asOf=), for SOC 2 and
/// ISO 27001 evidence. The export is recorded on the organisation's audit log (GET /api/audit-log).
/// </summary>
public static class GetPeriodReportEndpoint
{
    private static readonly ReportFormat[] Formats = [ReportFormat.Json, ReportFormat.Csv, ReportFormat.Html];

    [WolverineGet("/api/audit-reports", OperationId = "GetPeriodReport",
        Summary = "Every incident detected or open in ?from=…&to=… with phase durations, deadlines met and missed, containment runs, campaigns and " +
                  "submissions, totals and medians (?format=json|csv|html, ?asOf=<instant>); the export is recorded on the organisation's audit log")]
    [Authorize(Policies.ReadIncidents)]
    public static async Task<IResult> Get(string? from, string? to, string? asOf, string? format, HttpContext http, IDocumentSession session,
        ReportExports exports, DateTimeOffset now, CancellationToken ct)
    {
        if (ReportExports.Read(format, Formats, [("from", from), ("to", to), ("asOf", asOf)], (validation, instants) =>
                {
                    foreach (var (name, example) in new[] { ("from", "2026-01-01T00:00:00Z"), ("to", "2026-04-01T00:00:00Z") })
                    {
                        if (!instants.ContainsKey(name))
                        {
                            validation.Add(name, $"is required: the period runs from 'from' (included) to 'to' (excluded), e.g. {name}={example}");
                        }
                    }

                    ReportExports.NotInFuture(validation, "from", instants.GetValueOrDefault("from"), now);
                    ReportExports.NotInFuture(validation, "asOf", instants.GetValueOrDefault("asOf"), now);
                    if (instants.TryGetValue("from", out var start) && instants.TryGetValue("to", out var end) && end <= start)
                    {
                        validation.Add("to", $"must be later than from ({start.UtcDateTime:O})");
                    }
                },
                out var chosen, out var instants) is { } invalid)
        {
            return invalid;
        }

        var (periodStart, periodEnd) = (instants["from"], instants["to"]);
        var at = instants.TryGetValue("asOf", out var value) ? value : now;
        // Candidates by their current state; the report replays each as recorded by the instant and keeps those it covered then.
        var candidates = await session.Query<Incident>()
            .Where(i => i.DetectedAt < periodEnd && (i.ClosedAt == null || i.ClosedAt >= periodStart))
            .Select(i => i.Id)
            .ToListAsync(ct);
        var ids = candidates.ToArray();
        IReadOnlyList<IEvent> events = ids.Length == 0
            ? []
            : await session.Events.QueryAllRawEvents().Where(e => e.StreamId.IsOneOf(ids) && e.Timestamp <= at).OrderBy(e => e.Sequence).ToListAsync(ct);
        var campaigns = ids.Length == 0 ? [] : await session.Query<Campaign>().Where(c => c.IncidentId.IsOneOf(ids)).ToListAsync(ct);
        var reader = ReportReader.Of(http);
        var report = await PeriodReport.BuildAsync(reader.Organisation, periodStart, periodEnd, at, now, reader.Actor, events
            .GroupBy(e => e.StreamId)
            .Select(stream => new PeriodIncidentInput([.. stream.OrderBy(e => e.Version)],
                GetAuditReportEndpoint.BreachStartOf(campaigns.Where(c => c.IncidentId == stream.Key), at))), ct);

        var rendered = await exports.RenderAsync(chosen, report, PeriodReportDocuments.Csv, PeriodReportDocuments.Html, ct);
        // Committed by Wolverine before the answer is written: no export leaves the service unrecorded.
        session.Events.Append(AuditLog.StreamFor(reader.Organisation), new PeriodReportExported(AuditLog.StreamFor(reader.Organisation), periodStart, periodEnd, at,
            ApiJson.WireName(chosen), [.. report.Incidents.Select(i => i.Incident.Id)], reader.Roles, rendered.Sha256));
        return ReportExports.Serve(http, rendered, $"incident-response-{ReportExports.Stamp(periodStart)}-{ReportExports.Stamp(periodEnd)}");
    }
}
