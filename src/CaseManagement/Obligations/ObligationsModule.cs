using CaseManagement.Obligations.Escalation;
using CaseManagement.Obligations.Timeline;
using JasperFx.Events.Projections;
using Marten;

namespace CaseManagement.Obligations;

/// <summary>
/// Obligations: the incident's facts (one fold, inline), its deadline history (inline, ADR 40), the deadline board (async) and escalations (their own stream per
/// incident, planned by a daemon subscription that sees every incident event whoever appended it).
/// </summary>
public static class ObligationsModule
{
    public const string EscalationQueue = "deadline-escalations";

    public static void ConfigureStore(StoreOptions opts)
    {
        opts.Projections.Add(new IncidentFactSheetProjection(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new DeadlineHistoryProjection(), ProjectionLifecycle.Inline);
        opts.Projections.Add<DeadlineBoardProjection>(ProjectionLifecycle.Async);
        opts.Schema.For<DeadlineBoardEntry>().Index(x => x.NextDueAt);
        opts.Projections.Snapshot<EscalationLog>(SnapshotLifecycle.Inline);
        opts.Schema.For<EscalationSchedule>();
    }

    /// <summary>
    /// Planning and delivery share one durable local queue, one message at a time: an incident's escalations all append to
    /// its escalation stream, and in parallel they would mostly fail each other's version check.
    /// </summary>
    public static void ConfigureWolverine(WolverineOptions opts)
    {
        opts.PublishMessage<PlanDeadlineEscalations>().ToLocalQueue(EscalationQueue);
        opts.PublishMessage<EscalateDeadline>().ToLocalQueue(EscalationQueue);
        opts.LocalQueue(EscalationQueue).Sequential();
    }

    public static IServiceCollection AddObligations(this IServiceCollection services, IConfiguration configuration) =>
        services.Configure<EscalationOptions>(configuration.GetSection(EscalationOptions.Section));

    /// <summary>Escalation can be switched off on a node (Escalation:Enabled=false), for example a copy restored for an investigation.</summary>
    public static void SubscribeToEvents(MartenServiceCollectionExtensions.MartenConfigurationExpression marten, IConfiguration configuration)
    {
        if (configuration.GetSection(EscalationOptions.Section).Get<EscalationOptions>()?.Enabled ?? true)
        {
            marten.SubscribeToEvents(new DeadlineEscalationSubscription());
        }
    }
}
