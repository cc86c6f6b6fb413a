using CaseManagement.Api;

namespace CaseManagement.Incidents.Triage;

public sealed record ClassifySeverity(string? Severity, string? Reason, long? ExpectedVersion) : IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.ClassifySeverity;

    public void Validate(Validation validation, DateTimeOffset now) => validation
        .OneOf<Severity>("severity", Severity)
        .Required("reason", Reason, 4000);

    public IEnumerable<object> Decide(Incident incident, DateTimeOffset now)
    {
        ApiJson.TryParseWire<Severity>(Severity, out var severity);
        return [new SeverityClassified(incident.Id, severity, Reason!.Trim())];
    }
}
