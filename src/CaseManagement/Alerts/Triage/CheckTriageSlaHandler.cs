using CaseManagement.Incidents;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Options;

namespace CaseManagement.Alerts.Triage;

/// <summary>
/// Records that a target of a triage item's SLA passed unmet, once per target, so the item shows it (and paging, once built, has an event to page for).
/// A check that finds the target met, not yet due, or already recorded does nothing.
/// </summary>
public static class CheckTriageSlaHandler
{
    public const string Actor = "system:triage-sla";

    public static async Task Handle(CheckTriageSla message, [WriteAggregate] IEventStream<TriageItem> stream, IDocumentSession session,
        IOptions<TriageSlaOptions> options, DateTimeOffset now, CancellationToken ct)
    {
        if (stream.Aggregate is not { } item || item.Breaches.Any(b => b.Target == message.Target))
        {
            return;
        }

        var containedAt = item.IncidentId is { } incidentId ? (await session.LoadAsync<Incident>(incidentId, ct))?.ContainedAt : null;
        var check = TriageSla.Evaluate(item, containedAt, options.Value.For(item.Severity), now).FirstOrDefault(c => c.Target == message.Target);
        if (check is { Standing: SlaStanding.Breached })
        {
            session.LastModifiedBy = Actor;
            stream.AppendOne(new TriageSlaBreached(item.Id, check.Target, check.DueAt, item.Severity));
        }
    }
}
