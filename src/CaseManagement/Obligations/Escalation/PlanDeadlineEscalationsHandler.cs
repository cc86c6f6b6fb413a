using CaseManagement.Obligations.Timeline;
using CaseManagement.Rules.Catalogue;
using CaseManagement.Rules.Evaluation;
using Marten;
using Microsoft.Extensions.Options;
using Wolverine;

namespace CaseManagement.Obligations.Escalation;

/// <summary>Deliver one escalation of one obligation; it re-checks itself on arrival.</summary>
public sealed record EscalateDeadline(Guid IncidentId, EscalationKey Key);

public static class PlanDeadlineEscalationsHandler
{
    /// <summary>
    /// Compares the obligations before the new events with those now, and schedules durable escalation
    /// messages for each target that is new or moved. Messages for the old instant stay scheduled and
    /// are ignored when they arrive; cancelling them would need a second bookkeeping of what is queued.
    /// </summary>
    public static async Task Handle(PlanDeadlineEscalations plan, IDocumentSession session, IMessageContext bus, TimeProvider clock,
        IOptions<EscalationOptions> options, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(plan.IncidentId, token: ct);
        if (events.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var before = FactsState.From(events.Where(e => e.Version < plan.FromVersion).Select(e => e.Data));
        var after = FactsState.From(events.Select(e => e.Data));
        var earlier = plan.FromVersion > 1 ? Evaluate(before, now) : null;
        var leads = options.Value.EffectiveLeadHours();
        var delivery = new DeliveryOptions { TenantId = bus.TenantId };
        foreach (var target in EscalationRules.ToSchedule(earlier, Evaluate(after, now), plan.PauseEnded))
        {
            foreach (var escalation in EscalationRules.Plan(target, leads, now))
            {
                var message = new EscalateDeadline(plan.IncidentId, escalation.Key);
                if (escalation.FireAt <= now)
                {
                    await bus.PublishAsync(message, delivery);
                }
                else
                {
                    await bus.ScheduleAsync(message, escalation.FireAt, delivery);
                }
            }
        }
    }

    internal static Rules.Evaluation.Evaluation Evaluate(FactsState facts, DateTimeOffset now) =>
        ObligationEvaluator.Evaluate(facts.ToFacts(), facts.CatalogueOf(CatalogueStore.Embedded), EvaluationOptions.Default, now);
}
