using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Wolverine;
using Wolverine.Marten.Subscriptions;

namespace CaseManagement.Incidents.Scoping;

/// <summary>Run one requested scoping run.</summary>
public sealed record RunScoping(Guid IncidentId, Guid RunId);

/// <summary>
/// Turns each recorded <see cref="ScopingRunRequested"/> into a durable <see cref="RunScoping"/> message, in the
/// same transaction as the subscription's progress: a request is neither lost nor started twice by a restart.
/// </summary>
public sealed class ScopingRunDispatch : BatchSubscription
{
    public ScopingRunDispatch() : base("ScopingRuns")
    {
        IncludeType<ScopingRunRequested>();
    }

    public override async Task ProcessEventsAsync(EventRange page, ISubscriptionController controller, IDocumentOperations operations, IMessageBus bus,
        CancellationToken cancellationToken)
    {
        foreach (var e in page.Events)
        {
            if (e.Data is ScopingRunRequested requested)
            {
                await bus.PublishAsync(new RunScoping(requested.IncidentId, requested.RunId), new DeliveryOptions { TenantId = e.TenantId });
            }
        }
    }
}

public static class ScopingMessaging
{
    public const string Queue = "scoping-runs";

    /// <summary>Runs get their own durable queue, two at a time, so a long run never delays deadline escalations.</summary>
    public static void AddScopingRuns(this WolverineOptions opts)
    {
        opts.PublishMessage<RunScoping>().ToLocalQueue(Queue);
        opts.LocalQueue(Queue).MaximumParallelMessages(2);
    }
}
