using System.Runtime.CompilerServices;
using Marten;
using SessionOptions = Marten.Services.SessionOptions;
using Npgsql;

namespace CaseManagement.Audit.Chain;

/// <summary>
/// Links every appended event into its stream's hash chain in the transaction that appends it (ADR 21,
/// docs/hash-chain.md): Marten runs the linker after the unit of work's statements and before its COMMIT, so a stored
/// event is never without its link, not even for an instant, and a rewrite right after the append is caught.
/// </summary>
/// <remarks>
/// Marten assigns versions, sequence numbers and stores the rows inside the append, so the hash is computed from the
/// rows as the transaction now holds them. Appends to one stream are serialised by its unique version, so the link
/// before and the head read here are the committed ones. A failed transaction rolls its links back with its events.
/// </remarks>
public sealed class ChainLinker(ILogger<ChainLinker> logger) : DocumentSessionListenerBase
{
    // One participant per session, however often it saves; it links the streams of the unit of work being saved.
    private readonly ConditionalWeakTable<IDocumentSession, Participant> _participants = new();

    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        var streams = session.PendingChanges.Streams().Select(s => (Tenant: s.TenantId ?? session.TenantId, StreamId: s.Id)).Distinct().ToList();
        if (streams.Count == 0)
        {
            return Task.CompletedTask;
        }

        if (session is not ITransactionParticipantRegistrar registrar)
        {
            throw new InvalidOperationException($"A {session.GetType().Name} cannot link events in the transaction that appends them; the hash chain needs Marten's document sessions.");
        }

        _participants.GetValue(session, s =>
        {
            var participant = new Participant(s.DocumentStore, logger);
            registrar.AddTransactionParticipant(participant);
            return participant;
        }).Streams = streams;
        return Task.CompletedTask;
    }

    /// <summary>
    /// Links the events of <paramref name="streams"/> that the chain has not linked yet, in the session's transaction:
    /// each stream's new events onto its head. A recorded link with another hash is never replaced: linking stops there
    /// for that stream and the error is logged, and the verifier shows the break.
    /// </summary>
    public static async Task LinkAsync(IDocumentSession session, IReadOnlyCollection<Guid> streams, ILogger logger, CancellationToken ct)
    {
        var heads = (await session.LoadManyAsync<ChainHead>(ct, streams)).ToDictionary(h => h.Id);
        var unlinked = await StoredEvents.AfterAsync(session, streams.ToDictionary(s => s, s => heads.GetValueOrDefault(s)?.Version ?? 0), ct);
        var byStream = unlinked.GroupBy(e => e.StreamId).ToList();
        // Each stream's links at the new versions (a replayed transaction finds its own) and at the version before the first.
        var wanted = byStream.SelectMany(s => s.Select(e => e.Version).Append(s.First().Version - 1).Where(v => v > 0).Select(v => ChainLinking.LinkId(s.Key, v)));
        var recorded = (await session.LoadManyAsync<ChainLink>(ct, wanted.Distinct())).ToDictionary(l => l.Id);

        foreach (var stream in byStream)
        {
            var head = heads.GetValueOrDefault(stream.Key);
            var first = stream.First().Version;
            var before = recorded.GetValueOrDefault(ChainLinking.LinkId(stream.Key, first - 1));
            var result = ChainLinking.Link([.. stream], ChainLinking.PreviousHashFor(first, before, head), recorded);
            if (result.Conflict is { } conflict)
            {
                logger.LogError(
                    "Hash chain: event {Sequence} ({Organisation}, stream {StreamId}, version {Version}) now hashes to {Computed}, but its link recorded {Recorded}. " +
                    "The stored event or its predecessor was changed; the link is kept and nothing after it is linked.",
                    conflict.Event.Sequence, session.TenantId, stream.Key, conflict.Event.Version, conflict.Computed, conflict.Recorded.Hash);
            }

            if (result.NewLinks.Count > 0)
            {
                session.Store(result.NewLinks.ToArray());
            }

            if (result.Head is { } newest && (head is null || newest.Version > head.Version))
            {
                head ??= new ChainHead { Id = stream.Key };
                (head.Version, head.Sequence, head.Hash, head.Timestamp) = (newest.Version, newest.Sequence, newest.Hash, newest.Timestamp);
                session.Store(head);
            }
        }
    }

    /// <summary>Runs inside Marten's write transaction; Marten may run it again on a fresh transaction when the commit is retried.</summary>
    private sealed class Participant(IDocumentStore store, ILogger logger) : ITransactionParticipant
    {
        public IReadOnlyList<(string Tenant, Guid StreamId)> Streams { get; set; } = [];

        public async Task BeforeCommitAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken token)
        {
            foreach (var organisation in Streams.GroupBy(s => s.Tenant))
            {
                var options = SessionOptions.ForTransaction(transaction);
                options.TenantId = organisation.Key;
                await using var session = store.LightweightSession(options);
                await LinkAsync(session, [.. organisation.Select(s => s.StreamId)], logger, token);
                await session.SaveChangesAsync(token);
            }
        }
    }
}
