using CaseManagement.Containment.Coordinating;
using CaseManagement.Incidents;
using Wolverine;

namespace CaseManagement.Containment.Deciding;

/// <summary>
/// Run a failed step again once its cause is fixed (the shop is reachable again, the password corrected), or a rolled-back step
/// as a new attempt (a risky one then waits for a new approval, from someone other than who asked).
/// </summary>
public sealed record RetryContainmentStep(string? Reason, long? ExpectedVersion) : IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.RetryContainmentStep;
}

public static class RetryContainmentStepEndpoint
{
    public static ProblemDetails Validate(RetryContainmentStep command, Guid id, string step, ContainmentRun run) =>
        StepDecisions.Check(id, run, step, ContainmentStepOption.Retry) ?? new Validation().Optional("reason", command.Reason).ToProblem();

    /// <param name="incident">Read beside the run so that the incident's lifecycle is checked too: a closed incident takes no decisions.</param>
    [WolverinePost("/api/incidents/{id}/containment/runs/{runId}/steps/{step}/retry", OperationId = nameof(RetryContainmentStep),
        Summary = "Run a failed or rolled-back step again")]
    [Authorize(Policies.RecordFacts)]
    public static (UpdatedAggregate<ContainmentRun>, ContainmentStepRetryRequested, OutgoingMessages) Post(RetryContainmentStep command, string step,
        [WriteAggregate("runId")] ContainmentRun run, [ReadAggregate("id")] Incident incident) =>
        (new UpdatedAggregate<ContainmentRun>(), new ContainmentStepRetryRequested(run.IncidentId, run.RunId, step, command.Reason?.Trim()),
            [new AdvanceContainmentRun(run.RunId, run.IncidentId)]);
}
