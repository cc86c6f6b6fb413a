using CaseManagement.Feed.Subscribing;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Wolverine;
using Wolverine.Marten.Subscriptions;

namespace CaseManagement.Feed.Delivering;

/// <summary>
/// Wakes the subscriptions of the organisations that recorded events: one <see cref="DeliverFeed"/> per active subscription
/// and page of events (however many events of its types the page holds), in the same transaction as the subscription's
/// progress. The wake-up carries no events: delivery reads them after the subscription's own cursor.
/// </summary>
public sealed class FeedDispatch : BatchSubscription
{
    public FeedDispatch() : base("IntegratorFeed")
    {
    }

    public override async Task ProcessEventsAsync(EventRange page, ISubscriptionController controller, IDocumentOperations operations, IMessageBus bus,
        CancellationToken cancellationToken)
    {
        var typesByOrganisation = page.Events
            .GroupBy(e => e.TenantId)
            .ToDictionary(g => g.Key, g => g.Select(e => FeedCatalogue.Of(e).Type).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        if (typesByOrganisation.Count == 0)
        {
            return;
        }

        var organisations = typesByOrganisation.Keys.ToArray();
        var active = await operations.Query<FeedSubscription>()
            .Where(s => s.TenantIsOneOf(organisations) && s.Status == FeedSubscriptionStatus.Active)
            .ToListAsync(cancellationToken);
        foreach (var subscription in active.Where(s => typesByOrganisation[s.Organisation].Any(s.Wants)))
        {
            await bus.PublishAsync(new DeliverFeed(subscription.Id), new DeliveryOptions { TenantId = subscription.Organisation });
        }
    }
}
