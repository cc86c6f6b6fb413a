namespace CaseManagement.Incidents.Awareness;

/// <summary>A correction keeps the earlier value in the history: what was believed, and why it changed.</summary>
public sealed record CorrectAwareness(DateTimeOffset? AwareAt, string? Reason, long? ExpectedVersion) : IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.CorrectAwareness;
}

public static class CorrectAwarenessEndpoint
{
    public static ProblemDetails Validate(CorrectAwareness command, DateTimeOffset now) => new Validation()
        .Present("awareAt", command.AwareAt)
        .NotInFuture("awareAt", command.AwareAt, now)
        .Required("reason", command.Reason, 4000)
        .ToProblem();

    [WolverinePost("/api/incidents/{id}/correct-awareness", OperationId = nameof(CorrectAwareness), Summary = "Correct the awareness time, with a reason")]
    [Authorize(Policies.RecordFacts)]
    public static (UpdatedAggregate, AwarenessCorrected) Post(CorrectAwareness command, [WriteAggregate] Incident incident) =>
        (new UpdatedAggregate(), new AwarenessCorrected(incident.Id, incident.AwareAt!.Value, command.AwareAt!.Value, command.Reason!.Trim()));
}
