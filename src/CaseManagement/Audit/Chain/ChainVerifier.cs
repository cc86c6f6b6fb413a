using CaseManagement.Infrastructure;
using Marten;
using System.Data;
using SessionOptions = Marten.Services.SessionOptions;
using Npgsql;

namespace CaseManagement.Audit.Chain;

/// <summary>A checkpoint that cannot be trusted, and why.</summary>
public sealed record CheckpointProblem(Guid Id, DateTimeOffset At, string Problem);

/// <summary>Every chain of one organisation recomputed, and every checkpoint's signature checked.</summary>
/// <param name="CheckpointAt">The newest checkpoint whose signature holds; stream heads were compared with it.</param>
public sealed record OrganisationVerification(
    IReadOnlyList<ChainVerification> Streams,
    int CheckpointsChecked,
    IReadOnlyList<CheckpointProblem> CheckpointProblems,
    DateTimeOffset? CheckpointAt)
{
    public bool Intact => CheckpointProblems.Count == 0 && Streams.All(s => s.Intact);
}

/// <summary>
/// The I/O edge of verification: reads the stored rows, links, heads and checkpoints of the session's organisation,
/// and leaves the judgement to <see cref="ChainComparison"/> and <see cref="ChainCheckpointSigner"/>. Each check reads
/// from one snapshot of the database: events and their links commit together (ADR 21), so a check never sees an event
/// without the link appended with it, nor a link or checkpoint of an event it does not see.
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
        await using var snapshot = await ChainSnapshot.OpenAsync(session, ct);
        var newest = await checkpoints.NewestValidAsync(snapshot.Session, ct);
        var (events, links, head) = await ReadStreamAsync(snapshot.Session, streamId, ct);
        var signed = SignedHead(newest, streamId);
        var verification = events.Count == 0 && links.Count == 0 && head is null && signed is null
            ? null
            : ChainComparison.Verify(streamId, events, links, head, signed);
        return (verification, ChainRecord.Pair(links, events));
    }

    public async Task<OrganisationVerification> VerifyOrganisationAsync(IQuerySession session, CancellationToken ct)
    {
        await using var snapshot = await ChainSnapshot.OpenAsync(session, ct);
        var all = (await ChainCheckpointing.Newest(snapshot.Session).ToListAsync(ct)).Select(c => (Checkpoint: c, Problem: checkpoints.Signer.Problem(c))).ToList();
        var problems = all.Where(c => c.Problem is not null).Select(c => new CheckpointProblem(c.Checkpoint.Id, c.Checkpoint.At, c.Problem!)).ToList();
        var newest = all.FirstOrDefault(c => c.Problem is null).Checkpoint;

        var streamIds = (await StoredEvents.StreamIdsAsync(snapshot.Session, ct))
            .Concat(await snapshot.Session.Query<ChainHead>().Select(h => h.Id).ToListAsync(ct))
            .Concat(newest?.Heads.Select(h => h.StreamId) ?? [])
            .Distinct()
            .OrderBy(id => id.ToString("D"), StringComparer.Ordinal);
        var signedHeads = newest?.Heads.ToDictionary(h => h.StreamId) ?? [];
        var streams = new List<ChainVerification>();
        // A few hundred streams per round trip: one stream at a time cost three round trips each (0.6 ms a stream over
        // loopback), which dominated an organisation of many short histories; a chunk bounds the memory a check holds.
        foreach (var chunk in streamIds.Chunk(StreamsPerRead))
        {
            var events = (await StoredEvents.OfStreamsAsync(snapshot.Session, chunk, ct)).ToLookup(e => e.StreamId);
            var links = (await snapshot.Session.Query<ChainLink>().Where(l => l.StreamId.IsOneOf(chunk)).ToListAsync(ct)).ToLookup(l => l.StreamId);
            var heads = (await snapshot.Session.LoadManyAsync<ChainHead>(ct, chunk)).ToDictionary(h => h.Id);
            streams.AddRange(chunk.Select(id => ChainComparison.Verify(id, [.. events[id]], [.. links[id]], heads.GetValueOrDefault(id),
                signedHeads.TryGetValue(id, out var head) ? new StreamCheckpoint(head, newest!.At) : null)));
        }

        return new OrganisationVerification(streams, all.Count, problems, newest?.At);
    }

    private const int StreamsPerRead = 500;

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
}

/// <summary>A read-only session of one organisation inside a repeatable-read transaction: every query sees the same committed state.</summary>
internal sealed class ChainSnapshot : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;

    private ChainSnapshot(NpgsqlConnection connection, NpgsqlTransaction transaction, IQuerySession session) =>
        (_connection, _transaction, Session) = (connection, transaction, session);

    public IQuerySession Session { get; }

    public static async Task<ChainSnapshot> OpenAsync(IQuerySession session, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)session.Database.CreateConnection();
        await connection.OpenAsync(ct);
        var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        var options = SessionOptions.ForTransaction(transaction);
        options.TenantId = session.TenantId;
        return new ChainSnapshot(connection, transaction, session.DocumentStore.QuerySession(options));
    }

    public async ValueTask DisposeAsync()
    {
        await Session.DisposeAsync();
        await _transaction.RollbackAsync();
        await _connection.DisposeAsync();
    }
}
