using CaseManagement.Incidents;

namespace CaseManagement.Scoping.Manual;

/// <summary>
/// Records who and what data is affected, as far as known. Scoping again later is normal (a new
/// assessment); it supersedes an earlier decision that no notification is owed.
/// </summary>
public sealed record ScopeIncident(
    DateTimeOffset? ScopedAt,
    string? Summary,
    long? EstimatedAffectedPeople,
    IReadOnlyList<string>? DataCategories,
    long? ExpectedVersion) : IIncidentCommand
{
    public static IncidentAction Action => IncidentAction.Scope;
}

/// <summary>A person's own assessment; <c>POST …/scope</c> starts a scoping run against the shop database.</summary>
public static class ScopeIncidentEndpoint
{
    public static ProblemDetails Validate(ScopeIncident command, DateTimeOffset now)
    {
        var validation = new Validation()
            .Required("summary", command.Summary, 4000)
            .NotInFuture("scopedAt", command.ScopedAt, now)
            .Items("dataCategories", command.DataCategories)
            .Within("dataCategories", command.DataCategories, Vocabulary.DataCategories);
        if (command.EstimatedAffectedPeople < 0)
        {
            validation.Add("estimatedAffectedPeople", "cannot be negative");
        }

        return validation.ToProblem();
    }

    [WolverinePost("/api/incidents/{id}/scope/manual", OperationId = nameof(ScopeIncident), Summary = "Record who and what data is affected")]
    [Authorize(Policies.RecordFacts)]
    public static (UpdatedAggregate, IncidentScoped) Post(ScopeIncident command, [WriteAggregate] Incident incident, DateTimeOffset now) =>
        (new UpdatedAggregate(), new IncidentScoped(incident.Id, command.ScopedAt ?? now, command.Summary!.Trim(), command.EstimatedAffectedPeople,
            [.. (command.DataCategories ?? []).Distinct()]));
}
