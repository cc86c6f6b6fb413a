namespace CaseManagement.Incidents.Notifying;

/// <summary>
/// The documented decision that no notification is owed (e.g. GDPR Art. 33(1): unlikely to result in a
/// risk). Regulators ask for the reasoning, so it is required.
/// </summary>
public sealed record DecideNoNotification(string? Reason, long? ExpectedVersion) : IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.DecideNoNotification;
}

public static class DecideNoNotificationEndpoint
{
    public static ProblemDetails Validate(DecideNoNotification command) => new Validation().Required("reason", command.Reason, 4000).ToProblem();

    [WolverinePost("/api/incidents/{id}/decide-no-notification", OperationId = nameof(DecideNoNotification),
        Summary = "Record the decision that no notification is owed, with reasons")]
    [Authorize(Policies.DecideNotification)]
    public static (UpdatedAggregate, NotificationDeemedUnnecessary) Post(DecideNoNotification command, [WriteAggregate] Incident incident) =>
        (new UpdatedAggregate(), new NotificationDeemedUnnecessary(incident.Id, command.Reason!.Trim()));
}
