using CaseManagement.Containment.Coordinating;
using CaseManagement.Incidents;
using Wolverine;

namespace CaseManagement.Containment.Deciding;

/// <summary>A responder records that a manual step (maintenance mode, a file on the server) is done.</summary>
public sealed record CompleteContainmentStep(string? Note, long? ExpectedVersion) : IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.CompleteContainmentStep;
}

public static class CompleteContainmentStepEndpoint
{
    public static ProblemDetails Validate(CompleteContainmentStep command, Guid id, string step, ContainmentRun run) =>
        StepDecisions.Check(id, run, step, ContainmentStepOption.Complete) ?? new Validation().Required("note", command.Note, 4000).ToProblem();

    /// <param name="incident">Read beside the run so that the incident's lifecycle is checked too: a closed incident takes no decisions.</param>
    [WolverinePost("/api/incidents/{id}/containment/runs/{runId}/steps/{step}/complete", OperationId = nameof(CompleteContainmentStep),
        Summary = "Record that a manual step is done")]
    [Authorize(Policies.RecordFacts)]
    public static (UpdatedAggregate<ContainmentRun>, ManualContainmentStepCompleted, OutgoingMessages) Post(CompleteContainmentStep command, string step,
        [WriteAggregate("runId")] ContainmentRun run, [ReadAggregate("id")] Incident incident) =>
        (new UpdatedAggregate<ContainmentRun>(), new ManualContainmentStepCompleted(run.IncidentId, run.RunId, step, command.Note!.Trim()),
            [new AdvanceContainmentRun(run.RunId, run.IncidentId)]);
}
