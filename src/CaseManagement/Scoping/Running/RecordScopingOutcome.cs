using CaseManagement.Incidents;
using CaseManagement.Obligations.Facts;
using Marten;

namespace CaseManagement.Scoping.Running;

/// <summary>A run ended: what the incident must now record of it.</summary>
public sealed record RecordScopingOutcome(Guid IncidentId, Guid RunId);

/// <summary>
/// A completed run's counts become the incident's residence facts (what the deadlines read) and, where the lifecycle
/// takes it, the "scoped" milestone; a failed run leaves the incident as it was. Another writer on the incident fails
/// the commit, and Wolverine's concurrency policy retries against the fresh incident.
/// </summary>
public static class RecordScopingOutcomeHandler
{
    public static void Before(IDocumentSession session) => session.LastModifiedBy = RunScopingHandler.Actor;

    public static IEnumerable<object> Handle(RecordScopingOutcome message, [WriteAggregate] Incident incident, [ReadAggregate("RunId")] ScopingRun run,
        DateTimeOffset now)
    {
        if (run.Result is not { } completed)
        {
            yield break;
        }

        var window = $"orders placed {run.From.UtcDateTime:O} to {run.To.UtcDateTime:O} in shop {run.Shop}";
        yield return new AffectedCountsRecorded(incident.Id, [.. completed.PeopleByJurisdiction.Select(c => new AffectedCount(c.Key, c.Value))],
            $"scoping-run {run.Id}", $"{window}; {completed.ResidenceUnknown} people with no usable residence are not counted under any jurisdiction");
        // Scoping a closed or false-positive incident is not a lifecycle step; its counts still stand as facts.
        if (IncidentLifecycle.Check(incident, IncidentAction.Scope) is null)
        {
            yield return new IncidentScoped(incident.Id, now, $"Scoping run {run.Id}: {completed.People} people, {window}", completed.People, run.DataCategories);
        }
    }
}
