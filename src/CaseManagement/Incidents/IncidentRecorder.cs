using JasperFx;
using Marten;

namespace CaseManagement.Incidents;

/// <summary>
/// Appends what background work found out (a run's outcome, a step's result) to an incident in its own transaction.
/// What is appended is a fact that no longer depends on the incident's state, so a concurrent append by someone else
/// is simply waited out and the fact appended on the fresh stream, instead of redoing the work that produced it.
/// </summary>
public static class IncidentRecorder
{
    private const int Attempts = 10;

    public static Task AppendAsync(IDocumentStore store, string organisation, Guid incidentId, string actor,
        Func<Incident, IReadOnlyList<object>> facts, CancellationToken ct) =>
        AppendAsync(store, organisation, incidentId, actor, (_, incident) => Task.FromResult(facts(incident)), ct);

    /// <param name="facts">May write to the session too (a data key for an encrypted value), which commits with the events.</param>
    public static async Task AppendAsync(IDocumentStore store, string organisation, Guid incidentId, string actor,
        Func<IDocumentSession, Incident, Task<IReadOnlyList<object>>> facts, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.LightweightSession(organisation);
            session.LastModifiedBy = actor;
            var stream = await session.Events.FetchForWriting<Incident>(incidentId, ct);
            var events = await facts(session, stream.Aggregate ?? throw new InvalidOperationException($"Incident {incidentId} does not exist in {organisation}."));
            if (events.Count == 0)
            {
                return;
            }

            stream.AppendMany(events);
            try
            {
                await session.SaveChangesAsync(ct);
                return;
            }
            catch (ConcurrencyException) when (attempt < Attempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20 * attempt), ct);
            }
        }
    }
}
