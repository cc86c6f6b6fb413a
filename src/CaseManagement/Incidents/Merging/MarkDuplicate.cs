using CaseManagement.Api.Conventions;
using Marten;

namespace CaseManagement.Incidents.Merging;

/// <summary>This incident is the same breach as <paramref name="DuplicateOf"/>: it is closed as its duplicate, and the other takes over its earliest clocks.</summary>
public sealed record MarkDuplicate(Guid? DuplicateOf, string? Reason, long? ExpectedVersion) : IExpectVersion;

/// <summary>The incident a duplicate is merged into, as loaded before the decision.</summary>
public sealed record MergeTarget(Incident? Incident);

public static class MarkDuplicateEndpoint
{
    public static ProblemDetails Validate(MarkDuplicate command) => new Validation()
        .Present("duplicateOf", command.DuplicateOf)
        .Required("reason", command.Reason, 4000)
        .ToProblem();

    public static async Task<MergeTarget> LoadAsync(MarkDuplicate command, IDocumentSession session, CancellationToken ct) =>
        new(command.DuplicateOf is { } id && id != Guid.Empty ? await session.LoadAsync<Incident>(id, ct) : null);

    public static ProblemDetails Validate(MarkDuplicate command, Incident incident, MergeTarget target)
    {
        var conflict = incident switch
        {
            { DuplicateOf: { } already } => $"incident {incident.Id} is already a duplicate of {already}",
            { Status: IncidentStatus.Closed } => $"incident {incident.Id} is closed; reopen it first (with a reason) to merge it",
            _ => null,
        };
        if (conflict is not null)
        {
            return new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "Cannot mark as duplicate", Detail = conflict };
        }

        var problem = target.Incident switch
        {
            null => $"no incident with id {command.DuplicateOf} exists",
            { Id: var id } when id == incident.Id => "an incident cannot be a duplicate of itself",
            { DuplicateOf: { } other } => $"incident {target.Incident.Id} is itself a duplicate of {other}; merge into that one",
            { Status: IncidentStatus.Closed } => $"incident {target.Incident.Id} is closed; reopen it first, or merge the other way round",
            _ => null,
        };
        return problem is null ? WolverineContinue.NoProblems : new Validation().Add("duplicateOf", problem).ToProblem();
    }

    /// <remarks>
    /// Both streams in one transaction, nothing deleted: the duplicate records what it duplicates and is closed with that reason; the survivor
    /// records the merge and corrects its clocks to the earliest of the two. A write to the survivor since it was loaded fails the commit (409).
    /// </remarks>
    [WolverinePost("/api/incidents/{id}/mark-duplicate", OperationId = nameof(MarkDuplicate),
        Summary = "Merge this incident into another as its duplicate: both histories are kept, deadlines run from the earliest awareness")]
    [Authorize(Policies.RecordFacts)]
    public static async Task<(UpdatedAggregate, Events)> Post(MarkDuplicate command, [WriteAggregate] Incident incident, MergeTarget target,
        IDocumentSession session, CancellationToken ct)
    {
        var survivor = target.Incident!;
        var reason = command.Reason!.Trim();
        var stream = await session.Events.FetchForWriting<Incident>(survivor.Id, survivor.Version, ct);
        stream.AppendOne(new DuplicateIncidentMerged(survivor.Id, incident.Id, incident.Title, incident.DetectedAt, incident.AwareAt, reason));
        stream.AppendMany(MergeRules.EarliestClocks(survivor, incident));
        return (new UpdatedAggregate(), [new IncidentMarkedDuplicate(incident.Id, survivor.Id, reason), new IncidentClosed(incident.Id, $"duplicate of incident {survivor.Id}: {reason}")]);
    }
}
