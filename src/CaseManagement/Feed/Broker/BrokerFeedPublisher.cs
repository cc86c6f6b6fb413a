using CaseManagement.Feed.Delivering;
using CaseManagement.Readiness.Exercises;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Wolverine;
using Wolverine.Marten.Subscriptions;

namespace CaseManagement.Feed.Broker;

/// <summary>
/// Publishes the recorded events of the organisations that opted in (<see cref="FeedBrokerOptions.Organisations"/>) to the
/// broker, as the webhooks' CloudEvents, in global sequence order. The messages go to Wolverine's durable outbox in the same
/// transaction as the subscription's progress, so a crash or a broker outage neither loses nor skips one: the outbox sends
/// them once the broker is back. Exercises are never published (they reach only webhooks that ask for them, ADR 24).
/// </summary>
public sealed class BrokerFeedPublisher(IReadOnlySet<string> organisations) : BatchSubscription("IntegratorFeedBroker")
{
    public override async Task ProcessEventsAsync(EventRange page, ISubscriptionController controller, IDocumentOperations operations, IMessageBus bus,
        CancellationToken cancellationToken)
    {
        foreach (var e in page.Events)
        {
            if (FeedDispatch.IsExercise(e) || ExerciseTenants.OrganisationOf(e.TenantId) is not { } organisation || !organisations.Contains(organisation))
            {
                continue;
            }

            var cloudEvent = CloudEvent.Of(e, organisation);
            await bus.BroadcastToTopicAsync(RoutingKey(organisation, cloudEvent.Type), cloudEvent, new DeliveryOptions { TenantId = organisation });
        }
    }

    /// <summary>"&lt;organisation&gt;.&lt;feed type&gt;": a consumer binds "acme.#" for one organisation, "*.com.casemanagement.incident.contained.v1" for one type.</summary>
    public static string RoutingKey(string organisation, string type) => $"{organisation.Replace('.', '_')}.{type}";
}
