using System.Security.Claims;
using CaseManagement.Containment.Coordinating;
using CaseManagement.Incidents;
using Wolverine;

namespace CaseManagement.Containment.Deciding;

/// <summary>
/// A compliance lead or approver allows a risky step (deactivating a plugin, ending every session) to run; never the person who
/// started the run or asked to run the step again (four eyes).
/// </summary>
public sealed record ApproveContainmentStep(string? Comment, long? ExpectedVersion) : IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.ApproveContainmentStep;
}

public static class ApproveContainmentStepEndpoint
{
    public static ProblemDetails Validate(ApproveContainmentStep command, Guid id, string step, ContainmentRun run, ClaimsPrincipal user) =>
        StepDecisions.Check(id, run, step, ContainmentStepOption.Approve)
        ?? Forbidden.UnlessSecondPerson(user, $"step '{step}' of this run", Policies.Approve, ContainmentDecisions.Requesters(run, step))
        ?? new Validation().Optional("comment", command.Comment).ToProblem();

    /// <param name="incident">Read beside the run so that the incident's lifecycle is checked too: a closed incident takes no decisions.</param>
    [WolverinePost("/api/incidents/{id}/containment/runs/{runId}/steps/{step}/approve", OperationId = nameof(ApproveContainmentStep),
        Summary = "Approve a step that needs a second person's yes")]
    [Authorize(Policies.Approve)]
    public static (UpdatedAggregate<ContainmentRun>, ContainmentStepApproved, OutgoingMessages) Post(ApproveContainmentStep command, string step,
        [WriteAggregate("runId")] ContainmentRun run, [ReadAggregate("id")] Incident incident) =>
        (new UpdatedAggregate<ContainmentRun>(), new ContainmentStepApproved(run.IncidentId, run.RunId, step, command.Comment?.Trim()),
            [new AdvanceContainmentRun(run.RunId, run.IncidentId)]);
}
