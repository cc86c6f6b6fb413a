using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Wolverine;
using Wolverine.Marten.Subscriptions;

namespace CaseManagement.Audit.Chain;

/// <summary>
/// Links every event, in sequence order, into its stream's hash chain shortly after it is appended (docs/hash-chain.md).
/// The links and heads are stored in the same transaction as the subscription's progress, so a restart neither skips
/// nor doubles a page; a rewound subscription recomputes the same links and keeps them.
/// </summary>
public sealed class HashChainSubscription : BatchSubscription
{
    public const string Name = "HashChain";

    /// <summary>The daemon's progress row for this subscription in <c>mt_event_progression</c>.</summary>
    public const string ProgressName = Name + ":All";

    private readonly ILogger<HashChainSubscription> _logger;

    public HashChainSubscription(ILogger<HashChainSubscription> logger) : base(Name)
    {
        _logger = logger;
        // Archiving a stream must not leave holes in its chain.
        IncludeArchivedEvents = true;
    }

    public override async Task ProcessEventsAsync(EventRange page, ISubscriptionController controller, IDocumentOperations operations, IMessageBus bus,
        CancellationToken cancellationToken)
    {
        // The page's rows as stored, not its deserialised events: the hash is over the database's bytes.
        var events = await StoredEvents.InRangeAsync(operations, page.SequenceFloor, page.SequenceCeiling, cancellationToken);
        // Conjoined tenancy always writes tenant_id; a row someone blanked is linked under no organisation's name.
        foreach (var organisation in events.GroupBy(e => e.Tenant ?? ""))
        {
            var tenant = operations.ForTenant(organisation.Key);
            var streams = organisation.GroupBy(e => e.StreamId).ToList();
            var heads = (await tenant.LoadManyAsync<ChainHead>(cancellationToken, streams.Select(s => s.Key)))
                .ToDictionary(h => h.Id);
            // Each stream's links at the page's versions and at the version before its first.
            var wanted = streams.SelectMany(s => s.Select(e => e.Version).Append(s.Min(e => e.Version) - 1).Where(v => v > 0)
                .Select(v => ChainLinking.LinkId(s.Key, v)));
            var recorded = (await tenant.LoadManyAsync<ChainLink>(cancellationToken, wanted.Distinct())).ToDictionary(l => l.Id);

            foreach (var stream in streams)
            {
                var head = heads.GetValueOrDefault(stream.Key);
                var first = stream.First().Version;
                var before = recorded.GetValueOrDefault(ChainLinking.LinkId(stream.Key, first - 1));
                var result = ChainLinking.Link([.. stream], ChainLinking.PreviousHashFor(first, before, head), recorded);
                if (result.Conflict is { } conflict)
                {
                    _logger.LogError(
                        "Hash chain: event {Sequence} ({Organisation}, stream {StreamId}, version {Version}) now hashes to {Computed}, but its link recorded {Recorded}. " +
                        "The stored event or its predecessor was changed; the link is kept and nothing further is recorded for this stream in this page.",
                        conflict.Event.Sequence, organisation.Key, stream.Key, conflict.Event.Version, conflict.Computed, conflict.Recorded.Hash);
                }

                if (result.NewLinks.Count > 0)
                {
                    tenant.Store(result.NewLinks.ToArray());
                }

                if (result.Head is { } newest && (head is null || newest.Version > head.Version))
                {
                    // The daemon's session may keep an identity map: the loaded head is updated, never stored beside a second copy.
                    head ??= new ChainHead { Id = stream.Key };
                    (head.Version, head.Sequence, head.Hash, head.Timestamp) = (newest.Version, newest.Sequence, newest.Hash, newest.Timestamp);
                    tenant.Store(head);
                }
            }
        }
    }
}
