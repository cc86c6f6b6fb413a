using CaseManagement.Api;

namespace CaseManagement.Incidents.Awareness;

/// <summary>
/// When the shop became aware of the breach with reasonable certainty: regulator clocks (GDPR's
/// 72 hours among them) run from here, so it is recorded explicitly, separately from detection.
/// </summary>
public sealed record RecordAwareness(DateTimeOffset? AwareAt, string? Reason, long? ExpectedVersion) : IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.RecordAwareness;

    public void Validate(Validation validation, DateTimeOffset now) => validation
        .Present("awareAt", AwareAt)
        .NotInFuture("awareAt", AwareAt, now)
        .Optional("reason", Reason);

    public IEnumerable<object> Decide(Incident incident, DateTimeOffset now) => [new AwarenessRecorded(incident.Id, AwareAt!.Value, Reason?.Trim())];
}
