using CaseManagement.Incidents;
using Marten;

namespace CaseManagement.Scoping.Reviewing;

public sealed record ScopingRunView(
    Guid RunId,
    long Version,
    string Status,
    string Shop,
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyList<string> DataCategories,
    DateTimeOffset RequestedAt,
    string? RequestedBy,
    long OrdersScanned,
    long PeopleFound,
    ScopingRunCompleted? Result,
    string? Failure);

public sealed record ScopingRunsView(Guid IncidentId, ScopingRunView? Latest, IReadOnlyList<ScopingRunView> Runs);

public static class GetScopingRunsEndpoint
{
    [WolverineGet("/api/incidents/{id}/scope", OperationId = "GetScopingRuns",
        Summary = "Scoping runs of the incident, newest first: live progress while running, then the counts or the reason it failed")]
    [Authorize(Policies.ReadIncidents)]
    public static async Task<IResult> Get(Guid id, IQuerySession session, CancellationToken ct)
    {
        if (await session.LoadAsync<Incident>(id, ct) is null)
        {
            return Problems.IncidentNotFound(id);
        }

        var runs = await session.Query<ScopingRun>().Where(r => r.IncidentId == id).OrderByDescending(r => r.RequestedAt).ToListAsync(ct);
        var progress = (await session.LoadManyAsync<ScopingRunProgress>(ct, runs.Select(r => r.Id))).ToDictionary(p => p.Id);
        var views = runs.Select(r => View(r, progress.GetValueOrDefault(r.Id))).ToList();
        return Results.Ok(new ScopingRunsView(id, views.FirstOrDefault(), views));
    }

    private static ScopingRunView View(ScopingRun run, ScopingRunProgress? live) => new(run.Id, run.Version, ApiJson.WireName(run.Status), run.Shop, run.From,
        run.To, run.DataCategories, run.RequestedAt, run.RequestedBy, run.Result?.OrdersScanned ?? run.Failure?.OrdersScanned ?? live?.OrdersScanned ?? 0,
        run.Result?.People ?? live?.PeopleFound ?? 0, run.Result, run.Failure?.Reason);
}
