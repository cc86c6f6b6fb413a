namespace CaseManagement.Incidents.Awareness;

/// <summary>
/// When the shop became aware of the breach with reasonable certainty: regulator clocks (GDPR's
/// 72 hours among them) run from here, so it is recorded explicitly, separately from detection.
/// </summary>
public sealed record RecordAwareness(DateTimeOffset? AwareAt, string? Reason, long? ExpectedVersion) : IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.RecordAwareness;
}

public static class RecordAwarenessEndpoint
{
    public static ProblemDetails Validate(RecordAwareness command, DateTimeOffset now) => new Validation()
        .Present("awareAt", command.AwareAt)
        .NotInFuture("awareAt", command.AwareAt, now)
        .Optional("reason", command.Reason)
        .ToProblem();

    [WolverinePost("/api/incidents/{id}/record-awareness", OperationId = nameof(RecordAwareness),
        Summary = "Record when the shop became aware (regulator clocks start here)")]
    [Authorize(Policies.RecordFacts)]
    public static (UpdatedAggregate, AwarenessRecorded) Post(RecordAwareness command, [WriteAggregate] Incident incident) =>
        (new UpdatedAggregate(), new AwarenessRecorded(incident.Id, command.AwareAt!.Value, command.Reason?.Trim()));
}
