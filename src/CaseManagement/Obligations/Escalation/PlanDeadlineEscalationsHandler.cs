using CaseManagement.Obligations.Timeline;
using CaseManagement.Readiness.Exercises.Clock;
using CaseManagement.Rules.Catalogue;
using CaseManagement.Rules.Evaluation;
using Marten;
using Microsoft.Extensions.Options;

namespace CaseManagement.Obligations.Escalation;

/// <summary>Deliver one escalation of one obligation; it re-checks itself on arrival.</summary>
public sealed record EscalateDeadline(Guid IncidentId, EscalationKey Key)
{
    /// <summary>The incident's escalation stream, where a raised escalation is recorded.</summary>
    public Guid EscalationLogId => Incidents.IncidentStreams.Escalations(IncidentId);
}

public static class PlanDeadlineEscalationsHandler
{
    /// <summary>
    /// Compares the obligations as the incident's facts now stand with the targets scheduled last time, and schedules
    /// durable escalation messages for each target that is new or moved. Messages for an old instant stay scheduled and are
    /// ignored when they arrive; cancelling them would need a second bookkeeping of what is queued. Instants are the
    /// incident's clock's (an exercise's own, ADR 24); a moment a paused exercise clock does not reach is not scheduled, and
    /// the next setting of that clock plans again.
    /// </summary>
    public static async Task Handle(PlanDeadlineEscalations plan, [Entity("IncidentId")] IncidentFactSheet facts, IDocumentSession session,
        IMessageContext bus, DateTimeOffset now, CaseClock clock, IOptions<EscalationOptions> options, CancellationToken ct)
    {
        var schedule = await session.LoadAsync<EscalationSchedule>(plan.IncidentId, ct) ?? new EscalationSchedule { Id = plan.IncidentId };
        var evaluation = Evaluate(facts.State, now);
        var leads = options.Value.EffectiveLeadHours();
        var delivery = new DeliveryOptions { TenantId = bus.TenantId };
        // A rewound subscription (an operator recovering lost schedules) plans every open target again; the escalation
        // log declines whatever was raised already.
        var replay = plan.Through > 0 && plan.Through <= schedule.PlannedThrough;
        foreach (var target in EscalationRules.ToSchedule(schedule.Targets, evaluation, plan.PauseEnded || replay))
        {
            foreach (var escalation in EscalationRules.Plan(target, leads, now))
            {
                var message = new EscalateDeadline(plan.IncidentId, escalation.Key);
                if (escalation.FireAt <= now)
                {
                    await bus.PublishAsync(message, delivery);
                }
                else if (clock.RealInstantOf(escalation.FireAt) is { } at)
                {
                    await bus.ScheduleAsync(message, at, delivery);
                }
            }
        }

        schedule.Targets = [.. EscalationRules.TargetsOf(evaluation)];
        schedule.PlannedThrough = Math.Max(schedule.PlannedThrough, plan.Through);
        session.Store(schedule);
    }

    internal static Rules.Evaluation.Evaluation Evaluate(FactsState facts, DateTimeOffset now) =>
        ObligationEvaluator.Evaluate(facts.ToFacts(), facts.CatalogueOf(CatalogueStore.Embedded), EvaluationOptions.Default, now);
}
