using CaseManagement.Api.Conventions;
using CaseManagement.Incidents;
using CaseManagement.Incidents.Detecting;
using CaseManagement.Rules.Catalogue;
using JasperFx.Events;
using Marten;

namespace CaseManagement.Alerts.Triage;

/// <summary>Put one alert of a decided triage item where the decision put it (its own stream; the alert may be receiving sightings meanwhile).</summary>
/// <param name="IncidentId">The incident it now belongs to; null when the item was dismissed.</param>
public sealed record PlaceTriagedAlert(Guid AlertId, Guid TriageItemId, Guid? IncidentId, string Rule, string? Reason);

public static class PlaceTriagedAlertHandler
{
    public static IEnumerable<object> Handle(PlaceTriagedAlert message, [WriteAggregate] Alert alert, IDocumentSession session)
    {
        // A placement already made (a redelivery) or an alert moved since is left as it is.
        if (alert.Status != AlertStatus.Triaged || alert.TriageItemId != message.TriageItemId)
        {
            yield break;
        }

        session.LastModifiedBy = CorrelateAlertHandler.Actor;
        yield return message.IncidentId is { } incident
            ? new AlertAttachedToIncident(alert.Id, incident, message.Rule)
            : new AlertDismissed(alert.Id, message.TriageItemId, message.Reason ?? "");
    }
}

/// <summary>Checks every decision on a triage item shares: it must still be open.</summary>
internal static class OpenItems
{
    public static ProblemDetails Decidable(TriageItem item, string action) => item.Status == TriageStatus.Open
        ? WolverineContinue.NoProblems
        : new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Title = "Triage item already decided",
            Detail = $"Cannot {action}: triage item {item.Id} was {ApiJson.WireName(item.Status)} at {item.DecidedAt:O} by {item.DecidedBy}" +
                     (item.IncidentId is { } incident ? $" (incident {incident})" : "") + ".",
            // Not "status": that member is the problem's HTTP status.
            Extensions = { ["itemStatus"] = ApiJson.WireName(item.Status) },
        };

    public static OutgoingMessages Place(TriageItem item, Guid? incidentId, string rule, string? reason) =>
        [.. item.Alerts.Select(a => new PlaceTriagedAlert(a.AlertId, item.Id, incidentId, rule, reason))];

    /// <summary>The shop's slot no longer points at a decided item, so the next alert opens a new one.</summary>
    public static async Task ReleaseSlotAsync(IDocumentSession session, TriageItem item, CancellationToken ct)
    {
        if (await session.LoadAsync<ShopTriageSlot>(item.Shop, ct) is { } slot && slot.OpenItem == item.Id)
        {
            slot.OpenItem = null;
            session.Store(slot);
        }
    }
}

public sealed record AcknowledgeTriageItem(string? Note, long? ExpectedVersion) : IExpectVersion;

public static class AcknowledgeTriageItemEndpoint
{
    public static ProblemDetails Validate(AcknowledgeTriageItem command, TriageItem item)
    {
        if (new Validation().Optional("note", command.Note, 4000).ToProblem() is { Status: not null } invalid)
        {
            return invalid;
        }

        return item.AcknowledgedAt is { } at
            ? new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict, Title = "Already acknowledged",
                Detail = $"Triage item {item.Id} was acknowledged at {at:O} by {item.AcknowledgedBy}.",
            }
            : OpenItems.Decidable(item, "acknowledge");
    }

    [WolverinePost("/api/triage/{id}/acknowledge", OperationId = nameof(AcknowledgeTriageItem), Summary = "Take a triage item on (its SLA's acknowledge target)")]
    [Authorize(Policies.RecordFacts), Tags("Alerts")]
    public static (UpdatedAggregate, TriageItemAcknowledged) Post(AcknowledgeTriageItem command, [WriteAggregate] TriageItem item) =>
        (new UpdatedAggregate(), new TriageItemAcknowledged(item.Id, command.Note?.Trim()));
}

/// <param name="Title">The incident's title; the item's (its first alert's) when left out.</param>
/// <param name="Kind">The incident's kind; the item's (its first alert's) when left out.</param>
/// <param name="Shop">The registered shop the incident names; the item's when left out. Given when the alerts name the shop
/// otherwise than the registry does (a WAF's host name, a sister shop).</param>
public sealed record PromoteTriageItem(string? Title, string? Kind, string? Reason, long? ExpectedVersion, string? Shop = null) : IExpectVersion;

public static class PromoteTriageItemEndpoint
{
    public const string Action = "promote to an incident";

    public static ProblemDetails Validate(PromoteTriageItem command, TriageItem item)
    {
        var validation = new Validation().Optional("title", command.Title, 200).Optional("reason", command.Reason).Optional("shop", command.Shop, 100);
        if (command.Kind is not null)
        {
            validation.OneOf<IncidentKind>("kind", command.Kind);
        }

        return validation.IsValid ? OpenItems.Decidable(item, Action) : validation.ToProblem();
    }

    /// <summary>The incident names a registered, active shop, as one detected by a person does.</summary>
    public static Task<ProblemDetails> ValidateAsync(PromoteTriageItem command, TriageItem item, IDocumentSession session, CancellationToken ct) =>
        ShopRegistry.RegisteredShops.RefuseNewIncidentAsync(session, "shop", ShopOf(command, item), ct);

