using CaseManagement.Containment.Coordinating;
using CaseManagement.Incidents;
using Wolverine;

namespace CaseManagement.Containment.Deciding;

/// <summary>Go on without a step; the justification is part of the record an auditor reads.</summary>
public sealed record SkipContainmentStep(string? Justification, long? ExpectedVersion) : IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.SkipContainmentStep;
}

public static class SkipContainmentStepEndpoint
{
    public static ProblemDetails Validate(SkipContainmentStep command, Guid id, string step, ContainmentRun run)
    {
        if (StepDecisions.Check(id, run, step, ContainmentStepOption.Skip) is { } refused)
        {
            return refused;
        }

        return new Validation().Justified("justification", command.Justification, "say why the step is not needed").ToProblem();
    }

    /// <param name="incident">Read beside the run so that the incident's lifecycle is checked too: a closed incident takes no decisions.</param>
    [WolverinePost("/api/incidents/{id}/containment/runs/{runId}/steps/{step}/skip", OperationId = nameof(SkipContainmentStep),
        Summary = "Go on without a step, with a justification")]
    [Authorize(Policies.RecordFacts)]
    public static (UpdatedAggregate<ContainmentRun>, ContainmentStepSkipped, OutgoingMessages) Post(SkipContainmentStep command, string step,
        [WriteAggregate("runId")] ContainmentRun run, [ReadAggregate("id")] Incident incident) =>
        (new UpdatedAggregate<ContainmentRun>(), new ContainmentStepSkipped(run.IncidentId, run.RunId, step, command.Justification!.Trim()),
            [new AdvanceContainmentRun(run.RunId, run.IncidentId)]);
}
