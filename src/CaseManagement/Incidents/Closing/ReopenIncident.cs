namespace CaseManagement.Incidents.Closing;

/// <summary>Reopening leaves a trace with its reason (other tools lose it, TheHive #301).</summary>
public sealed record ReopenIncident(string? Reason, long? ExpectedVersion) : IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.Reopen;
}

public static class ReopenIncidentEndpoint
{
    public static ProblemDetails Validate(ReopenIncident command) => new Validation().Required("reason", command.Reason, 4000).ToProblem();

    [WolverinePost("/api/incidents/{id}/reopen", OperationId = nameof(ReopenIncident), Summary = "Reopen a closed incident, with a reason")]
    [Authorize(Policies.RecordFacts)]
    public static (UpdatedAggregate, IncidentReopened) Post(ReopenIncident command, [WriteAggregate] Incident incident) =>
        (new UpdatedAggregate(), new IncidentReopened(incident.Id, command.Reason!.Trim()));
}
