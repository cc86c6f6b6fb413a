namespace CaseManagement.Incidents.Notifying;

/// <summary>Records that notifications went out: to whom (recipient types) and when.</summary>
public sealed record RecordNotification(DateTimeOffset? NotifiedAt, IReadOnlyList<string>? Recipients, string? Summary, long? ExpectedVersion)
    : IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.Notify;
}

public static class RecordNotificationEndpoint
{
    public static ProblemDetails Validate(RecordNotification command, DateTimeOffset now)
    {
        var validation = new Validation()
            .Required("summary", command.Summary, 4000)
            .NotInFuture("notifiedAt", command.NotifiedAt, now)
            .Items("recipients", command.Recipients)
            .Within("recipients", command.Recipients, Vocabulary.Recipients);
        if (command.Recipients is null || command.Recipients.Count == 0)
        {
            validation.Add("recipients", $"name at least one recipient type: {string.Join(", ", Vocabulary.Recipients)}");
        }

        return validation.ToProblem();
    }

    [WolverinePost("/api/incidents/{id}/notify", OperationId = nameof(RecordNotification), Summary = "Record that notifications were sent")]
    [Authorize(Policies.DecideNotification)]
    public static (UpdatedAggregate, IncidentNotified) Post(RecordNotification command, [WriteAggregate] Incident incident, DateTimeOffset now) =>
        (new UpdatedAggregate(), new IncidentNotified(incident.Id, command.NotifiedAt ?? now, [.. command.Recipients!.Distinct()], command.Summary!.Trim()));
}
