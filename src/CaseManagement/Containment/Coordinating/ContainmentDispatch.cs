using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Wolverine;
using Wolverine.Marten.Subscriptions;

namespace CaseManagement.Containment.Coordinating;

/// <summary>
/// Turns the decisions people record on the incident (a playbook started, a step approved, retried, skipped, rolled back,
/// done by hand) into a message to the run's saga, in the same transaction as the subscription's progress: a decision is
/// neither lost nor acted on twice across restarts. The run's own events need no forwarding; the saga and the executor
/// move the run on themselves.
/// </summary>
public sealed class ContainmentDispatch : BatchSubscription
{
    public ContainmentDispatch() : base("ContainmentRuns")
    {
        IncludeType<ContainmentRequested>();
        IncludeType<ContainmentStepApproved>();
        IncludeType<ManualContainmentStepCompleted>();
        IncludeType<ContainmentStepRetryRequested>();
        IncludeType<ContainmentStepSkipped>();
        IncludeType<ContainmentStepRollbackRequested>();
    }

    public override async Task ProcessEventsAsync(EventRange page, ISubscriptionController controller, IDocumentOperations operations, IMessageBus bus,
        CancellationToken cancellationToken)
    {
        foreach (var (runId, incidentId, tenant) in page.Events.Select(e => (RunOf(e.Data), e.StreamId, e.TenantId)).Distinct())
        {
            await bus.PublishAsync(new AdvanceContainmentRun(runId, incidentId), new DeliveryOptions { TenantId = tenant });
        }
    }

    private static Guid RunOf(object data) => data switch
    {
        ContainmentRequested e => e.RunId,
        ContainmentStepApproved e => e.RunId,
        ManualContainmentStepCompleted e => e.RunId,
        ContainmentStepRetryRequested e => e.RunId,
        ContainmentStepSkipped e => e.RunId,
        ContainmentStepRollbackRequested e => e.RunId,
        _ => throw new ArgumentOutOfRangeException(nameof(data), data.GetType().Name, "not a containment decision"),
    };
}
