using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Wolverine;
using Wolverine.Marten.Subscriptions;

namespace CaseManagement.Notifications.Campaigns.Delivering;

/// <summary>
/// Turns a campaign's start (its second approval) into the durable message that plans it, in the same transaction as
/// the subscription's progress: a started campaign is neither forgotten nor planned twice by a restart.
/// </summary>
public sealed class CampaignDispatch : BatchSubscription
{
    public CampaignDispatch() : base("NotificationCampaigns")
    {
        IncludeType<CampaignStarted>();
    }

    public override async Task ProcessEventsAsync(EventRange page, ISubscriptionController controller, IDocumentOperations operations, IMessageBus bus,
        CancellationToken cancellationToken)
    {
        foreach (var e in page.Events.Where(e => e.Data is CampaignStarted))
        {
            await bus.PublishAsync(new PlanCampaign(((CampaignStarted)e.Data).CampaignId), new DeliveryOptions { TenantId = e.TenantId });
        }
    }
}

public static class CampaignMessaging
{
    public const string PlanningQueue = "campaign-planning";
    public const string DeliveriesQueue = "campaign-deliveries";

    /// <summary>
    /// Planning and completion are short and touch a campaign's stream: one at a time. Batches talk to mail and SMS
    /// providers: several at once on their own durable queue, so a slow provider never holds up planning.
    /// </summary>
    public static void AddNotificationCampaigns(this WolverineOptions opts)
    {
        opts.PublishMessage<PlanCampaign>().ToLocalQueue(PlanningQueue);
        opts.PublishMessage<CompleteCampaign>().ToLocalQueue(PlanningQueue);
        opts.LocalQueue(PlanningQueue).Sequential();
        opts.PublishMessage<SendCampaignBatch>().ToLocalQueue(DeliveriesQueue);
        opts.LocalQueue(DeliveriesQueue).MaximumParallelMessages(4);
    }
}
