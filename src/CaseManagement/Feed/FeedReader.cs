using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events;

namespace CaseManagement.Feed;

/// <summary>
/// Reads an organisation's events in global sequence order, never past the daemon's high-water mark: below it every
/// sequence number is either committed or known to be a gap, so a cursor that moves past an event can never leave an
/// earlier one behind that commits later. The session's organisation is the only one read (conjoined tenancy).
/// </summary>
public static class FeedReader
{
    /// <summary>The highest sequence up to which the store is complete.</summary>
    public static Task<long> CeilingAsync(IDocumentStore store, CancellationToken ct) =>
        store.Advanced.ProjectionProgressFor(ShardName.HighWaterMarkFor(null), null, ct);

    /// <summary>
    /// Up to <paramref name="limit"/> events after <paramref name="after"/> and at or below <paramref name="ceiling"/>. Exercises
    /// are left out (their incidents live in tenants of their own, their own streams carry the exercise kind, ADR 24) unless
    /// <paramref name="includeExercises"/>: then the organisation's exercise tenants are read beside its own.
    /// </summary>
    public static async Task<IReadOnlyList<IEvent>> ReadAsync(IQuerySession session, long after, long ceiling, IReadOnlyCollection<string>? types, int limit,
        CancellationToken ct, bool includeExercises = false)
    {
        var query = session.Events.QueryAllRawEvents().Where(e => e.Sequence > after && e.Sequence <= ceiling);
        if (includeExercises)
        {
            string[] tenants = [session.TenantId, .. await session.Query<Readiness.Exercises.Exercise>().Select(x => x.Tenant).ToListAsync(ct)];
            query = query.Where(e => e.TenantIsOneOf(tenants));
        }
        else
        {
            var exerciseEvents = FeedCatalogue.ExerciseOnly.Select(t => t.EventName).ToArray();
            query = query.Where(e => !e.EventTypeName.IsOneOf(exerciseEvents));
        }

        if (types is not null)
        {
            var records = types.Select(t => FeedCatalogue.Find(t)?.Record).OfType<Type>().ToArray();
            query = query.Where(e => e.EventTypesAre(records));
        }

        return await query.OrderBy(e => e.Sequence).Take(limit).ToListAsync(ct);
    }

    /// <summary>The position just before the organisation's first event recorded at or after <paramref name="at"/>; the ceiling if none is.</summary>
    public static async Task<long> PositionBeforeAsync(IQuerySession session, DateTimeOffset at, long ceiling, CancellationToken ct)
    {
        var first = await session.Events.QueryAllRawEvents().Where(e => e.Timestamp >= at && e.Sequence <= ceiling)
            .OrderBy(e => e.Sequence).Take(1).ToListAsync(ct);
        return first.Count == 0 ? ceiling : first[0].Sequence - 1;
    }
}
