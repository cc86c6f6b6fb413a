namespace CaseManagement.Incidents.Closing;

public sealed record MarkFalsePositive(string? Reason, long? ExpectedVersion) : IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.MarkFalsePositive;
}

public static class MarkFalsePositiveEndpoint
{
    public static ProblemDetails Validate(MarkFalsePositive command) => new Validation().Required("reason", command.Reason, 4000).ToProblem();

    [WolverinePost("/api/incidents/{id}/mark-false-positive", OperationId = nameof(MarkFalsePositive), Summary = "Record that the incident is a false positive")]
    [Authorize(Policies.RecordFacts)]
    public static (UpdatedAggregate, MarkedFalsePositive) Post(MarkFalsePositive command, [WriteAggregate] Incident incident) =>
        (new UpdatedAggregate(), new MarkedFalsePositive(incident.Id, command.Reason!.Trim()));
}
