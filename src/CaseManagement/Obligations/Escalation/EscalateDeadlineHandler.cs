using CaseManagement.Incidents;
using CaseManagement.Obligations.Timeline;
using CaseManagement.Readiness.Exercises.Clock;
using JasperFx.Events;
using Marten;

namespace CaseManagement.Obligations.Escalation;

public static class EscalateDeadlineHandler
{
    /// <summary>Who the escalation events are recorded as, in the incident's record.</summary>
    public const string Actor = "system:deadline-escalation";

    /// <summary>
    /// Records "deadline approaching" or "deadline missed" on the incident's escalation stream if it still holds. The log
    /// of raised keys makes a second delivery harmless; a concurrent append fails the version check and the retry sees the key.
    /// </summary>
    public static async Task Handle(EscalateDeadline message, [ReadAggregate("IncidentId")] Incident incident, [Entity("IncidentId")] IncidentFactSheet facts,
        [WriteAggregate("EscalationLogId", Required = false)] IEventStream<EscalationLog> log, IDocumentSession session, IMessageContext bus, DateTimeOffset now,
        CaseClock clock, ILogger<EscalateDeadline> logger)
    {
        var evaluation = PlanDeadlineEscalationsHandler.Evaluate(facts.State, now);
        var current = evaluation.Obligations.FirstOrDefault(o => o.RuleId == message.Key.RuleId);
        switch (EscalationRules.Decide(incident.Id, incident.Status, log.Aggregate?.Raised ?? [], current, message.Key, evaluation.CatalogueVersion, now))
        {
            case EscalationOutcome.Raise raise:
                session.LastModifiedBy = Actor;
                log.AppendOne(raise.Event);
                logger.LogInformation("Incident {IncidentId}: {Kind} for {RuleId}, due {DueAt:O}", message.IncidentId, message.Key.Kind, message.Key.RuleId, message.Key.DueAt);
                break;
            // Early on this clock: again when it gets there (a paused exercise clock plans again when it is set).
            case EscalationOutcome.Defer defer when clock.RealInstantOf(defer.Until) is { } at:
                await bus.ScheduleAsync(message, at, new DeliveryOptions { TenantId = bus.TenantId });
                break;
            case EscalationOutcome.Defer:
                break;
            case EscalationOutcome.Skip skip:
                logger.LogInformation("Incident {IncidentId}: escalation {Key} not raised: {Why}", message.IncidentId, message.Key, skip.Why);
                break;
        }
    }
}
