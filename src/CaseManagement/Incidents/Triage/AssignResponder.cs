using CaseManagement.Api;

namespace CaseManagement.Incidents.Triage;

public sealed record AssignResponder(string? Responder, string? Role, long? ExpectedVersion) : IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.AssignResponder;

    public void Validate(Validation validation, DateTimeOffset now) => validation
        .Required("responder", Responder, 200)
        .Optional("role", Role, 100);

    public IEnumerable<object> Decide(Incident incident, DateTimeOffset now) => [new ResponderAssigned(incident.Id, Responder!.Trim(), Role?.Trim())];
}
