using CaseManagement.Api;

namespace CaseManagement.Incidents.Notifying;

/// <summary>
/// The documented decision that no notification is owed (e.g. GDPR Art. 33(1): unlikely to result in a
/// risk). Regulators ask for the reasoning, so it is required.
/// </summary>
public sealed record DecideNoNotification(string? Reason, long? ExpectedVersion) : IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.DecideNoNotification;

    public void Validate(Validation validation, DateTimeOffset now) => validation.Required("reason", Reason, 4000);

    public IEnumerable<object> Decide(Incident incident, DateTimeOffset now) => [new NotificationDeemedUnnecessary(incident.Id, Reason!.Trim())];
}
