using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace CaseManagement.Incidents.Reviewing;

/// <summary>
/// The incident exactly as Marten's live aggregation folds its stream up to <see cref="Version"/>, kept so that time travel
/// starts from here instead of the detection (ADR 31). Written by <see cref="IncidentCheckpointProjection"/>, read by
/// <see cref="IncidentTimeTravel"/>; a shortcut only: without checkpoints every answer is the same, just slower.
/// </summary>
public sealed class IncidentCheckpoint
{
    /// <summary>"{incident id}/{version}": one checkpoint per version, so writing one twice stores the same document.</summary>
    public string Id { get; set; } = "";
    public Guid IncidentId { get; set; }
    public long Version { get; set; }

    /// <summary>The latest recording time among events 1..Version (not just event Version's): an instant at or after it holds all of them.</summary>
    public DateTimeOffset RecordedUpTo { get; set; }

    public Incident State { get; set; } = null!;

    public static string IdFor(Guid incidentId, long version) => $"{incidentId}/{version}";
}

/// <summary>
/// Every <see cref="Every"/> versions of an incident's stream, the incident as of that version (async: a checkpoint that is
/// not written yet only makes a read fold more events). Each is folded from the previous checkpoint with the same
/// <c>AggregateStreamAsync</c> the readers use, so a checkpoint is what a full fold gives at its version.
/// </summary>
public sealed partial class IncidentCheckpointProjection : EventProjection
{
    /// <summary>At most this many events are folded by an as-of read; a checkpoint costs one row per this many events.</summary>
    public const long Every = 1_000;

    public IncidentCheckpointProjection() => FilterIncomingEventsOnStreamType(typeof(Incident));

    public override async ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        if (e.Version % Every != 0)
        {
            return;
        }

        var tenant = operations.ForTenant(e.TenantId);
        var previous = await tenant.Query<IncidentCheckpoint>()
            .Where(c => c.IncidentId == e.StreamId && c.Version < e.Version)
            .OrderByDescending(c => c.Version)
            .FirstOrDefaultAsync(cancellation);
        var from = previous?.Version ?? 0;
        var state = await tenant.Events.AggregateStreamAsync(e.StreamId, version: e.Version, state: previous?.State, fromVersion: from + 1, token: cancellation);
        if (state is null || state.Version != e.Version)
        {
            return;
        }

        var latest = await tenant.Events.QueryAllRawEvents()
            .Where(x => x.StreamId == e.StreamId && x.Version > from && x.Version <= e.Version)
            .MaxAsync(x => x.Timestamp, cancellation);
        tenant.Store(new IncidentCheckpoint
        {
            Id = IncidentCheckpoint.IdFor(e.StreamId, e.Version),
            IncidentId = e.StreamId,
            Version = e.Version,
            RecordedUpTo = previous is { RecordedUpTo: var before } && before > latest ? before : latest,
            State = state,
        });
    }
}

/// <summary>
/// The incident as it was at a version or an instant: Marten's live aggregation of its stream, started from the newest
/// checkpoint at or before the point (every event the checkpoint folded is within the point), so at most
/// <see cref="IncidentCheckpointProjection.Every"/> events are read whatever the stream's length.
/// </summary>
public static class IncidentTimeTravel
{
    /// <summary>The incident after its events up to <paramref name="version"/>; null when the stream has no such version.</summary>
    public static async Task<Incident?> AtVersionAsync(IQuerySession session, Guid id, long version, CancellationToken ct)
    {
        var checkpoint = await session.Query<IncidentCheckpoint>()
            .Where(c => c.IncidentId == id && c.Version <= version)
            .OrderByDescending(c => c.Version)
            .FirstOrDefaultAsync(ct);
        var incident = await session.Events.AggregateStreamAsync(id, version: version, state: checkpoint?.State, fromVersion: (checkpoint?.Version ?? 0) + 1, token: ct);
        return incident?.Version == version ? incident : null;
    }

    /// <summary>The incident after every event recorded at or before <paramref name="instant"/>; null when none was.</summary>
    public static async Task<Incident?> AtInstantAsync(IQuerySession session, Guid id, DateTimeOffset instant, CancellationToken ct)
    {
        var checkpoint = await session.Query<IncidentCheckpoint>()
            .Where(c => c.IncidentId == id && c.RecordedUpTo <= instant)
            .OrderByDescending(c => c.Version)
            .FirstOrDefaultAsync(ct);
        return await session.Events.AggregateStreamAsync(id, timestamp: instant, state: checkpoint?.State, fromVersion: (checkpoint?.Version ?? 0) + 1, token: ct);
    }
}
