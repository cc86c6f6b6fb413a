using CaseManagement.Api;

namespace CaseManagement.Incidents.Scoping;

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

    /// <summary>A person's own assessment; <c>POST …/scope</c> starts a scoping run against the shop database.</summary>
    public static string? Route => "scope/manual";

    public void Validate(Validation validation, DateTimeOffset now)
    {
        validation
            .Required("summary", Summary, 4000)
            .NotInFuture("scopedAt", ScopedAt, now)
            .Items("dataCategories", DataCategories)
            .Within("dataCategories", DataCategories, Vocabulary.DataCategories);
        if (EstimatedAffectedPeople < 0)
        {
            validation.Add("estimatedAffectedPeople", "cannot be negative");
        }
    }

    public IEnumerable<object> Decide(Incident incident, DateTimeOffset now) =>
        [new IncidentScoped(incident.Id, ScopedAt ?? now, Summary!.Trim(), EstimatedAffectedPeople, [.. (DataCategories ?? []).Distinct()])];
}
