using CaseManagement.Paging.Pages;
using Marten;

namespace CaseManagement.Paging.Pages;

public static class PageReadEndpoints
{
    [WolverineGet("/api/pages", OperationId = "ListPages", Summary = "Pages, newest first: open ones unless status says otherwise (open, acknowledged, unanswered, all)")]
    [Authorize(Policies.ReadIncidents), Tags("Paging")]
    public static async Task<IResult> List(IQuerySession session, string? status, int? limit, CancellationToken ct)
    {
        var query = session.Query<Page>();
        IQueryable<Page> filtered = query;
        if (status is null or "open")
        {
            filtered = query.Where(p => p.Status == PageStatus.Open);
        }
        else if (status != "all")
        {
            if (!ApiJson.TryParseWire<PageStatus>(status, out var wanted))
            {
                return Problems.BadRequest($"status '{status}' is not one of: all, {string.Join(", ", ApiJson.WireNames<PageStatus>())}");
            }

            filtered = query.Where(p => p.Status == wanted);
        }

        return TypedResults.Ok(await filtered.OrderByDescending(p => p.RaisedAt).Take(Math.Clamp(limit ?? 50, 1, 500)).ToListAsync(ct));
    }

    [WolverineGet("/api/pages/{id}", OperationId = "GetPage", Summary = "One page: why it was raised, who it went to, every delivery, and who acknowledged it")]
    [Authorize(Policies.ReadIncidents), Tags("Paging")]
    public static Page Get([ReadAggregate] Page page) => page;
}
