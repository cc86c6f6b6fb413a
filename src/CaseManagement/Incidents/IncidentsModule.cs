using CaseManagement.Incidents.Detecting;
using CaseManagement.Incidents.Listing;
using CaseManagement.Incidents.Reviewing;
using JasperFx.Events.Projections;
using Marten;

namespace CaseManagement.Incidents;

/// <summary>
/// Incidents: the incident stream (what people decided and the milestones, snapshotted inline so every command reads
/// it consistently) and the incident list (async).
/// </summary>
public static class IncidentsModule
{
    public static void ConfigureStore(StoreOptions opts)
    {
        opts.Projections.Snapshot<Incident>(SnapshotLifecycle.Inline);
        opts.Projections.Add<IncidentSummaryProjection>(ProjectionLifecycle.Async);
        // Time travel starts from the newest checkpoint before the point instead of the detection (ADR 31).
        opts.Projections.Add(new IncidentCheckpointProjection(), ProjectionLifecycle.Async);
        opts.Schema.For<IncidentCheckpoint>().Index(x => x.IncidentId);
        opts.Schema.For<IncidentSummary>().Index(x => x.DetectedAt).Index(x => x.Shop).Index(x => x.Status);
    }

    /// <summary>The demo incident, when CaseManagement:SeedDemoIncident is set (build/run.sh sets it).</summary>
    public static IServiceCollection AddIncidents(this IServiceCollection services, IConfiguration configuration) =>
        configuration.GetValue<bool>("CaseManagement:SeedDemoIncident") ? services.AddHostedService<DemoIncidentSeeder>() : services;
}