    private static string ShopOf(PromoteTriageItem command, TriageItem item) => command.Shop?.Trim() is { Length: > 0 } given ? given : item.Shop;

    /// <remarks>
    /// The incident is detected when the item opened (its first alert arrived); awareness is a person's statement and is left to them.
    /// Its severity is the item's, the most severe of its alerts, recorded by the person promoting with that reason.
    /// </remarks>
    [WolverinePost("/api/triage/{id}/promote", OperationId = nameof(PromoteTriageItem), Summary = "Open an incident from a triage item's alerts")]
    [Authorize(Policies.RecordFacts), Tags("Alerts")]
    public static async Task<(IncidentCreated, Events, IStartStream, OutgoingMessages)> Post(PromoteTriageItem command, [WriteAggregate] TriageItem item,
        IDocumentSession session, DateTimeOffset now, CancellationToken ct)
    {
        var incidentId = Guid.CreateVersion7(now);
        var title = command.Title?.Trim() is { Length: > 0 } given ? given : item.Title;
        var kind = command.Kind is null ? item.Kind : ApiJson.ParseWire<IncidentKind>(command.Kind);
        var sources = (await session.Query<Alert>().Where(a => a.TriageItemId == item.Id).Select(a => a.Source).ToListAsync(ct)).Distinct().Order().ToList();
        var summary = string.Join("; ", item.Alerts.Select(a => a.Title));
        var detected = new IncidentDetected(incidentId, title, ShopOf(command, item), kind, item.OpenedAt, null,
            $"triage item {item.Id}: {item.Alerts.Count} alert(s) from {string.Join(", ", sources)}", summary.Length > 4000 ? summary[..4000] : summary, [],
            CatalogueVersion: CatalogueStore.Embedded.Latest.Version);
        var severity = new SeverityClassified(incidentId, item.Severity, $"the most severe of the {item.Alerts.Count} alert(s) of triage item {item.Id}");
        await OpenItems.ReleaseSlotAsync(session, item, ct);
        return (new IncidentCreated(incidentId, 2), [new TriageItemPromoted(item.Id, incidentId, title, kind, command.Reason?.Trim())],
            MartenOps.StartStream<Incident>(incidentId, detected, severity), OpenItems.Place(item, incidentId, CorrelationRule.TriageItemPromoted, null));
    }
}

public sealed record AttachTriageItem(Guid? IncidentId, string? Reason, long? ExpectedVersion) : IExpectVersion;

public static class AttachTriageItemEndpoint
{
    public static ProblemDetails Validate(AttachTriageItem command, TriageItem item) =>
        new Validation().Present("incidentId", command.IncidentId).Required("reason", command.Reason, 4000).ToProblem() is { Status: not null } invalid
            ? invalid
            : OpenItems.Decidable(item, "attach to an incident");

    public static async Task<ProblemDetails> ValidateAsync(AttachTriageItem command, IDocumentSession session, CancellationToken ct) =>
        await session.LoadAsync<Incident>(command.IncidentId!.Value, ct) switch
        {
            null => new Validation().Add("incidentId", $"no incident with id {command.IncidentId} exists").ToProblem(),
            { Status: IncidentStatus.Closed } closed => new Validation().Add("incidentId",
                $"incident {closed.Id} is closed; reopen it first, or promote the item to an incident of its own").ToProblem(),
            _ => WolverineContinue.NoProblems,
        };

    [WolverinePost("/api/triage/{id}/attach", OperationId = nameof(AttachTriageItem), Summary = "Attach a triage item's alerts to an open incident")]
    [Authorize(Policies.RecordFacts), Tags("Alerts")]
    public static async Task<(UpdatedAggregate, TriageItemAttached, OutgoingMessages)> Post(AttachTriageItem command, [WriteAggregate] TriageItem item,
        IDocumentSession session, CancellationToken ct)
    {
        await OpenItems.ReleaseSlotAsync(session, item, ct);
        var incident = command.IncidentId!.Value;
        return (new UpdatedAggregate(), new TriageItemAttached(item.Id, incident, command.Reason!.Trim()),
            OpenItems.Place(item, incident, CorrelationRule.TriageItemAttached, null));
    }
}

public sealed record DismissTriageItem(string? Reason, long? ExpectedVersion) : IExpectVersion;

public static class DismissTriageItemEndpoint
{
    public static ProblemDetails Validate(DismissTriageItem command, TriageItem item) =>
        new Validation().Required("reason", command.Reason, 4000).ToProblem() is { Status: not null } invalid ? invalid : OpenItems.Decidable(item, "dismiss");

    [WolverinePost("/api/triage/{id}/dismiss", OperationId = nameof(DismissTriageItem), Summary = "Dismiss a triage item's alerts, with a reason")]
    [Authorize(Policies.RecordFacts), Tags("Alerts")]
    public static async Task<(UpdatedAggregate, TriageItemDismissed, OutgoingMessages)> Post(DismissTriageItem command, [WriteAggregate] TriageItem item,
        IDocumentSession session, CancellationToken ct)
    {
        await OpenItems.ReleaseSlotAsync(session, item, ct);
        var reason = command.Reason!.Trim();
        return (new UpdatedAggregate(), new TriageItemDismissed(item.Id, reason), OpenItems.Place(item, null, "triage-item-dismissed", reason));
    }
}
