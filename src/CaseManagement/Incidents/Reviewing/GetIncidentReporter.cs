using CaseManagement.Audit.Reports;
using CaseManagement.Security.Pii;
using Marten;

namespace CaseManagement.Incidents.Reviewing;

/// <summary>On the incident's access log: someone was shown the reporting shopper's contact, in these roles.</summary>
public sealed record ReporterContactRevealed(Guid IncidentId, IReadOnlyList<string> Roles);

/// <summary>
/// The shopper who reported the incident, decrypted on request; each time it is shown is recorded on the incident's access
/// log, committed before the answer is written. After an erasure the answer is 410: the history still shows that someone
/// reported, never who.
/// </summary>
public static class GetIncidentReporterEndpoint
{
    [WolverineGet("/api/incidents/{id}/reporter", OperationId = "GetIncidentReporter", Summary = "The shopper who reported the incident (personal data)")]
    [Authorize(Policies.ReadPersonalData)]
    public static async Task<IResult> Get(Guid id, HttpContext http, IDocumentSession session, PiiVault vault, CancellationToken ct)
    {
        var detection = (await session.Events.FetchStreamAsync(id, version: 1, token: ct)).FirstOrDefault()?.Data as IncidentDetected;
        if (detection is null)
        {
            return Problems.IncidentNotFound(id);
        }

        if (detection.Reporter is not { } reporter)
        {
            return Results.Problem(title: "No reporter", detail: "This incident was not reported by a shopper.", statusCode: StatusCodes.Status404NotFound);
        }

        if (await vault.RevealAsync(session, reporter, ct) is not { } contact)
        {
            return Results.Problem(title: "Personal data erased", detail: "The reporter's personal data was erased; it cannot be recovered.",
                statusCode: StatusCodes.Status410Gone);
        }

        session.Events.Append(IncidentStreams.AccessLog(id), new ReporterContactRevealed(id, ReportReader.Of(http).Roles));
        return Results.Ok(contact);
    }
}
