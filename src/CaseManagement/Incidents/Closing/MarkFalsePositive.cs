using CaseManagement.Obligations.Dispositions;
using CaseManagement.Obligations.Timeline;
using Marten;

namespace CaseManagement.Incidents.Closing;

public sealed record MarkFalsePositive(string? Reason, long? ExpectedVersion) : IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.MarkFalsePositive;
}

/// <summary>
/// Records that the incident is a false positive. Once anyone has been told anything about it, every duty that applies
/// or may apply must be met or waived with a reason first (409 lists the open ones), so the finding never hides a notice owed.
/// </summary>
public static class MarkFalsePositiveEndpoint
{
    public static async Task<IncidentFactSheet?> LoadAsync(Guid id, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<IncidentFactSheet>(id, ct);

    public static ProblemDetails Validate(MarkFalsePositive command, IncidentFactSheet? facts, DateTimeOffset now) =>
        new Validation().Required("reason", command.Reason, 4000) is { IsValid: false } invalid
            ? invalid.ToProblem()
            : OpenDuties.Refusal("mark-false-positive", facts, now, falsePositive: true);

    [WolverinePost("/api/incidents/{id}/mark-false-positive", OperationId = nameof(MarkFalsePositive),
        Summary = "Record that the incident is a false positive; once anyone was told, every duty must first be met or waived")]
    [Authorize(Policies.RecordFacts)]
    public static (UpdatedAggregate, MarkedFalsePositive) Post(MarkFalsePositive command, [WriteAggregate] Incident incident) =>
        (new UpdatedAggregate(), new MarkedFalsePositive(incident.Id, command.Reason!.Trim()));
}
