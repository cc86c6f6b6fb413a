using CaseManagement.Api;

namespace CaseManagement.Incidents.Notifying;

/// <summary>Records that notifications went out: to whom (recipient types) and when.</summary>
public sealed record RecordNotification(
    DateTimeOffset? NotifiedAt,
    IReadOnlyList<string>? Recipients,
    string? Summary,
    long? ExpectedVersion) : IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.Notify;

    public void Validate(Validation validation, DateTimeOffset now)
    {
        validation
            .Required("summary", Summary, 4000)
            .NotInFuture("notifiedAt", NotifiedAt, now)
            .Items("recipients", Recipients)
            .Within("recipients", Recipients, Vocabulary.Recipients);
        if (Recipients is null || Recipients.Count == 0)
        {
            validation.Add("recipients", $"name at least one recipient type: {string.Join(", ", Vocabulary.Recipients)}");
        }
    }

    public IEnumerable<object> Decide(Incident incident, DateTimeOffset now) =>
        [new IncidentNotified(incident.Id, NotifiedAt ?? now, [.. Recipients!.Distinct()], Summary!.Trim())];
}
