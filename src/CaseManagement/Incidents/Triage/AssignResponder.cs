namespace CaseManagement.Incidents.Triage;

public sealed record AssignResponder(string? Responder, string? Role, long? ExpectedVersion) : IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.AssignResponder;
}

public static class AssignResponderEndpoint
{
    public static ProblemDetails Validate(AssignResponder command) => new Validation()
        .Required("responder", command.Responder, 200)
        .Optional("role", command.Role, 100)
        .ToProblem();

    [WolverinePost("/api/incidents/{id}/assign-responder", OperationId = nameof(AssignResponder), Summary = "Assign a responder")]
    [Authorize(Policies.RecordFacts)]
    public static (UpdatedAggregate, ResponderAssigned) Post(AssignResponder command, [WriteAggregate] Incident incident) =>
        (new UpdatedAggregate(), new ResponderAssigned(incident.Id, command.Responder!.Trim(), command.Role?.Trim()));
}
