using CaseManagement.Incidents;
using CaseManagement.Obligations.Timeline;
using CaseManagement.Rules.Catalogue;
using Marten;
using Wolverine;

namespace CaseManagement.Obligations.Escalation;

public static class EscalateDeadlineHandler
{
    /// <summary>Who the escalation events are recorded as, in the incident history.</summary>
    public const string Actor = "system:deadline-escalation";

    /// <summary>
    /// Appends "deadline approaching" or "deadline missed" if it still holds. The key check makes a second
    /// delivery harmless; a concurrent append fails the version check and the retry sees the key.
    /// </summary>
    public static async Task Handle(EscalateDeadline message, IDocumentSession session, IMessageContext bus, TimeProvider clock,
        ILogger<EscalateDeadline> logger, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Incident>(message.IncidentId, ct);
        if (stream.Aggregate is not { } incident)
        {
            logger.LogWarning("Escalation {Key} for unknown incident {IncidentId} dropped", message.Key, message.IncidentId);
            return;
        }

        var events = await session.Events.FetchStreamAsync(message.IncidentId, token: ct);
        var facts = FactsState.From(events.Select(e => e.Data));
        var now = clock.GetUtcNow();
        var evaluation = PlanDeadlineEscalationsHandler.Evaluate(facts, now);
        var current = evaluation.Obligations.FirstOrDefault(o => o.RuleId == message.Key.RuleId);
        switch (EscalationRules.Decide(incident, current, message.Key, evaluation.CatalogueVersion, now))
        {
            case EscalationOutcome.Raise raise:
                session.LastModifiedBy = Actor;
                stream.AppendOne(raise.Event);
                logger.LogInformation("Incident {IncidentId}: {Kind} for {RuleId}, due {DueAt:O}", message.IncidentId, message.Key.Kind, message.Key.RuleId, message.Key.DueAt);
                break;
            case EscalationOutcome.Defer defer:
                await bus.ScheduleAsync(message, defer.Until, new DeliveryOptions { TenantId = bus.TenantId });
                break;
            case EscalationOutcome.Skip skip:
                logger.LogInformation("Incident {IncidentId}: escalation {Key} not raised: {Why}", message.IncidentId, message.Key, skip.Why);
                break;
        }
    }
}
