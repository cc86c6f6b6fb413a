using System.Globalization;
using CaseManagement.Api.Conventions;
using CaseManagement.Audit.Chain;
using CaseManagement.Audit.Reports;
using CaseManagement.Audit.Reports.IncidentReports;
using CaseManagement.Audit.Reports.PeriodReports;
using CaseManagement.Audit.Reports.Timeline;
using CaseManagement.Incidents.Listing;
using CaseManagement.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseManagement.Web.Pages.Oversight;

/// <summary>
/// The auditor's page: the organisation's chains verified on request, its audit log, and for one incident its chain and its audit report
/// as of any instant in JSON, CSV, HTML or PDF. Each part calls what the API calls (ChainEndpoints, AuditLog,
/// GetAuditReportEndpoint), so a download here is recorded on the incident's access log exactly as an API export is.
/// </summary>
[Authorize(Policy = Policies.ReadIncidents)]
public sealed class AuditModel(IDocumentSession session, ChainVerifier verifier, ReportExports exports, TimeProvider clock, PageLinks pages) : PageModel
{
    public const int ListedIncidents = 100;

    public static readonly IReadOnlyList<(string Wire, string Label)> Formats =
        [.. Enum.GetValues<ReportFormat>().Select(f => (Api.ApiJson.WireName(f), f.ToString().ToUpperInvariant()))];

    public ChainReport? Organisation { get; private set; }
    public IReadOnlyList<TimelineEntry> Log { get; private set; } = [];
    public IReadOnlyList<IncidentSummary> Incidents { get; private set; } = [];
    public Guid? Incident { get; private set; }
    public IncidentRecordChain? Chain { get; private set; }
    public string Format { get; private set; } = "pdf";
    public string? AsOf { get; private set; }
    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public async Task OnGetAsync(Guid? incident, CancellationToken cancellation) => await ShowAsync(incident, cancellation);

    /// <summary>
    /// The organisation's chains verified on request only: the check reads every event the organisation ever recorded, so its
    /// cost grows with the organisation's whole history, and a verdict kept from an earlier view would be a stale one.
    /// </summary>
    public async Task OnGetVerifyAsync(Guid? incident, CancellationToken cancellation)
    {
        Organisation = await ChainEndpoints.VerifyOrganisation(session, verifier, clock.GetUtcNow(), cancellation);
        await ShowAsync(incident, cancellation);
    }

    /// <summary>The report download: the API's export code, with its validation, its access-log record and its answer.</summary>
    public async Task<IActionResult> OnGetReportAsync(Guid? incident, string? format, string? asOf, CancellationToken cancellation)
    {
        Format = format ?? "pdf";
        AsOf = string.IsNullOrWhiteSpace(asOf) ? null : asOf.Trim();
        if (incident is not { } id)
        {
            Errors = new Dictionary<string, string[]> { ["incident"] = ["choose an incident"] };
            return await RefusedAsync(null, cancellation);
        }

        if (AsOf is not null && Instant(AsOf) is null)
        {
            Errors = new Dictionary<string, string[]> { ["asOf"] = [$"'{AsOf}' is not a date and time (e.g. 2026-11-20T08:00)"] };
            return await RefusedAsync(id, cancellation);
        }

        RequestStamping.Stamp(HttpContext, session);
        var result = await GetAuditReportEndpoint.Get(id, Format, Instant(AsOf), null, HttpContext, session, exports, verifier, clock.GetUtcNow(), cancellation);
        if (result is IStatusCodeHttpResult { StatusCode: >= 400 })
        {
            Errors = ProblemOf(result);
            return await RefusedAsync(id, cancellation);
        }

        // The export's record is committed before a byte of the report is sent, as on the API.
        await session.SaveChangesAsync(cancellation);
        await result.ExecuteAsync(HttpContext);
        return new EmptyResult();
    }

    public string? ErrorFor(string field) => Errors.TryGetValue(field, out var messages) ? string.Join("; ", messages) : null;

    public string? IncidentLink(Guid id) => pages.To("/incidents/{id:guid}", $"/incidents/{id}");

    private async Task<IActionResult> RefusedAsync(Guid? incident, CancellationToken cancellation)
    {
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await ShowAsync(incident, cancellation);
        return Page();
    }

    private async Task ShowAsync(Guid? incident, CancellationToken cancellation)
    {
        Incident = incident;
        Log = await AuditLog.Get(HttpContext, session, cancellation);
        Incidents = (await new IncidentListQuery(null, null, null, 1, ListedIncidents).RunAsync(session, clock.GetUtcNow(), cancellation)).Items;
        if (incident is { } id)
        {
            Chain = await ChainEndpoints.VerifyIncidentAsync(id, session, verifier, cancellation);
            if (Chain is null)
            {
                Errors["incident"] = [$"no incident with id {id} exists"];
            }
        }
    }

    /// <summary>The picker's value ("2026-11-20T08:00", no zone) read as UTC, which the page says; an instant with its offset is taken as it is.</summary>
    private static string? Instant(string? text) =>
        text is null ? null
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : null;

    private static Dictionary<string, string[]> ProblemOf(IResult result) => result switch
    {
        ProblemHttpResult { ProblemDetails: HttpValidationProblemDetails invalid } => new(invalid.Errors),
        ProblemHttpResult { ProblemDetails: var problem } => new() { ["report"] = [problem.Detail ?? problem.Title ?? "the report could not be made"] },
        _ => new() { ["report"] = ["the report could not be made"] },
    };
}
