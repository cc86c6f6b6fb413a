using CaseManagement.Api;
using CaseManagement.Audit.Chain;
using CaseManagement.Audit.Reports.Phases;
using CaseManagement.Audit.Reports.Rendering;
using CaseManagement.Incidents;
using CaseManagement.Notifications.Campaigns;
using CaseManagement.Security;
using Marten;

namespace CaseManagement.Audit.Reports.IncidentReports;

/// <summary>
/// The incident's audit report now or as of an instant, in JSON, CSV, HTML or PDF. Every export is recorded on the
/// incident (who, when, format, instant, hash of the bytes) before it is served, closed incidents included.
/// </summary>
public static class GetAuditReportEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        ReportExports.Answers<AuditReport>(app.MapGet("/api/incidents/{id:guid}/audit-report", ExportAsync)
                .WithName("GetAuditReport")
                .WithSummary("The incident's audit report (?format=json|csv|html|pdf, ?asOf=<instant>): summary, phases, deadlines, every event in " +
                             "words, chain links; the export is recorded on the incident")
                .RequireAuthorization(Policies.ReadIncidents)
                .ProducesProblem(StatusCodes.Status404NotFound),
            Enum.GetValues<ReportFormat>());

    private static async Task<IResult> ExportAsync(Guid id, string? format, string? asOf, HttpContext http, IQuerySession session, IDocumentStore store,
        ReportExports exports, ChainVerifier verifier, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (ReportExports.Read(format, Enum.GetValues<ReportFormat>(), [("asOf", asOf)],
                (validation, instants) => ReportExports.NotInFuture(validation, "asOf", instants.GetValueOrDefault("asOf"), now),
                out var chosen, out var instants) is { } invalid)
        {
            return invalid;
        }

        if (exports.Unsupported(chosen) is { } unsupported)
        {
            return unsupported;
        }

        DateTimeOffset? at = instants.TryGetValue("asOf", out var value) ? value : null;
        var events = await session.Events.FetchStreamAsync(id, timestamp: at, token: ct);
        if (events.Count == 0)
        {
            return at is { } instant ? Problems.IncidentNotFoundAt(id, instant) : Problems.IncidentNotFound(id);
        }

        var reader = ReportReader.Of(http);
        var asOfInstant = at ?? now;
        var campaigns = await session.Query<Campaign>().Where(c => c.IncidentId == id).ToListAsync(ct);
        var (verification, records) = await verifier.VerifyStreamWithRecordsAsync(session, id, ct);
        var report = AuditReport.Build(new AuditReportInput(events, asOfInstant, now, reader.Actor, BreachStartOf(campaigns, asOfInstant), records,
            verification));

        RenderedReport rendered;
        try
        {
            rendered = await exports.RenderAsync(chosen, report, AuditReportCsv.Write, AuditReportHtml.Write, ct);
        }
        catch (PdfRenderingFailed failure)
        {
            return ReportExports.PdfFailed(failure);
        }

        // Appended directly, not through the lifecycle: reading a closed incident's record is always allowed and always recorded.
        var exported = new AuditReportExported(id, ApiJson.WireName(chosen), asOfInstant, report.Incident.Version, reader.Roles, rendered.Sha256);
        await StreamRecorder.AppendAsync<Incident>(store, reader.Organisation, id, reader.Actor, _ => [exported], ct);
        return ReportExports.Serve(http, rendered, $"incident-{id}-audit-report-{ReportExports.Stamp(asOfInstant)}");
    }

    /// <summary>The earliest breach start a campaign drafted by then states; the incident itself records none.</summary>
    public static BreachStart? BreachStartOf(IEnumerable<Campaign> campaigns, DateTimeOffset asOf) =>
        campaigns.Where(c => c.DraftedAt <= asOf && c.Content.BreachStartedAt is not null)
            .OrderBy(c => c.Content.BreachStartedAt)
            .Select(c => new BreachStart(c.Content.BreachStartedAt!.Value, $"breach start stated in notification campaign “{c.Name}” ({c.Id})"))
            .FirstOrDefault();
}
