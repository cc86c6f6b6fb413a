using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Wolverine;
using Wolverine.Marten.Subscriptions;

namespace CaseManagement.Paging.Triggers;

/// <summary>
/// Watches the events that need a person (whoever appended them: correlation, the SLA check, deadline escalation, a responder)
/// and asks for a page, in the tenant the event was recorded in: an exercise's events page the exercise's own roster (ADR 32).
/// The request is stored in the same transaction as the subscription's progress, so a restart neither loses nor repeats one.
/// </summary>
public sealed class PagingSubscription : BatchSubscription
{
    public const string Name = "Paging";

    public PagingSubscription() : base(Name)
    {
        foreach (var type in PageTriggers.EventTypes)
        {
            IncludeType(type);
        }
    }

    public override async Task ProcessEventsAsync(EventRange page, ISubscriptionController controller, IDocumentOperations operations, IMessageBus bus,
        CancellationToken cancellationToken)
    {
        foreach (var e in page.Events)
        {
            if (PageTriggers.For(e) is { } raise)
            {
                await bus.PublishAsync(raise, new DeliveryOptions { TenantId = e.TenantId });
            }
        }
    }
}
