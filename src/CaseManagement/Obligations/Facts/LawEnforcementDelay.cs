using CaseManagement.Incidents;

namespace CaseManagement.Obligations.Facts;

/// <summary>Law enforcement asked to hold notification (many US statutes allow it, GDPR does not).</summary>
public sealed record RequestLawEnforcementDelay(string? Agency, DateTimeOffset? RequestedAt, string? Reason, long? ExpectedVersion) : IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.RequestLawEnforcementDelay;
}

public static class RequestLawEnforcementDelayEndpoint
{
    public static ProblemDetails Validate(RequestLawEnforcementDelay command, DateTimeOffset now) => new Validation()
        .Required("agency", command.Agency, 200)
        .Present("requestedAt", command.RequestedAt)
        .NotInFuture("requestedAt", command.RequestedAt, now)
        .Required("reason", command.Reason, 4000)
        .ToProblem();

    [WolverinePost("/api/incidents/{id}/facts/law-enforcement-delay", OperationId = nameof(RequestLawEnforcementDelay),
        Summary = "Record a law-enforcement request to delay notification")]
    [Authorize(Policies.DecideNotification)]
    public static (UpdatedAggregate, LawEnforcementDelayRequested) Post(RequestLawEnforcementDelay command, [WriteAggregate] Incident incident) =>
        (new UpdatedAggregate(), new LawEnforcementDelayRequested(incident.Id, command.Agency!.Trim(), command.RequestedAt!.Value, command.Reason!.Trim()));
}

public sealed record LiftLawEnforcementDelay(DateTimeOffset? LiftedAt, string? Reason, long? ExpectedVersion) : IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.LiftLawEnforcementDelay;
}

public static class LiftLawEnforcementDelayEndpoint
{
    public static ProblemDetails Validate(LiftLawEnforcementDelay command, DateTimeOffset now) => new Validation()
        .Present("liftedAt", command.LiftedAt)
        .NotInFuture("liftedAt", command.LiftedAt, now)
        .Required("reason", command.Reason, 4000)
        .ToProblem();

    [WolverinePost("/api/incidents/{id}/facts/law-enforcement-delay/lift", OperationId = nameof(LiftLawEnforcementDelay),
        Summary = "Record that the law-enforcement delay was lifted")]
    [Authorize(Policies.DecideNotification)]
    public static (UpdatedAggregate, LawEnforcementDelayLifted) Post(LiftLawEnforcementDelay command, [WriteAggregate] Incident incident) =>
        (new UpdatedAggregate(), new LawEnforcementDelayLifted(incident.Id, command.LiftedAt!.Value, command.Reason!.Trim()));
}
