using CaseManagement.Api;

namespace CaseManagement.Incidents.Closing;

public sealed record CloseIncident(string? Summary, long? ExpectedVersion) : IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.Close;

    public void Validate(Validation validation, DateTimeOffset now) => validation.Optional("summary", Summary);

    public IEnumerable<object> Decide(Incident incident, DateTimeOffset now) => [new IncidentClosed(incident.Id, Summary?.Trim())];
}
