using CaseManagement.Scoping.Running;
using JasperFx.Events.Projections;
using Marten;
using Wolverine;

namespace CaseManagement.Scoping;

/// <summary>Scoping: runs against the shop database (their own streams), the people they find, and live progress.</summary>
public static class ScopingModule
{
    public const string Queue = "scoping-runs";

    public static void ConfigureStore(StoreOptions opts)
    {
        opts.Projections.Snapshot<ScopingRun>(SnapshotLifecycle.Inline);
        opts.Schema.For<ScopingRun>().Index(x => x.IncidentId);
        opts.Schema.For<ScopingRunProgress>();
        opts.Schema.For<AffectedPersonRecord>().Index(x => x.RunId).Index(x => x.IncidentId);
    }

    /// <summary>Runs get their own durable queue, two at a time, so a long run never delays anything else.</summary>
    public static void ConfigureWolverine(WolverineOptions opts)
    {
        opts.PublishMessage<RunScoping>().ToLocalQueue(Queue);
        opts.LocalQueue(Queue).MaximumParallelMessages(2);
    }
}
