using CaseManagement.Infrastructure;
using JasperFx.Events;
using Marten;
using Npgsql;

namespace CaseManagement.Audit.Chain;

/// <summary>
/// A database from before ADR 21 had its events linked by the "HashChain" daemon subscription, a moment after they were
/// appended. On the first start since, this links what that subscription had not reached (events after its position, as
/// it would have) and removes its position, so the verifier can treat every unlinked event as a break from then on.
/// </summary>
public sealed class RetiredChainSubscription(IDocumentStore store, ILogger<ChainLinker> logger) : IHostedService
{
    /// <summary>The retired subscription's progress row in <c>mt_event_progression</c>.</summary>
    public const string ProgressName = "HashChain:All";

    private const int StreamsPerTransaction = 100;

    public async Task StartAsync(CancellationToken ct)
    {
        await using var query = store.QuerySession();
        var progression = $"{EventStoreConfiguration.Schema}.mt_event_progression";
        if ((await StoredEvents.QueryAsync(query, $"select to_regclass('{progression}') is not null", r => r.GetBoolean(0), ct))[0] is false
            || (await StoredEvents.QueryAsync(query, $"select last_seq_id from {progression} where name = @name", r => r.GetInt64(0), ct,
                new NpgsqlParameter("name", ProgressName))) is not [var position])
        {
            return;
        }

        await store.Storage.Database.EnsureStorageExistsAsync(typeof(ChainLink), ct);
        await store.Storage.Database.EnsureStorageExistsAsync(typeof(ChainHead), ct);
        var behind = await StoredEvents.QueryAsync(query,
            $"select s.tenant_id, s.id from {EventStoreConfiguration.Schema}.mt_streams s " +
            $"left join {store.Options.Schema.For<ChainHead>(true)} h on h.tenant_id = s.tenant_id and h.id = s.id " +
            "where s.version > coalesce((h.data->>'version')::bigint, 0) " +
            // Marten's tombstone streams are nobody's history (StoredEvents.StreamIdsAsync says why their id cannot tell them).
            $"and exists (select 1 from {EventStoreConfiguration.Schema}.mt_events t where t.tenant_id = s.tenant_id and t.stream_id = s.id and t.type <> @tombstone) " +
            "and not exists (" +
            $"select 1 from {EventStoreConfiguration.Schema}.mt_events e where e.tenant_id = s.tenant_id and e.stream_id = s.id " +
            "and e.version > coalesce((h.data->>'version')::bigint, 0) and e.seq_id <= @position)",
            r => (Tenant: r.GetString(0), Stream: r.GetGuid(1)), ct, new NpgsqlParameter("tombstone", Tombstone.Name),
            new NpgsqlParameter("position", position));
        foreach (var chunk in behind.GroupBy(s => s.Tenant).SelectMany(t => t.Chunk(StreamsPerTransaction)))
        {
            await using var session = store.LightweightSession(chunk[0].Tenant);
            await ChainLinker.LinkAsync(session, [.. chunk.Select(s => s.Stream)], logger, ct);
            await session.SaveChangesAsync(ct);
        }

        await using var done = store.LightweightSession();
        done.QueueSqlCommand($"delete from {progression} where name = ?", ProgressName);
        await done.SaveChangesAsync(ct);
        logger.LogInformation("Hash chain: linked {Streams} streams the retired subscription had not reached (position {Position}); events are now linked as they are appended",
            behind.Count, position);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
