using CaseManagement.Incidents;
using CaseManagement.Obligations.Facts;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Wolverine;
using Wolverine.Marten.Subscriptions;

namespace CaseManagement.Obligations.Escalation;

/// <summary>Plan the escalations of one incident after new events may have moved its deadlines.</summary>
/// <param name="PauseEnded">A law-enforcement delay was lifted or the incident reopened: every open deadline is planned again.</param>
/// <param name="Through">The sequence of the newest event this plan follows; a plan at or before one already made is a replay.</param>
public sealed record PlanDeadlineEscalations(Guid IncidentId, bool PauseEnded, long Through = 0);

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
        foreach (var change in page.Events.GroupBy(e => (e.TenantId, e.StreamId)))
        {
            var plan = new PlanDeadlineEscalations(change.Key.StreamId, change.Any(e => e.Data is LawEnforcementDelayLifted or IncidentReopened),
                change.Max(e => e.Sequence));
            await bus.PublishAsync(plan, new DeliveryOptions { TenantId = change.Key.TenantId });
        }
    }
}
