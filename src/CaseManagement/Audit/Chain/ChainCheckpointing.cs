using CaseManagement.Infrastructure;
using Marten;

namespace CaseManagement.Audit.Chain;

/// <summary>What the next checkpoint signs (pure).</summary>
public static class CheckpointHeads
{
    /// <summary>
    /// Every stream's current head, except where it contradicts the previous checkpoint: a head that is gone, went back,
    /// or moved on from a version whose link no longer carries the signed hash. There the previous checkpoint's head is
    /// signed again, so a checkpoint never launders a truncation or a rewrite; each contradiction is reported.
    /// </summary>
    /// <param name="linkHashAtSigned">For streams that moved on: the hash their link now holds at the previously signed version.</param>
    public static (IReadOnlyList<CheckpointHead> Heads, IReadOnlyList<string> Contradictions) Next(
        IReadOnlyList<CheckpointHead> signed, IReadOnlyList<ChainHead> current, IReadOnlyDictionary<Guid, string> linkHashAtSigned)
    {
        var now = current.ToDictionary(h => h.Id);
        var heads = new List<CheckpointHead>();
        var contradictions = new List<string>();
        foreach (var before in signed)
        {
            var problem = now.Remove(before.StreamId, out var head) switch
            {
                false => "its head is gone",
                true when head!.Version < before.Version => $"its head went back to version {head.Version}",
                true when head!.Version == before.Version && head.Hash != before.Hash => $"its head at version {head.Version} has another hash",
                true when head!.Version > before.Version && linkHashAtSigned.GetValueOrDefault(before.StreamId) != before.Hash =>
                    $"its link at version {before.Version} no longer carries the signed hash",
                _ => null,
            };
            if (problem is null)
            {
                heads.Add(new CheckpointHead(head!.Id, head.Version, head.Hash));
            }
            else
            {
                heads.Add(before);
                contradictions.Add($"Stream {before.StreamId} was signed at version {before.Version}, but {problem}; the signed head is kept.");
            }
        }

        heads.AddRange(now.Values.Select(h => new CheckpointHead(h.Id, h.Version, h.Hash)));
        return ([.. heads.OrderBy(h => h.StreamId.ToString("D"), StringComparer.Ordinal)], contradictions);
    }
}

/// <summary>Records, finds and lists signed checkpoints (the I/O around <see cref="CheckpointHeads"/> and <see cref="ChainCheckpointSigner"/>).</summary>
public sealed class ChainCheckpointing(IDocumentStore store, ChainCheckpointSigner signer, TimeProvider clock, ILogger<ChainCheckpointing> logger)
{
    /// <summary>The actor recorded on checkpoints the schedule takes.</summary>
    public const string ScheduleActor = "system:chain-checkpoint";

    public ChainCheckpointSigner Signer => signer;

    /// <summary>
    /// Signs the organisation's stream heads now. Null when there is nothing to sign, or, with
    /// <paramref name="onlyWhenChanged"/>, when nothing moved since the newest valid checkpoint.
    /// </summary>
    public async Task<ChainCheckpoint?> RecordAsync(IDocumentSession session, string recordedBy, bool onlyWhenChanged, CancellationToken ct)
    {
        var previous = await NewestValidAsync(session, ct);
        var signed = previous?.Heads ?? [];
        var current = await session.Query<ChainHead>().ToListAsync(ct);
        var signedVersion = signed.ToDictionary(h => h.StreamId, h => h.Version);
        var movedOn = current.Where(h => signedVersion.TryGetValue(h.Id, out var v) && h.Version > v).Select(h => ChainLinking.LinkId(h.Id, signedVersion[h.Id]));
        var linkHashes = (await session.LoadManyAsync<ChainLink>(ct, movedOn)).ToDictionary(l => l.StreamId, l => l.Hash);

        var (heads, contradictions) = CheckpointHeads.Next(signed, current, linkHashes);
        foreach (var contradiction in contradictions)
        {
            logger.LogError("Hash chain checkpoint for {Organisation}: {Contradiction}", session.TenantId, contradiction);
        }

        if (heads.Count == 0 || (onlyWhenChanged && heads.SequenceEqual(signed)))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var checkpoint = signer.Sign(Guid.CreateVersion7(now), session.TenantId, now, recordedBy, heads);
        session.Insert(checkpoint);
        await session.SaveChangesAsync(ct);
        return checkpoint;
    }

    /// <summary>The schedule's run: a checkpoint for every organisation whose chains moved since its newest valid one.</summary>
    public async Task RecordScheduledAsync(CancellationToken ct)
    {
        foreach (var organisation in await OrganisationsAsync(ct))
        {
            await using var session = store.LightweightSession(organisation);
            // Every node sends the tick: the first to take the organisation's lock signs, and a node that comes later finds
            // that checkpoint and nothing moved since, so the cluster records one checkpoint per tick.
            await session.BeginTransactionAsync(ct);
            var locked = await session.QueryAsync<bool>("select pg_try_advisory_xact_lock(hashtextextended(?, 0))", ct,
                $"{HashChainModule.CheckpointQueue}:{organisation}");
            if (locked[0])
            {
                await RecordAsync(session, ScheduleActor, onlyWhenChanged: true, ct);
            }
        }
    }

    /// <summary>The newest checkpoint whose heads, root and signature hold; forged or altered ones are passed over.</summary>
    public async Task<ChainCheckpoint?> NewestValidAsync(IQuerySession session, CancellationToken ct)
    {
        const int page = 20;
        for (var skip = 0; ; skip += page)
        {
            var batch = await Newest(session).Skip(skip).Take(page).ToListAsync(ct);
            if (batch.FirstOrDefault(c => signer.Problem(c) is null) is { } valid)
            {
                return valid;
            }

            if (batch.Count < page)
            {
                return null;
            }
        }
    }

    public static IQueryable<ChainCheckpoint> Newest(IQuerySession session) => session.Query<ChainCheckpoint>().OrderByDescending(c => c.At);

    /// <summary>Every organisation with streams, chain heads or checkpoints.</summary>
    public async Task<IReadOnlyList<string>> OrganisationsAsync(CancellationToken ct)
    {
        var database = store.Storage.Database;
        await database.EnsureStorageExistsAsync(typeof(ChainHead), ct);
        await database.EnsureStorageExistsAsync(typeof(ChainCheckpoint), ct);
        await using var session = store.QuerySession();
        return await StoredEvents.QueryAsync(session,
            $"select tenant_id from {EventStoreConfiguration.Schema}.mt_streams union select tenant_id from {store.Options.Schema.For<ChainHead>(true)} " +
            $"union select tenant_id from {store.Options.Schema.For<ChainCheckpoint>(true)} order by 1",
            r => r.GetString(0), ct);
    }
}
