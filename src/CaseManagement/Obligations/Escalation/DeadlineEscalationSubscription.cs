using CaseManagement.Incidents;
using CaseManagement.Obligations.Facts;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Wolverine;
using Wolverine.Marten.Subscriptions;

namespace CaseManagement.Obligations.Escalation;

/// <summary>Plan the escalations of one incident after events from <paramref name="FromVersion"/> on may have moved its deadlines.</summary>
public sealed record PlanDeadlineEscalations(Guid IncidentId, long FromVersion, bool PauseEnded);

/// <summary>
/// Watches every incident stream through the async daemon, whoever appended (an API call, a scoping job,
/// a campaign), and asks for escalations to be planned. The plan message is stored in the same
/// transaction as the subscription's progress, so a restart neither loses nor repeats a page.
/// </summary>
public sealed class DeadlineEscalationSubscription : BatchSubscription
{
    public const string Name = "DeadlineEscalations";

    public DeadlineEscalationSubscription() : base(Name)
    {
        FilterIncomingEventsOnStreamType(typeof(Incident));
    }

    public override async Task ProcessEventsAsync(EventRange page, ISubscriptionController controller, IDocumentOperations operations, IMessageBus bus,
        CancellationToken cancellationToken)
    {
        var changes = page.Events
            .Where(e => e.Data is not (DeadlineApproaching or DeadlineMissed))
            .GroupBy(e => (e.TenantId, e.StreamId));
        foreach (var change in changes)
        {
            var plan = new PlanDeadlineEscalations(change.Key.StreamId, change.Min(e => e.Version),
                change.Any(e => e.Data is LawEnforcementDelayLifted or IncidentReopened));
            await bus.PublishAsync(plan, new DeliveryOptions { TenantId = change.Key.TenantId });
        }
    }
}
