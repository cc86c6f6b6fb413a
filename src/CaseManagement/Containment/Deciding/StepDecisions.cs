namespace CaseManagement.Containment.Deciding;

/// <summary>
/// What every decision about a run's step checks first: that the run belongs to the incident in the route, that it has
/// the step, and that the step's state allows the decision (the pure <see cref="ContainmentDecisions.Refuse"/>).
/// </summary>
public static class StepDecisions
{
    /// <summary>The 404 for a run that belongs to another incident than the route's.</summary>
    public static ProblemDetails? RunOf(Guid incidentId, ContainmentRun run) => run.IncidentId != incidentId
        ? new ProblemDetails
        {
            Title = "Containment run not found",
            Detail = $"Incident {incidentId} has no containment run {run.RunId}.",
            Status = StatusCodes.Status404NotFound,
        }
        : null;

    public static ProblemDetails? Check(Guid incidentId, ContainmentRun run, string stepId, ContainmentStepOption option)
    {
        if (RunOf(incidentId, run) is { } notFound)
        {
            return notFound;
        }

        if (run.Step(stepId) is null)
        {
            return new ProblemDetails
            {
                Title = "Step not found",
                Detail = $"Containment run {run.RunId} ({run.Playbook}) has no step '{stepId}'; its steps are: {string.Join(", ", run.Steps.Select(s => s.Plan.Id))}.",
                Status = StatusCodes.Status404NotFound,
            };
        }

        return ContainmentDecisions.Refuse(run, stepId, option) is { } refusal
            ? new ProblemDetails
            {
                Title = "Not allowed now",
                Detail = $"Cannot {ApiJson.WireName(option)} step '{stepId}': {refusal}.",
                Status = StatusCodes.Status409Conflict,
                Extensions = { ["runStatus"] = ApiJson.WireName(run.Status), ["options"] = ContainmentDecisions.Options(run, stepId).Select(ApiJson.WireName).ToArray() },
            }
            : null;
    }
}
