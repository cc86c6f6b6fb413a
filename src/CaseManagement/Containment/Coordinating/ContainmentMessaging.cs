using CaseManagement.Containment.Evidence;
using CaseManagement.Containment.Executing;
using Wolverine;
using Wolverine.ErrorHandling;

namespace CaseManagement.Containment.Coordinating;

public static class ContainmentMessaging
{
    public const string RunsQueue = "containment-runs";
    public const string StepsQueue = "containment-steps";

    /// <summary>
    /// The sagas' messages go through one sequential durable queue: each only reads and records, in milliseconds, and one
    /// at a time they never race each other for a run. Steps talk to shops for seconds to minutes, so they get their own
    /// queue, a few at a time, and a step waiting on one shop never holds up another incident's run.
    /// </summary>
    public static void AddContainment(this WolverineOptions opts, ContainmentOptions options)
    {
        opts.PublishMessage<AdvanceContainmentRun>().ToLocalQueue(RunsQueue);
        opts.PublishMessage<ContainmentStepTimedOut>().ToLocalQueue(RunsQueue);
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
