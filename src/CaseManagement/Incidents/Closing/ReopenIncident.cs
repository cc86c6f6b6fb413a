using CaseManagement.Api;

namespace CaseManagement.Incidents.Closing;

/// <summary>Reopening leaves a trace with its reason (other tools lose it, TheHive #301).</summary>
public sealed record ReopenIncident(string? Reason, long? ExpectedVersion) : IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.Reopen;

    public void Validate(Validation validation, DateTimeOffset now) => validation.Required("reason", Reason, 4000);

    public IEnumerable<object> Decide(Incident incident, DateTimeOffset now) => [new IncidentReopened(incident.Id, Reason!.Trim())];
}
