using CaseManagement.Incidents;
using CaseManagement.Shops.ShopActions;
using Marten;

namespace CaseManagement.Containment.Reviewing;

public sealed record ContainmentStepView(
    string Id,
    string Title,
    string Action,
    string Why,
    IReadOnlyDictionary<string, string> Arguments,
    bool Automated,
    bool RequiresApproval,
    bool Required,
    string Compensation,
    string Status,
    int Attempts,
    string? LastError,
    DateTimeOffset? RetryAt,
    string? ApprovedBy,
    DateTimeOffset? ApprovedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? Before,
    string? Summary,
    IReadOnlyList<ShopChange> Changes,
    Guid? EvidenceId,
    IReadOnlyList<SkimmerFinding> Findings,
    string? SkipJustification,
    IReadOnlyList<ShopChange> RolledBack,
    IReadOnlyList<string> Checklist,
    IReadOnlyList<string> Options);

public sealed record ContainmentRunView(
    Guid RunId,
    long Version,
    string Playbook,
    int PlaybookVersion,
    string PlaybookSha256,
    string Shop,
    string Platform,
    string Status,
    string? BlockedReason,
    IReadOnlyList<string> BlockedOptions,
    IReadOnlyDictionary<string, string> Parameters,
    string? Reason,
    DateTimeOffset RequestedAt,
    string? RequestedBy,
    DateTimeOffset? CompletedAt,
    IReadOnlyList<ContainmentStepView> Steps,
    DateTimeOffset? SupersededAt,
    string? SupersededBy,
    string? SupersededReason)
{
    public static ContainmentRunView Of(ContainmentRun run, bool isLatest) => new(
        run.RunId, run.Version, run.Playbook, run.PlaybookVersion, run.PlaybookSha256, run.Shop, run.Platform, ApiJson.WireName(run.Status), run.BlockedReason,
        run.Status == ContainmentRunStatus.Blocked ? run.BlockedOptions ?? ContainmentDecisions.BlockedOptions : [], run.Parameters, run.Reason, run.RequestedAt,
        run.RequestedBy, run.CompletedAt,
        [
            .. run.Steps.Select(s => new ContainmentStepView(s.Plan.Id, s.Plan.Title, s.Plan.Action, s.Plan.Why, s.Plan.Arguments, s.Plan.Automated,
                s.Plan.RequiresApproval, s.Plan.Required, s.Plan.Compensation, ApiJson.WireName(s.Status), s.Attempts, s.LastError, s.RetryAt, s.ApprovedBy, s.ApprovedAt,
                s.StartedAt, s.FinishedAt, s.BeforeSummary, s.Summary, s.Changes ?? [], s.EvidenceId, s.Findings ?? [], s.SkipJustification,
                s.Compensation ?? [], s.Plan.Checklist,
                // Only the latest run takes decisions; older runs are history.
                isLatest ? [.. ContainmentDecisions.Options(run, s.Plan.Id).Select(ApiJson.WireName)] : [])),
        ],
        run.SupersededAt, run.SupersededBy, run.SupersededReason);
}

public sealed record ContainmentView(Guid IncidentId, ContainmentRunView? Latest, IReadOnlyList<ContainmentRunView> Runs);

public static class GetContainmentEndpoint
{
    [WolverineGet("/api/incidents/{id}/containment", OperationId = "GetContainment",
        Summary = "Containment runs of the incident, newest first: each step's state, what it changed, and what a person may do next")]
    [Authorize(Policies.ReadIncidents)]
    public static async Task<IResult> Get(Guid id, IQuerySession session, CancellationToken ct)
    {
        if (await session.LoadAsync<Incident>(id, ct) is not { } incident)
        {
            return Problems.IncidentNotFound(id);
        }

        var runs = (await session.LoadManyAsync<ContainmentRun>(ct, incident.ContainmentRunIds)).OrderByDescending(r => r.RequestedAt).ToList();
        var views = runs.Select((r, i) => ContainmentRunView.Of(r, isLatest: i == 0)).ToList();
        return Results.Ok(new ContainmentView(id, views.FirstOrDefault(), views));
    }
}
