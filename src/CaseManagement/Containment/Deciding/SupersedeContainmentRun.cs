using CaseManagement.Containment.Coordinating;
using CaseManagement.Incidents;
using Wolverine;

namespace CaseManagement.Containment.Deciding;

/// <summary>
/// A compliance lead sets aside a run that waits on people (an approval, a manual step) or is blocked, so that a new run can
/// start; the reason is on the old run's record. Nothing more runs in it, and it never completes.
/// </summary>
public sealed record SupersedeContainmentRun(string? Reason, long? ExpectedVersion) : IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.SupersedeContainmentRun;
}

public static class SupersedeContainmentRunEndpoint
{
    public static ProblemDetails Validate(SupersedeContainmentRun command, Guid id, ContainmentRun run)
    {
        if (StepDecisions.RunOf(id, run) is { } notFound)
        {
            return notFound;
        }

        if (ContainmentDecisions.RefuseSupersede(run) is { } refusal)
        {
            return new ProblemDetails
            {
                Title = "Not allowed now",
                Detail = $"Cannot supersede containment run {run.RunId}: {refusal}.",
                Status = StatusCodes.Status409Conflict,
                Extensions = { ["runStatus"] = ApiJson.WireName(run.Status) },
            };
        }

        return new Validation().Justified("reason", command.Reason, "say why the run is set aside").ToProblem();
    }

    /// <param name="incident">Read beside the run so that the incident's lifecycle is checked too: a closed incident takes no decisions.</param>
    [WolverinePost("/api/incidents/{id}/containment/runs/{runId}/supersede", OperationId = nameof(SupersedeContainmentRun),
        Summary = "Set aside a run that waits on people or is blocked, so that a new run can start (a compliance lead, with a reason)")]
    [Authorize(Policies.SupersedeContainment)]
    public static (UpdatedAggregate<ContainmentRun>, ContainmentRunSuperseded, OutgoingMessages) Post(SupersedeContainmentRun command,
        [WriteAggregate("runId")] ContainmentRun run, [ReadAggregate("id")] Incident incident) =>
        (new UpdatedAggregate<ContainmentRun>(), new ContainmentRunSuperseded(run.IncidentId, run.RunId, command.Reason!.Trim()),
            [new AdvanceContainmentRun(run.RunId, run.IncidentId)]);
}
