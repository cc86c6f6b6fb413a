namespace CaseManagement.Incidents.Containing;

/// <summary>Records that the breach is stopped (the attacker's access is cut), when and how.</summary>
public sealed record ContainIncident(DateTimeOffset? ContainedAt, string? Summary, long? ExpectedVersion) : IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.Contain;
}

public static class ContainIncidentEndpoint
{
    public static ProblemDetails Validate(ContainIncident command, DateTimeOffset now) => new Validation()
        .Required("summary", command.Summary, 4000)
        .NotInFuture("containedAt", command.ContainedAt, now)
        .ToProblem();

    [WolverinePost("/api/incidents/{id}/contain", OperationId = nameof(ContainIncident), Summary = "Record that the breach is contained")]
    [Authorize(Policies.RecordFacts)]
    public static (UpdatedAggregate, IncidentContained) Post(ContainIncident command, [WriteAggregate] Incident incident, DateTimeOffset now) =>
        (new UpdatedAggregate(), new IncidentContained(incident.Id, command.ContainedAt ?? now, command.Summary!.Trim()));
}
