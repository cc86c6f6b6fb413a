using CaseManagement.Alerts.Intake;
using CaseManagement.Alerts.Sources;
using CaseManagement.Alerts.Triage;
using JasperFx.Events.Projections;
using Marten;
using Wolverine;

namespace CaseManagement.Alerts;

/// <summary>
/// Alerts (docs/adr/0023): sources and their formats, signed intake with deduplication, alerts and triage items as their own streams,
/// correlation into incidents, and the triage SLA.
/// </summary>
public static class AlertsModule
{
    public const string CorrelationQueue = "alert-correlation";

    public static void ConfigureStore(StoreOptions opts)
    {
        opts.Projections.Snapshot<Alert>(SnapshotLifecycle.Inline);
        opts.Schema.For<Alert>().Index(x => x.Shop).Index(x => x.TriageItemId).Index(x => x.IncidentId).Index(x => x.ReceivedAt);
        opts.Projections.Snapshot<TriageItem>(SnapshotLifecycle.Inline);
        opts.Schema.For<TriageItem>().Index(x => x.Shop).Index(x => x.OpenedAt);
        // Sources are looked up before anyone's organisation is known (a signed delivery carries no token), so they are not tenanted.
        opts.Schema.For<AlertSource>().SingleTenanted().Index(x => x.OrganisationId);
        opts.Schema.For<AlertReference>();
        opts.Schema.For<AlertFingerprint>().UseOptimisticConcurrency(true);
        opts.Schema.For<AlertDelivery>();
        opts.Schema.For<AlertPayload>().Index(x => x.AlertId);
        opts.Schema.For<ShopTriageSlot>().UseOptimisticConcurrency(true);
    }

    /// <summary>
    /// Correlation, one alert at a time on a durable queue: it reads what is open on a shop and decides, and in parallel two alerts of one
    /// shop would each open a triage item (the slot's version check would make one retry; one at a time it never has to).
    /// </summary>
    public static void ConfigureWolverine(WolverineOptions opts)
    {
        opts.PublishMessage<CorrelateAlert>().ToLocalQueue(CorrelationQueue);
        opts.PublishMessage<PlaceTriagedAlert>().ToLocalQueue(CorrelationQueue);
        opts.PublishMessage<CheckTriageSla>().ToLocalQueue(CorrelationQueue);
        opts.LocalQueue(CorrelationQueue).Sequential();
    }

    public static IServiceCollection AddAlerts(this IServiceCollection services, IConfiguration configuration) =>
        services.Configure<TriageSlaOptions>(configuration.GetSection(TriageSlaOptions.Section));
}
