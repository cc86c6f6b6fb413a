using JasperFx;
using Marten;

namespace CaseManagement.Incidents;

/// <summary>
/// Appends what background work found out (a run's outcome, a step's result, a batch's deliveries) to a stream in its own
/// transaction. What is appended is a fact that no longer depends on the stream's state, so a concurrent append by
/// someone else is simply waited out and the fact appended on the fresh stream, instead of redoing the work behind it.
/// </summary>
public static class StreamRecorder
{
    private const int Attempts = 10;

    public static Task AppendAsync<TAggregate>(IDocumentStore store, string organisation, Guid streamId, string actor,
        Func<TAggregate, IReadOnlyList<object>> facts, CancellationToken ct) where TAggregate : class =>
        AppendAsync<TAggregate>(store, organisation, streamId, actor, (_, aggregate) => Task.FromResult(facts(aggregate)), ct);

    /// <param name="facts">May write to the session too (a data key for an encrypted value), which commits with the events.</param>
    public static async Task AppendAsync<TAggregate>(IDocumentStore store, string organisation, Guid streamId, string actor,
        Func<IDocumentSession, TAggregate, Task<IReadOnlyList<object>>> facts, CancellationToken ct) where TAggregate : class
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.LightweightSession(organisation);
            session.LastModifiedBy = actor;
            var stream = await session.Events.FetchForWriting<TAggregate>(streamId, ct);
            var events = await facts(session,
                stream.Aggregate ?? throw new InvalidOperationException($"{typeof(TAggregate).Name} {streamId} does not exist in {organisation}."));
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
