using Marten;
using Marten.Pagination;

namespace CaseManagement.Incidents.Listing;

public sealed record IncidentPage(IReadOnlyList<IncidentSummary> Items, int Page, int PageSize, long TotalItems, long TotalPages);

public static class ListIncidentsEndpoint
{
    public const int MaxPageSize = 200;

    [WolverineGet("/api/incidents", OperationId = "ListIncidents", Summary = "Incidents, newest detection first, filtered by status and shop")]
    [Authorize(Policies.ReadIncidents)]
    public static async Task<IResult> Get(string? status, string? shop, int? page, int? pageSize, IQuerySession session, CancellationToken ct)
    {
        var validation = new Validation();
        if (status is not null)
        {
            validation.OneOf<IncidentStatus>("status", status);
        }

        if (page < 1)
        {
            validation.Add("page", "starts at 1");
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            validation.Add("pageSize", $"must be between 1 and {MaxPageSize}");
        }

        if (!validation.IsValid)
        {
            return Problems.Invalid(validation.Errors);
        }

        IQueryable<IncidentSummary> query = session.Query<IncidentSummary>();
        if (status is not null && ApiJson.TryParseWire<IncidentStatus>(status, out var wanted))
        {
            query = query.Where(x => x.Status == wanted);
        }

        if (!string.IsNullOrWhiteSpace(shop))
        {
            query = query.Where(x => x.Shop == shop);
        }

        var results = await query.OrderByDescending(x => x.DetectedAt).ThenBy(x => x.Id)
            .ToPagedListAsync(page ?? 1, pageSize ?? 50, ct);
        return Results.Ok(new IncidentPage([.. results], page ?? 1, pageSize ?? 50, results.TotalItemCount, results.PageCount));
    }
}
