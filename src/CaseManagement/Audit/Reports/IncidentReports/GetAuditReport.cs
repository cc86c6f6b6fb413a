using CaseManagement.Audit.Chain;
using CaseManagement.Audit.Reports.Phases;
using CaseManagement.Audit.Reports.Rendering;
using CaseManagement.Incidents;
using CaseManagement.Incidents.Reviewing;
using CaseManagement.Notifications.Campaigns;
using Marten;

namespace CaseManagement.Audit.Reports.IncidentReports;

/// <summary>
/// The incident's audit report now or as of an instant, in JSON, CSV, HTML or PDF. Every export is recorded on the
/// incident's access log (who, when, format, instant, hash of the bytes) before it is served, closed incidents included;
/// reading never moves the incident's own version.
/// </summary>
public static class GetAuditReportEndpoint
{
    [WolverineGet("/api/incidents/{id}/audit-report", OperationId = "GetAuditReport",
        Summary = "The incident's audit report (?format=json|csv|html|pdf, ?asOf=<instant> or ?version=N): summary, phases, deadlines, every event of " +
                  "its record in words, chain links; the export is recorded on the incident's access log")]
    [Authorize(Policies.ReadIncidents)]
    public static async Task<IResult> Get(Guid id, string? format, string? asOf, long? version, HttpContext http, IDocumentSession session,
        ReportExports exports, ChainVerifier verifier, DateTimeOffset now, CancellationToken ct)
    {
        if (ReportExports.Read(format, Enum.GetValues<ReportFormat>(), [("asOf", asOf)],
                (validation, instants) => ReportExports.NotInFuture(validation, "asOf", instants.GetValueOrDefault("asOf"), now),
                out var chosen, out _) is { } invalid)
        {
            return invalid;
        }

        if (exports.Unsupported(chosen) is { } unsupported)
        {
            return unsupported;
        }

        var (point, problem) = await IncidentAsOf.ResolveAsync(session, id, asOf, version, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (await IncidentRecord.LoadAsync(session, id, point, ct) is not { } record)
        {
            return point?.NotFound(id) ?? Problems.IncidentNotFound(id);
        }

        var reader = ReportReader.Of(http);
        var asOfInstant = point?.At ?? now;
        var campaigns = await session.Query<Campaign>().Where(c => c.IncidentId == id).ToListAsync(ct);
        var links = new List<StreamLinks>();
        foreach (var stream in record.Events.Select(e => e.StreamId).Distinct())
        {
            var (verification, records) = await verifier.VerifyStreamWithRecordsAsync(session, stream, ct);
            links.Add(new StreamLinks(stream, records, verification));
        }

        var report = await AuditReport.BuildAsync(new AuditReportInput(record, asOfInstant, now, reader.Actor, BreachStartOf(campaigns, asOfInstant), links), ct);
        RenderedReport rendered;
        try
        {
            rendered = await exports.RenderAsync(chosen, report, AuditReportCsv.Write, AuditReportHtml.Write, ct);
        }
        catch (PdfRenderingFailed failure)
        {
            return ReportExports.PdfFailed(failure);
        }

        // Committed by Wolverine before the answer is written: no export leaves the service unrecorded.
        session.Events.Append(IncidentStreams.AccessLog(id),
            new AuditReportExported(id, ApiJson.WireName(chosen), asOfInstant, report.Incident.Version, reader.Roles, rendered.Sha256));
        return ReportExports.Serve(http, rendered, $"incident-{id}-audit-report-{ReportExports.Stamp(asOfInstant)}");
    }

    /// <summary>
    /// The earliest breach start a campaign drafted by then told its recipients: the phases name it beside a missing
    /// breach-start fact, labelled as the campaign's statement, and never measure from it.
    /// </summary>
    public static BreachStart? BreachStartOf(IEnumerable<Campaign> campaigns, DateTimeOffset asOf) =>
        campaigns.Where(c => c.DraftedAt <= asOf && c.Content.BreachStartedAt is not null)
            .OrderBy(c => c.Content.BreachStartedAt)
            .Select(c => new BreachStart(c.Content.BreachStartedAt!.Value, $"breach start stated in notification campaign “{c.Name}” ({c.Id})"))
            .FirstOrDefault();
}
