namespace CaseManagement.Incidents.Triage;

public sealed record ClassifySeverity(string? Severity, string? Reason, long? ExpectedVersion) : IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.ClassifySeverity;
}

public static class ClassifySeverityEndpoint
{
    public static ProblemDetails Validate(ClassifySeverity command) => new Validation()
        .OneOf<Severity>("severity", command.Severity)
        .Required("reason", command.Reason, 4000)
        .ToProblem();

    [WolverinePost("/api/incidents/{id}/classify-severity", OperationId = nameof(ClassifySeverity), Summary = "Classify the severity, with a reason")]
    [Authorize(Policies.RecordFacts)]
    public static (UpdatedAggregate, SeverityClassified) Post(ClassifySeverity command, [WriteAggregate] Incident incident) =>
        (new UpdatedAggregate(), new SeverityClassified(incident.Id, ApiJson.ParseWire<Severity>(command.Severity!), command.Reason!.Trim()));
}
