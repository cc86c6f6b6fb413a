using CaseManagement.Security.Pii;
using Marten;

namespace CaseManagement.Incidents.Reviewing;

/// <summary>
/// The shopper who reported the incident, decrypted on request. After an erasure the answer is 410:
/// the history still shows that someone reported, never who.
/// </summary>
public static class GetIncidentReporterEndpoint
{
    [WolverineGet("/api/incidents/{id}/reporter", OperationId = "GetIncidentReporter", Summary = "The shopper who reported the incident (personal data)")]
    [Authorize(Policies.ReadPersonalData)]
    public static async Task<IResult> Get(Guid id, IQuerySession session, PiiVault vault, CancellationToken ct)
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

        return await vault.RevealAsync(session, reporter, ct) is { } contact
            ? Results.Ok(contact)
            : Results.Problem(title: "Personal data erased", detail: "The reporter's personal data was erased; it cannot be recovered.", statusCode: StatusCodes.Status410Gone);
    }
}
