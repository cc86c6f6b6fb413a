using CaseManagement.Containment.Coordinating;
using CaseManagement.Incidents;
using Wolverine;

namespace CaseManagement.Containment.Deciding;

/// <summary>Undo what a step changed on the shop, from the state captured before it ran. Credentials come back only when asked.</summary>
public sealed record RollBackContainmentStep(string? Reason, bool? RestoreCredentials, long? ExpectedVersion) : IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.RollBackContainmentStep;
}

public static class RollBackContainmentStepEndpoint
{
    public static ProblemDetails Validate(RollBackContainmentStep command, Guid id, string step, ContainmentRun run) =>
        StepDecisions.Check(id, run, step, ContainmentStepOption.Rollback) ?? new Validation().Required("reason", command.Reason, 4000).ToProblem();

    /// <param name="incident">Read beside the run so that the incident's lifecycle is checked too: a closed incident takes no decisions.</param>
    [WolverinePost("/api/incidents/{id}/containment/runs/{runId}/steps/{step}/rollback", OperationId = nameof(RollBackContainmentStep),
        Summary = "Undo what a step changed on the shop")]
    [Authorize(Policies.RecordFacts)]
    public static (UpdatedAggregate<ContainmentRun>, ContainmentStepRollbackRequested, OutgoingMessages) Post(RollBackContainmentStep command, string step,
        [WriteAggregate("runId")] ContainmentRun run, [ReadAggregate("id")] Incident incident) =>
        (new UpdatedAggregate<ContainmentRun>(),
            new ContainmentStepRollbackRequested(run.IncidentId, run.RunId, step, command.Reason!.Trim(), command.RestoreCredentials ?? false),
            [new AdvanceContainmentRun(run.RunId, run.IncidentId)]);
}
