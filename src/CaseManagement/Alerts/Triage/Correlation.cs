using CaseManagement.Alerts.Intake;
using CaseManagement.Incidents;
using JasperFx.Core;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Options;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace CaseManagement.Alerts.Triage;

/// <summary>An incident correlation may attach an alert to.</summary>
public sealed record OpenIncident(Guid Id, IncidentKind Kind, DateTimeOffset DetectedAt);

public abstract record CorrelationDecision(string Rule)
{
    public sealed record AttachToIncident(Guid IncidentId) : CorrelationDecision(CorrelationRule.OpenIncidentSameShopAndKind);

    public sealed record AddToTriageItem(Guid TriageItemId) : CorrelationDecision(CorrelationRule.OpenTriageItemSameShop);

    public sealed record OpenTriageItem() : CorrelationDecision(CorrelationRule.NewTriageItem);
}

/// <summary>
/// Where a new alert goes, in this order (docs/adr/0023): to the incident open on the same shop for the same kind (the most recently
/// detected when there are several), else to the shop's open triage item, else to a new triage item. An alert is never merged into a
/// closed or false-positive incident: that is a new question for a person.
/// </summary>
public static class Correlation
{
    /// <param name="openIncidents">Incidents of the alert's shop that are neither closed nor false positives.</param>
    public static CorrelationDecision Decide(IncidentKind kind, IReadOnlyList<OpenIncident> openIncidents, Guid? openTriageItem) =>
        openIncidents.Where(i => i.Kind == kind).MaxBy(i => i.DetectedAt) is { } incident ? new CorrelationDecision.AttachToIncident(incident.Id)
        : openTriageItem is { } item ? new CorrelationDecision.AddToTriageItem(item)
        : new CorrelationDecision.OpenTriageItem();
}

/// <summary>Check one target of a triage item's SLA when it falls due; the item as it is then decides (its severity may have moved the target).</summary>
public sealed record CheckTriageSla(Guid TriageItemId, SlaTarget Target, DateTimeOffset DueAt);

public static class CorrelateAlertHandler
{
    public const string Actor = "system:alert-correlation";

    public static void Configure(HandlerChain chain) =>
        chain.OnException(Infrastructure.WriteCollisions.Matches).RetryWithCooldown(20.Milliseconds(), 100.Milliseconds(), 250.Milliseconds(), 1.Seconds());

    public static async Task<OutgoingMessages> Handle(CorrelateAlert message, [WriteAggregate] IEventStream<Alert> stream, IDocumentSession session,
        IOptions<TriageSlaOptions> sla, DateTimeOffset now, CancellationToken ct)
    {
        var outgoing = new OutgoingMessages();
        if (stream.Aggregate is not { Status: AlertStatus.New } alert)
        {
            return outgoing;
        }

        session.LastModifiedBy = Actor;
        var incidents = await session.Query<Incident>()
            .Where(i => i.Shop == alert.Shop && i.ClosedAt == null && i.FalsePositiveReason == null)
            .ToListAsync(ct);
        var slot = await session.LoadAsync<ShopTriageSlot>(alert.Shop, ct);
        var open = slot?.OpenItem is { } itemId && await session.LoadAsync<TriageItem>(itemId, ct) is { Status: TriageStatus.Open } item ? item : null;
        switch (Correlation.Decide(alert.Kind, [.. incidents.Select(i => new OpenIncident(i.Id, i.Kind, i.DetectedAt))], open?.Id))
        {
            case CorrelationDecision.AttachToIncident attach:
                stream.AppendOne(new AlertAttachedToIncident(alert.Id, attach.IncidentId, attach.Rule));
                break;
            case CorrelationDecision.AddToTriageItem add:
                var triage = await session.Events.FetchForWriting<TriageItem>(add.TriageItemId, ct);
                triage.AppendOne(new TriageAlertAdded(add.TriageItemId, alert.Id, alert.Kind, alert.Severity, alert.Title));
                stream.AppendOne(new AlertTriaged(alert.Id, add.TriageItemId, add.Rule));
                if (alert.Severity > triage.Aggregate!.Severity)
                {
                    // A more severe alert tightens the item's targets: each is checked again at its new time.
                    Schedule(outgoing, add.TriageItemId, triage.Aggregate.OpenedAt, sla.Value.For(alert.Severity));
                }

                break;
            case CorrelationDecision.OpenTriageItem opened:
                var id = Guid.CreateVersion7(now);
                session.Events.StartStream<TriageItem>(id, new TriageItemOpened(id, alert.Shop, alert.Kind, alert.Severity, alert.Id, alert.Title, opened.Rule));
                stream.AppendOne(new AlertTriaged(alert.Id, id, opened.Rule));
                if (slot is null)
                {
                    session.Insert(new ShopTriageSlot { Id = alert.Shop, OpenItem = id });
                }
                else
                {
                    slot.OpenItem = id;
                    session.Store(slot);
                }

                Schedule(outgoing, id, now, sla.Value.For(alert.Severity));
                break;
        }

        return outgoing;
    }

    /// <summary>A check at the due time of each target; a check that finds the target met, or moved, does nothing.</summary>
    internal static void Schedule(OutgoingMessages outgoing, Guid itemId, DateTimeOffset openedAt, SlaTargets targets)
    {
        foreach (var target in Enum.GetValues<SlaTarget>())
        {
            if (targets.For(target) is { } allowed)
            {
                var due = openedAt + allowed;
                outgoing.Add(new CheckTriageSla(itemId, target, due).ScheduledAt(due));
            }
        }
    }
}
