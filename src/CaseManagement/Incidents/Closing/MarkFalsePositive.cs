using CaseManagement.Api;

namespace CaseManagement.Incidents.Closing;

public sealed record MarkFalsePositive(string? Reason, long? ExpectedVersion) : IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.MarkFalsePositive;

    public void Validate(Validation validation, DateTimeOffset now) => validation.Required("reason", Reason, 4000);

    public IEnumerable<object> Decide(Incident incident, DateTimeOffset now) => [new MarkedFalsePositive(incident.Id, Reason!.Trim())];
}
