using Marten;

namespace CaseManagement.Incidents.Listing;

/// <summary>The incident list, on the same query as the incident list page.</summary>
public static class ListIncidentsEndpoint
{
    public static ProblemDetails Validate(string? status, string? shop, string? sort, int? page, int? pageSize) =>
        new IncidentListQuery(status, shop, sort, page, pageSize).Validate().ToProblem();

    [WolverineGet("/api/incidents", OperationId = "ListIncidents", Summary = "Incidents, newest detection first unless sorted otherwise, filtered by status and shop")]
    [Authorize(Policies.ReadIncidents)]
    public static Task<IncidentPage> Get(string? status, string? shop, string? sort, int? page, int? pageSize, IQuerySession session, CancellationToken ct) =>
        new IncidentListQuery(status, shop, sort, page, pageSize).RunAsync(session, ct);
}
