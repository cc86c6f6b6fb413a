using CaseManagement.Paging.Pages;
using JasperFx.Events;
using Marten;

namespace CaseManagement.Paging.Delivering;

/// <summary>Send a page to the person of <paramref name="Step"/> and start their time to acknowledge.</summary>
public sealed record DeliverPage(Guid PageId, int Step);

/// <summary>The time the person of <paramref name="Step"/> had is up: escalate unless someone acknowledged.</summary>
public sealed record CheckPageAcknowledged(Guid PageId, int Step);

public static class DeliverPageHandler
{
    public static async Task Handle(DeliverPage message, [WriteAggregate] IEventStream<Page> stream, PageSender sender, IDocumentSession session,
        IMessageContext bus, DateTimeOffset now, CancellationToken ct)
    {
        // A redelivered message finds its step already sent (or the page acknowledged or moved on) and does nothing.
        if (stream.Aggregate is not { Status: PageStatus.Open } page || page.Step != message.Step || page.Current is not { } person ||
            page.Deliveries.Any(d => d.Step == message.Step))
        {
            return;
        }

        session.LastModifiedBy = Triggers.RaisePageHandler.Actor;
        foreach (var outcome in await sender.SendAsync(session, page, person, bus.TenantId!, now, ct))
        {
            stream.AppendOne(outcome);
        }

        await bus.ScheduleAsync(new CheckPageAcknowledged(page.Id, page.Step), now.AddMinutes(page.AcknowledgeWithinMinutes),
            new DeliveryOptions { TenantId = bus.TenantId });
    }
}

public static class CheckPageAcknowledgedHandler
{
    public static async Task Handle(CheckPageAcknowledged message, [WriteAggregate] IEventStream<Page> stream, IDocumentSession session, IMessageContext bus,
        ILogger<CheckPageAcknowledged> logger)
    {
        if (stream.Aggregate is not { } page)
        {
            return;
        }

        session.LastModifiedBy = Triggers.RaisePageHandler.Actor;
        switch (PageRules.WhenWaitEnds(page, message.Step))
        {
            case AfterWait.Escalate escalate:
                stream.AppendOne(escalate.Event);
                await bus.PublishAsync(new DeliverPage(page.Id, escalate.Event.ToStep), new DeliveryOptions { TenantId = bus.TenantId });
                break;
            case AfterWait.GiveUp giveUp:
                stream.AppendOne(giveUp.Event);
                logger.LogWarning("Page {PageId} ({Subject}): {Why}", page.Id, page.Subject, giveUp.Event.Why);
                break;
            case AfterWait.Nothing nothing:
                logger.LogDebug("Page {PageId} step {Step}: no escalation, {Why}", page.Id, message.Step, nothing.Why);
                break;
        }
    }
}
