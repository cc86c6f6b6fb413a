using CaseManagement.Security;
using CaseManagement.Api;
using Marten;

namespace CaseManagement.Incidents.Listing;

public static class ListIncidentsEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/incidents", ListAsync)
            .WithName("ListIncidents")
            .RequireAuthorization(Policies.ReadIncidents)
            .WithSummary("Incidents, newest detection first unless sorted otherwise, filtered by status and shop")
            .Produces<IncidentPage>()
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

    private static async Task<IResult> ListAsync(string? status, string? shop, string? sort, int? page, int? pageSize, IQuerySession session, CancellationToken ct)
    {
        var query = new IncidentListQuery(status, shop, sort, page, pageSize);
        return query.Validate() is { IsValid: false } invalid
            ? Problems.Invalid(invalid.Errors)
            : Results.Ok(await query.RunAsync(session, ct));
    }
}
