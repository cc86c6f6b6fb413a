using CaseManagement.Obligations.Dispositions;
using CaseManagement.Obligations.Timeline;
using Marten;

namespace CaseManagement.Incidents.Closing;

public sealed record CloseIncident(string? Summary, long? ExpectedVersion) : IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.Close;
}

/// <summary>
/// Closes the incident once every duty that applies or may apply is met, not applicable, or waived with a reason; otherwise
/// a 409 lists each open one (ADR 18). A false positive nobody was told about owes nothing.
/// </summary>
public static class CloseIncidentEndpoint
{
    public static async Task<IncidentFactSheet?> LoadAsync(Guid id, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<IncidentFactSheet>(id, ct);

    public static ProblemDetails Validate(CloseIncident command, Incident incident, IncidentFactSheet? facts, DateTimeOffset now) =>
        new Validation().Optional("summary", command.Summary) is { IsValid: false } invalid
            ? invalid.ToProblem()
            : OpenDuties.Refusal("close", facts, now, falsePositive: incident.Status == IncidentStatus.FalsePositive);

    [WolverinePost("/api/incidents/{id}/close", OperationId = nameof(CloseIncident),
        Summary = "Close the incident; every duty must be met, not applicable, or waived with a reason (409 lists the open ones)")]
    [Authorize(Policies.RecordFacts)]
    public static (UpdatedAggregate, IncidentClosed) Post(CloseIncident command, [WriteAggregate] Incident incident) =>
        (new UpdatedAggregate(), new IncidentClosed(incident.Id, command.Summary?.Trim()));
}
