using CaseManagement.Api;
using CaseManagement.Security;
using CaseManagement.Security.Pii;
using Marten;

namespace CaseManagement.Incidents.Scoping;

public enum ScopingRunStatus
{
    Requested,
    Running,
    Completed,
    Failed,
}

/// <summary>Live progress of one run, written by the run as it reads; the outcome itself is on the incident stream.</summary>
public sealed class ScopingRunProgress
{
    public Guid Id { get; set; }
    public Guid IncidentId { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public long OrdersScanned { get; set; }
    public long PeopleFound { get; set; }
}

/// <summary>
/// One affected person found by a run, kept for the notification campaign. Contact details are encrypted
/// under the person's own data key (erasable by crypto-shredding); the rest is what counting and targeting need.
/// </summary>
public sealed class AffectedPersonRecord
{
    /// <summary>Run id and a keyed hash of the person's key: a redelivered run overwrites, never duplicates.</summary>
    public string Id { get; set; } = "";
    public Guid RunId { get; set; }
    public Guid IncidentId { get; set; }
    public string SubjectId { get; set; } = "";
    public ProtectedValue Email { get; set; } = null!;
    public ProtectedValue? Name { get; set; }
    public ProtectedValue? Phone { get; set; }
    public ProtectedValue? PostalAddress { get; set; }
    public string? Jurisdiction { get; set; }
    public string ResidenceSource { get; set; } = "";
    public List<string> DataCategories { get; set; } = [];
    public int Orders { get; set; }
    public DateTimeOffset LastOrderAt { get; set; }
}

public sealed record ScopingRunView(
    Guid RunId,
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
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/incidents/{id:guid}/scope", async (Guid id, IQuerySession session, CancellationToken ct) =>
            {
                var events = await session.Events.FetchStreamAsync(id, token: ct);
                if (events.Count == 0)
                {
                    return Problems.IncidentNotFound(id);
                }

                var requested = events.Where(e => e.Data is ScopingRunRequested).ToList();
                var progress = (await session.LoadManyAsync<ScopingRunProgress>(ct, requested.Select(e => ((ScopingRunRequested)e.Data).RunId)))
                    .ToDictionary(p => p.Id);
                var runs = requested.Select(e =>
                    {
                        var r = (ScopingRunRequested)e.Data;
                        var completed = events.Select(x => x.Data).OfType<ScopingRunCompleted>().FirstOrDefault(c => c.RunId == r.RunId);
                        var failed = events.Select(x => x.Data).OfType<ScopingRunFailed>().FirstOrDefault(f => f.RunId == r.RunId);
                        var live = progress.GetValueOrDefault(r.RunId);
                        var status = completed is not null ? ScopingRunStatus.Completed
                            : failed is not null ? ScopingRunStatus.Failed
                            : live is not null ? ScopingRunStatus.Running
                            : ScopingRunStatus.Requested;
                        return new ScopingRunView(r.RunId, ApiJson.WireName(status), r.Shop, r.From, r.To, r.DataCategories, e.Timestamp, e.UserName,
                            completed?.OrdersScanned ?? failed?.OrdersScanned ?? live?.OrdersScanned ?? 0, completed?.People ?? live?.PeopleFound ?? 0,
                            completed, failed?.Reason);
                    })
                    .Reverse()
                    .ToList();
                return Results.Ok(new ScopingRunsView(id, runs.FirstOrDefault(), runs));
            })
            .WithName("GetScopingRuns")
            .WithSummary("Scoping runs of the incident, newest first: live progress while running, then the counts or the reason it failed")
            .RequireAuthorization(Policies.ReadIncidents)
            .Produces<ScopingRunsView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
