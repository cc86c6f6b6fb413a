using CaseManagement.Feed.Subscribing;
using CaseManagement.Security.Pii;
using Marten;
using Microsoft.Extensions.Options;
using Wolverine;
using Wolverine.Runtime.Handlers;

namespace CaseManagement.Feed.Delivering;

/// <summary>
/// Look at one subscription and deliver what is due. Any number of these may be queued for a subscription: each reads the
/// cursor afresh, so extra ones find nothing to do. <paramref name="Retry"/> is the failure count a scheduled retry answers.
/// </summary>
public sealed record DeliverFeed(Guid SubscriptionId, int? Retry = null);

/// <summary>
/// Delivers a subscription's events after its cursor, in global sequence order, one signed POST each, until one fails or
/// the wake-up's share is used; the cursor moves only past what the receiver acknowledged, in the same transaction as the
/// next wake-up or the scheduled retry. A crash can therefore repeat deliveries (at least once), never skip one.
/// </summary>
public static class DeliverFeedHandler
{
    /// <summary>A wake-up stops sending after this long and queues the rest behind other subscriptions.</summary>
    private static readonly TimeSpan Share = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan LockedWait = TimeSpan.FromSeconds(2);

    public static void Configure(HandlerChain chain) => chain.ExecutionTimeoutInSeconds = (int)TimeSpan.FromMinutes(5).TotalSeconds;

    public static async Task Handle(DeliverFeed message, IDocumentSession session, IDocumentStore store, IMessageContext bus, WebhookSender sender,
        PiiVault vault, IOptions<FeedOptions> options, TimeProvider clock, ILogger<DeliverFeed> logger, CancellationToken ct)
    {
        // The queue is sequential on each node; the lock keeps two nodes from delivering one subscription at once.
        await session.BeginTransactionAsync(ct);
        var locked = await session.QueryAsync<bool>("select pg_try_advisory_xact_lock(hashtextextended(?, 0))", ct,
            $"{FeedModule.DeliveryQueue}:{message.SubscriptionId}");
        if (!locked[0])
        {
            await bus.ScheduleAsync(message, LockedWait, new DeliveryOptions { TenantId = bus.TenantId });
            return;
        }

        if (await session.LoadAsync<FeedSubscription>(message.SubscriptionId, ct) is not { } subscription || !subscription.ShouldDeliver(message.Retry))
        {
            return;
        }

        var settings = options.Value;
        var ceiling = await FeedReader.CeilingAsync(store, ct);
        var events = await FeedReader.ReadAsync(session, subscription.Cursor, ceiling, subscription.Types, settings.EventsPerWake + 1, ct,
            subscription.IncludeExercises);
        if (events.Count == 0 && subscription.Cursor >= ceiling)
        {
            return;
        }

        var tenant = new DeliveryOptions { TenantId = subscription.Organisation };
        string? failure = null;
        var sent = 0;
        if (events.Count > 0)
        {
            // Shredded only by a revocation that committed after the status was read: nothing more to send.
            if (await vault.RevealAsync(session, subscription.Secret, ct) is not { } secret)
            {
                return;
            }

            var started = clock.GetUtcNow();
            var url = new Uri(subscription.Url);
            while (failure is null && sent < Math.Min(events.Count, settings.EventsPerWake) && clock.GetUtcNow() - started < Share)
            {
                var e = events[sent];
                failure = await sender.SendAsync(url, secret, CloudEvent.Of(e, subscription.Organisation), ct);
                if (failure is null)
                {
                    subscription.DeliveredUpTo(e.Sequence, clock.GetUtcNow());
                    sent++;
                }
            }
        }

        if (failure is not null)
        {
            var retryAt = subscription.Failed(failure, clock.GetUtcNow(), settings.Retries);
            if (retryAt is { } at)
            {
                await bus.ScheduleAsync(new DeliverFeed(subscription.Id, subscription.Attempts), at, tenant);
            }

            logger.LogWarning("Feed subscription {SubscriptionId}: attempt {Attempts} failed ({Failure}); {Next}", subscription.Id, subscription.Attempts,
                failure, retryAt is { } next ? $"next attempt at {next:O}" : "dead-lettered until resumed");
        }
        else if (sent < events.Count)
        {
            await bus.PublishAsync(new DeliverFeed(subscription.Id), tenant);
        }
        else
        {
            subscription.SkippedUpTo(ceiling);
        }

        session.UpdateRevision(subscription, subscription.Version + 1);
    }
}
