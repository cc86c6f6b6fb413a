using CaseManagement.Containment.Coordinating;
using CaseManagement.Containment.Evidence;
using CaseManagement.Containment.Executing;
using JasperFx.Events.Projections;
using Marten;
using Wolverine;
using Wolverine.ErrorHandling;

namespace CaseManagement.Containment;

/// <summary>
/// Containment: a run's stream and its saga, the step executor, evidence items with their chain of custody.
/// Everything the event store and Wolverine need for it is declared here.
/// </summary>
public static class ContainmentModule
{
    public const string RunsQueue = "containment-runs";
    public const string StepsQueue = "containment-steps";

    public static void ConfigureStore(StoreOptions opts)
    {
        opts.Projections.Add(new ContainmentRunProjection(), ProjectionLifecycle.Inline);
        opts.Projections.Snapshot<EvidenceItem>(SnapshotLifecycle.Inline);
        opts.Schema.For<EvidenceItem>().Index(x => x.IncidentId);
        opts.Projections.Snapshot<EvidenceHold>(SnapshotLifecycle.Inline);
        opts.Schema.For<EvidenceHold>().Index(x => x.IncidentId);
        opts.Schema.For<ContainmentRunSaga>();
        EvidenceRows.ConfigureStore(opts);
    }

    /// <summary>
    /// The sagas' messages go through one sequential durable queue: each only reads and records, in milliseconds, and one
    /// at a time they never race each other for a run. Steps talk to shops for seconds to minutes, so they get their own
    /// queue, a few at a time, and a step waiting on one shop never holds up another incident's run.
    /// </summary>
    public static void ConfigureWolverine(WolverineOptions opts, IConfiguration configuration)
    {
        var options = configuration.GetSection(ContainmentOptions.Section).Get<ContainmentOptions>() ?? new ContainmentOptions();
        opts.PublishMessage<AdvanceContainmentRun>().ToLocalQueue(RunsQueue);
        opts.PublishMessage<ContainmentStepTimedOut>().ToLocalQueue(RunsQueue);
        opts.PublishMessage<RecordIncidentContained>().ToLocalQueue(RunsQueue);
        opts.PublishMessage<WithdrawIncidentContainment>().ToLocalQueue(RunsQueue);
        opts.LocalQueue(RunsQueue).Sequential();
        opts.PublishMessage<ExecuteContainmentStep>().ToLocalQueue(StepsQueue);
        opts.PublishMessage<CompensateContainmentStep>().ToLocalQueue(StepsQueue);
        opts.LocalQueue(StepsQueue).MaximumParallelMessages(4);
        // The executor records each failed attempt and gives up itself after the last one (ContainmentStepHandler).
        opts.Policies.OnException(ContainmentStepHandler.IsTransient, "the shop was unreachable, busy or slow").ScheduleRetry([.. options.RetryBackoff]);
    }

    public static IServiceCollection AddContainment(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ContainmentOptions>(configuration.GetSection(ContainmentOptions.Section));
        services.Configure<EvidenceOptions>(configuration.GetSection(EvidenceOptions.Section));
        return services.AddSingleton<EvidenceLocker>();
    }
}
