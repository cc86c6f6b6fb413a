using Marten;

namespace CaseManagement.Incidents.Listing;

/// <summary>The incident list, on the same query as the incident list page.</summary>
public static class ListIncidentsEndpoint
{
    public static ProblemDetails Validate(string? status, string? shop, string? sort, int? page, int? pageSize, string? severity, string? kind,
        int? dueWithinHours) =>
        new IncidentListQuery(status, shop, sort, page, pageSize, severity, kind, dueWithinHours).Validate().ToProblem();

    [WolverineGet("/api/incidents", OperationId = "ListIncidents",
        Summary = "Incidents, newest detection first unless sorted otherwise, filtered by status, shop, severity, kind and " +
                  "?dueWithinHours=N (open incidents with an unmet duty due within N hours, overdue included)")]
    [Authorize(Policies.ReadIncidents)]
    public static Task<IncidentPage> Get(string? status, string? shop, string? sort, int? page, int? pageSize, string? severity, string? kind,
        int? dueWithinHours, IQuerySession session, DateTimeOffset now, CancellationToken ct) =>
        new IncidentListQuery(status, shop, sort, page, pageSize, severity, kind, dueWithinHours).RunAsync(session, now, ct);
}
