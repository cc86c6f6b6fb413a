using CaseManagement.Api;

namespace CaseManagement.Incidents.Containing;

/// <summary>Records that the breach is stopped (the attacker's access is cut), when and how.</summary>
public sealed record ContainIncident(DateTimeOffset? ContainedAt, string? Summary, long? ExpectedVersion) : IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.Contain;

    public void Validate(Validation validation, DateTimeOffset now) => validation
        .Required("summary", Summary, 4000)
        .NotInFuture("containedAt", ContainedAt, now);

    public IEnumerable<object> Decide(Incident incident, DateTimeOffset now) =>
        [new IncidentContained(incident.Id, ContainedAt ?? now, Summary!.Trim())];
}
