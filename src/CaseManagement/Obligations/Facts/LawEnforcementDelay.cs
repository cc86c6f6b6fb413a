using CaseManagement.Api;
using CaseManagement.Incidents;

namespace CaseManagement.Obligations.Facts;

/// <summary>Law enforcement asked to hold notification (many US statutes allow it, GDPR does not).</summary>
public sealed record RequestLawEnforcementDelay(string? Agency, DateTimeOffset? RequestedAt, string? Reason, long? ExpectedVersion) : IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.RequestLawEnforcementDelay;

    public static string? Route => "facts/law-enforcement-delay";

    public void Validate(Validation validation, DateTimeOffset now) => validation
        .Required("agency", Agency, 200)
        .Present("requestedAt", RequestedAt)
        .NotInFuture("requestedAt", RequestedAt, now)
        .Required("reason", Reason, 4000);

    public IEnumerable<object> Decide(Incident incident, DateTimeOffset now) =>
        [new LawEnforcementDelayRequested(incident.Id, Agency!.Trim(), RequestedAt!.Value, Reason!.Trim())];
}

public sealed record LiftLawEnforcementDelay(DateTimeOffset? LiftedAt, string? Reason, long? ExpectedVersion) : IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.LiftLawEnforcementDelay;

    public static string? Route => "facts/law-enforcement-delay/lift";

    public void Validate(Validation validation, DateTimeOffset now) => validation
        .Present("liftedAt", LiftedAt)
        .NotInFuture("liftedAt", LiftedAt, now)
        .Required("reason", Reason, 4000);

    public IEnumerable<object> Decide(Incident incident, DateTimeOffset now) =>
        [new LawEnforcementDelayLifted(incident.Id, LiftedAt!.Value, Reason!.Trim())];
}
