using CaseManagement.Api;

namespace CaseManagement.Incidents.Awareness;

/// <summary>A correction keeps the earlier value in the history: what was believed, and why it changed.</summary>
public sealed record CorrectAwareness(DateTimeOffset? AwareAt, string? Reason, long? ExpectedVersion) : IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.CorrectAwareness;

    public void Validate(Validation validation, DateTimeOffset now) => validation
        .Present("awareAt", AwareAt)
        .NotInFuture("awareAt", AwareAt, now)
        .Required("reason", Reason, 4000);

    public IEnumerable<object> Decide(Incident incident, DateTimeOffset now) =>
        [new AwarenessCorrected(incident.Id, incident.AwareAt!.Value, AwareAt!.Value, Reason!.Trim())];
}
