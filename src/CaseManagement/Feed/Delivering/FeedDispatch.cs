using CaseManagement.Feed.Subscribing;
using CaseManagement.Readiness.Exercises;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Wolverine;
using Wolverine.Marten.Subscriptions;

namespace CaseManagement.Feed.Delivering;

/// <summary>
/// Wakes the subscriptions of the organisations that recorded events: one <see cref="DeliverFeed"/> per active subscription
/// and page of events (however many events of its types the page holds), in the same transaction as the subscription's
/// progress. The wake-up carries no events: delivery reads them after the subscription's own cursor. An exercise's events
/// wake only the subscriptions of its organisation that asked for exercises (ADR 24).
/// </summary>
public sealed class FeedDispatch : BatchSubscription
{
    public FeedDispatch() : base("IntegratorFeed")
    {
    }

    public override async Task ProcessEventsAsync(EventRange page, ISubscriptionController controller, IDocumentOperations operations, IMessageBus bus,
        CancellationToken cancellationToken)
    {
        var recorded = page.Events.Select(e => (Organisation: ExerciseTenants.OrganisationOf(e.TenantId), Exercise: IsExercise(e), Type: FeedCatalogue.Of(e).Type))
            .ToList();
        if (recorded.Count == 0)
        {
            return;
        }

        var organisations = recorded.Select(r => r.Organisation).Distinct().ToArray();
        var active = await operations.Query<FeedSubscription>()
            .Where(s => s.TenantIsOneOf(organisations) && s.Status == FeedSubscriptionStatus.Active)
            .ToListAsync(cancellationToken);
        foreach (var subscription in active.Where(s => recorded.Any(r => r.Organisation == s.Organisation && (!r.Exercise || s.IncludeExercises) && s.Wants(r.Type))))
        {
            await bus.PublishAsync(new DeliverFeed(subscription.Id), new DeliveryOptions { TenantId = subscription.Organisation });
        }
    }

    internal static bool IsExercise(JasperFx.Events.IEvent e) =>
        ExerciseTenants.IsExercise(e.TenantId) || FeedCatalogue.ExerciseOnly.Contains(FeedCatalogue.Of(e));
}
