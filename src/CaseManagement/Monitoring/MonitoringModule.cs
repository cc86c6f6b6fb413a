using CaseManagement.Monitoring.Passes;
using CaseManagement.Monitoring.Scheduling;
using JasperFx.Events.Projections;
using Marten;

namespace CaseManagement.Monitoring;

/// <summary>
/// Shop monitoring (docs/adr/0023): per registered shop a schedule of passes (Wolverine scheduled messages), each comparing the shop
/// with its baseline (a stream per shop) and sending what changed to alert intake as the monitoring source.
/// </summary>
public static class MonitoringModule
{
    public const string Queue = "shop-monitoring";

    public static void ConfigureStore(StoreOptions opts)
    {
        opts.Projections.Snapshot<ShopBaseline>(SnapshotLifecycle.Inline);
        opts.Schema.For<ShopMonitor>();
    }

    /// <summary>Passes on a queue of their own, a few at a time: a shop that is slow to answer holds one slot, not alert correlation.</summary>
    public static void ConfigureWolverine(WolverineOptions opts)
    {
        opts.PublishMessage<RunMonitoringPass>().ToLocalQueue(Queue);
        opts.PublishMessage<StartShopMonitoring>().ToLocalQueue(Queue);
        opts.LocalQueue(Queue).MaximumParallelMessages(2);
    }

    public static IServiceCollection AddMonitoring(this IServiceCollection services, IConfiguration configuration) => services
        .Configure<MonitoringOptions>(configuration.GetSection(MonitoringOptions.Section))
        .AddHostedService<MonitoringStarter>();
}
