namespace CaseManagement.Incidents.Closing;

public sealed record CloseIncident(string? Summary, long? ExpectedVersion) : IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.Close;
}

public static class CloseIncidentEndpoint
{
    public static ProblemDetails Validate(CloseIncident command) => new Validation().Optional("summary", command.Summary).ToProblem();

    [WolverinePost("/api/incidents/{id}/close", OperationId = nameof(CloseIncident), Summary = "Close the incident")]
    [Authorize(Policies.RecordFacts)]
    public static (UpdatedAggregate, IncidentClosed) Post(CloseIncident command, [WriteAggregate] Incident incident) =>
        (new UpdatedAggregate(), new IncidentClosed(incident.Id, command.Summary?.Trim()));
}
