using CaseManagement.Monitoring.Passes;
using CaseManagement.ShopRegistry;
using JasperFx;
using Marten;
using Microsoft.Extensions.Options;

namespace CaseManagement.Monitoring.Scheduling;

/// <summary>Start a shop's monitoring schedule when it has none running (a registered shop, or one found at start-up without a schedule).</summary>
/// <param name="FirstPassAt">When the first pass runs; one interval from now when null.</param>
public sealed record StartShopMonitoring(string Shop, DateTimeOffset? FirstPassAt = null);

public static class StartShopMonitoringHandler
{
    /// <summary>A schedule already running is left alone, so a repeat (two nodes starting, a retried registration) starts no second chain.</summary>
    public static async Task<OutgoingMessages> Handle(StartShopMonitoring message, IDocumentSession session, IMessageContext context,
        IOptions<MonitoringOptions> options, DateTimeOffset now, CancellationToken ct)
    {
        var outgoing = new OutgoingMessages();
        var monitor = await session.LoadAsync<ShopMonitor>(message.Shop, ct);
        if (monitor is { Running: true } || await session.LoadAsync<RegisteredShop>(message.Shop, ct) is not { Active: true })
        {
            return outgoing;
        }

        var started = RunMonitoringPassHandler.Start(message.Shop, monitor?.IntervalMinutes ?? options.Value.IntervalMinutes, now);
        if (monitor is not null)
        {
            // A restart keeps the pass log; only the chain and its times are new.
            monitor.Chain = started.Chain;
            monitor.StartedAt = now;
            monitor.StoppedBecause = null;
            monitor.StoppedAt = null;
            started = monitor;
        }

        started.NextPassAt = message.FirstPassAt ?? now.AddMinutes(started.IntervalMinutes);
        session.Store(started);
        outgoing.Add(new RunMonitoringPass(message.Shop, ShopBaseline.StreamId(context.TenantId ?? StorageConstants.DefaultTenantId, message.Shop), started.Chain)
            .ScheduledAt(started.NextPassAt.Value));
        return outgoing;
    }
}

/// <summary>
/// At start-up, once the message bus runs: a schedule for every active registered shop of every organisation that has none (shops
/// registered before monitoring existed, the demo shop). Their first pass runs at once.
/// </summary>
public sealed class MonitoringStarter(IDocumentStore store, IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, TimeProvider clock, ILogger<MonitoringStarter> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        var started = new TaskCompletionSource();
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        await using (ct.Register(() => started.TrySetCanceled(ct)))
        {
            await started.Task;
        }

        try
        {
            await using var session = store.QuerySession();
            var table = $"{Infrastructure.EventStoreConfiguration.Schema}.mt_doc_registeredshop";
            // A database where no shop was ever registered has no such table yet (Marten makes it on first use): nothing to start.
            if ((await session.QueryAsync<bool>($"select to_regclass('{table}') is not null", ct)).Single() is false)
            {
                return;
            }

            var rows = await session.QueryAsync<string>($"select tenant_id || '/' || id from {table}", ct);
            // The bus is scoped; this service lives as long as the host.
            await using var scope = scopes.CreateAsyncScope();
            var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
            foreach (var row in rows)
            {
                var (tenant, shop) = (row[..row.IndexOf('/')], row[(row.IndexOf('/') + 1)..]);
                await bus.PublishAsync(new StartShopMonitoring(shop, clock.GetUtcNow()), new DeliveryOptions { TenantId = tenant });
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Could not start the monitoring schedules of the registered shops; they start when a shop is registered or its schedule is set");
        }
    }
}
