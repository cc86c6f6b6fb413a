using CaseManagement.Infrastructure;
using Marten;
using Npgsql;

namespace CaseManagement.Audit.Chain;

/// <summary>A checkpoint that cannot be trusted, and why.</summary>
public sealed record CheckpointProblem(Guid Id, DateTimeOffset At, string Problem);

/// <summary>Every chain of one organisation recomputed, and every checkpoint's signature checked.</summary>
/// <param name="EventsPending">Events appended after the chain's position: not linked yet, so not checked.</param>
/// <param name="CheckpointAt">The newest checkpoint whose signature holds; stream heads were compared with it.</param>
public sealed record OrganisationVerification(
    IReadOnlyList<ChainVerification> Streams,
    long EventsPending,
    int CheckpointsChecked,
    IReadOnlyList<CheckpointProblem> CheckpointProblems,
    DateTimeOffset? CheckpointAt)
{
    public bool Intact => CheckpointProblems.Count == 0 && Streams.All(s => s.Intact);
}

/// <summary>
/// The I/O edge of verification: reads the stored rows, links, heads and checkpoints of the session's organisation,
/// and leaves the judgement to <see cref="ChainComparison"/> and <see cref="ChainCheckpointSigner"/>.
/// </summary>
public sealed class ChainVerifier(ChainCheckpointing checkpoints)
{
    /// <summary>One stream, or null when the organisation has no event, link or head of it.</summary>
    public async Task<ChainVerification?> VerifyStreamAsync(IQuerySession session, Guid streamId, CancellationToken ct) =>
        (await VerifyStreamWithRecordsAsync(session, streamId, ct)).Verification;

    /// <summary>
    /// One stream's verification and the records it was computed from (each link with the stored bytes it covers), read
    /// once, so an exported report carries exactly what the check saw.
    /// </summary>
    public async Task<(ChainVerification? Verification, IReadOnlyList<ChainRecord> Records)> VerifyStreamWithRecordsAsync(IQuerySession session,
        Guid streamId, CancellationToken ct)
    {
        var position = await ChainPositionAsync(session, ct);
        var newest = await checkpoints.NewestValidAsync(session, ct);
        var (events, links, head) = await ReadStreamAsync(session, streamId, ct);
        var signed = SignedHead(newest, streamId);
        var verification = events.Count == 0 && links.Count == 0 && head is null && signed is null
            ? null
            : ChainComparison.Verify(streamId, events, links, head, position, signed);
        return (verification, ChainRecord.Pair(links, events));
    }

    public async Task<OrganisationVerification> VerifyOrganisationAsync(IQuerySession session, CancellationToken ct)
    {
        // The position first: links up to it were committed with it, so nothing the chain has passed looks unlinked.
        var position = await ChainPositionAsync(session, ct);
        var all = (await ChainCheckpointing.Newest(session).ToListAsync(ct)).Select(c => (Checkpoint: c, Problem: checkpoints.Signer.Problem(c))).ToList();
        var problems = all.Where(c => c.Problem is not null).Select(c => new CheckpointProblem(c.Checkpoint.Id, c.Checkpoint.At, c.Problem!)).ToList();
        var newest = all.FirstOrDefault(c => c.Problem is null).Checkpoint;

        var streamIds = (await StoredEvents.StreamIdsAsync(session, ct))
            .Concat(await session.Query<ChainHead>().Select(h => h.Id).ToListAsync(ct))
            .Concat(newest?.Heads.Select(h => h.StreamId) ?? [])
            .Distinct()
            .OrderBy(id => id.ToString("D"), StringComparer.Ordinal);
        var streams = new List<ChainVerification>();
        foreach (var streamId in streamIds)
        {
            var (events, links, head) = await ReadStreamAsync(session, streamId, ct);
            streams.Add(ChainComparison.Verify(streamId, events, links, head, position, SignedHead(newest, streamId)));
        }

        var pending = await StoredEvents.CountAfterAsync(session, position, ct);
        return new OrganisationVerification(streams, pending, all.Count, problems, newest?.At);
    }

    private static StreamCheckpoint? SignedHead(ChainCheckpoint? checkpoint, Guid streamId) =>
        checkpoint?.Heads.Find(h => h.StreamId == streamId) is { } head ? new StreamCheckpoint(head, checkpoint.At) : null;

    private static async Task<(IReadOnlyList<StoredEvent> Events, IReadOnlyList<ChainLink> Links, ChainHead? Head)> ReadStreamAsync(
        IQuerySession session, Guid streamId, CancellationToken ct)
    {
        var links = await session.Query<ChainLink>().Where(l => l.StreamId == streamId).ToListAsync(ct);
        var head = await session.LoadAsync<ChainHead>(streamId, ct);
        var events = await StoredEvents.OfStreamAsync(session, streamId, ct);
        return (events, links, head);
    }

    /// <summary>The last sequence number the chain subscription has processed (0 before its first page).</summary>
    private static async Task<long> ChainPositionAsync(IQuerySession session, CancellationToken ct) =>
        (await StoredEvents.QueryAsync(session,
            $"select last_seq_id from {EventStoreConfiguration.Schema}.mt_event_progression where name = @name",
            r => r.GetInt64(0), ct, new NpgsqlParameter("name", HashChainSubscription.ProgressName))).FirstOrDefault();
}
