namespace CaseManagement.Incidents.Awareness;

/// <summary>
/// The earliest evidence of when the breach began (a skimmer script's first appearance, the first request from the attacker's
/// address), with the evidence it rests on. Time to detect runs from here to the detection; a later statement replaces the
/// earlier one, which the event keeps.
/// </summary>
/// <param name="PreviousStartedAt">The start this statement replaces; null for the first.</param>
public sealed record BreachStartRecorded(Guid IncidentId, DateTimeOffset StartedAt, string Basis, DateTimeOffset? PreviousStartedAt = null);

public sealed record RecordBreachStart(DateTimeOffset? StartedAt, string? Basis, long? ExpectedVersion) : IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.RecordBreachStart;
}

public static class RecordBreachStartEndpoint
{
    public static ProblemDetails Validate(RecordBreachStart command, DateTimeOffset now) => new Validation()
        .Present("startedAt", command.StartedAt)
        .NotInFuture("startedAt", command.StartedAt, now)
        .Justified("basis", command.Basis, "say what evidence shows the breach began then")
        .ToProblem();

    /// <summary>A breach is found after it began: a start after the detection would make time to detect negative.</summary>
    public static ProblemDetails Before(RecordBreachStart command, Incident incident) => command.StartedAt > incident.DetectedAt
        ? new Validation().Add("startedAt", $"is after the incident's detection ({incident.DetectedAt.UtcDateTime:O}); the breach began before it was found").ToProblem()
        : WolverineContinue.NoProblems;

    [WolverinePost("/api/incidents/{id}/facts/breach-start", OperationId = nameof(RecordBreachStart),
        Summary = "Record (or restate) when the breach began, on the earliest evidence; time to detect runs from here")]
    [Authorize(Policies.RecordFacts)]
    public static (UpdatedAggregate, BreachStartRecorded) Post(RecordBreachStart command, [WriteAggregate] Incident incident) =>
        (new UpdatedAggregate(), new BreachStartRecorded(incident.Id, command.StartedAt!.Value, command.Basis!.Trim(), incident.BreachStartedAt));
}
