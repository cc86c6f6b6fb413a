using CaseManagement.Alerts.Intake;
using CaseManagement.Alerts.Triage;
using CaseManagement.Audit.Reports;
using CaseManagement.Incidents;
using CaseManagement.Security.Pii;
using Marten;
using Microsoft.Extensions.Options;

namespace CaseManagement.Alerts.Reviewing;

/// <summary>A triage item in the list, with where each target of its SLA stands.</summary>
public sealed record TriageListEntry(TriageItem Item, IReadOnlyList<SlaCheck> Sla);

/// <summary>A triage item with its alerts and where each target of its SLA stands.</summary>
public sealed record TriageItemView(TriageItem Item, IReadOnlyList<SlaCheck> Sla, IReadOnlyList<Alert> Alerts);

public static class AlertReadEndpoints
{
    [WolverineGet("/api/alerts", OperationId = "ListAlerts", Summary = "Alerts, newest first (shop, status and limit optional)")]
    [Authorize(Policies.ReadIncidents), Tags("Alerts")]
    public static async Task<IResult> List(string? shop, string? status, int? limit, IQuerySession session, CancellationToken ct)
    {
        if (status is not null && !ApiJson.TryParseWire<AlertStatus>(status, out _))
        {
            return Problems.BadRequest($"status must be one of: {string.Join(", ", ApiJson.WireNames<AlertStatus>())}");
        }

        IQueryable<Alert> query = session.Query<Alert>();
        if (shop is not null)
        {
            query = query.Where(a => a.Shop == shop);
        }

        if (status is not null)
        {
            var wanted = ApiJson.ParseWire<AlertStatus>(status);
            query = query.Where(a => a.Status == wanted);
        }

        return Results.Ok(await query.OrderByDescending(a => a.ReceivedAt).Take(Math.Clamp(limit ?? 100, 1, 500)).ToListAsync(ct));
    }

    [WolverineGet("/api/alerts/{id}", OperationId = "GetAlert", Summary = "One alert: what was reported, every sighting, and where it went")]
    [Authorize(Policies.ReadIncidents), Tags("Alerts")]
    public static Alert Get([ReadAggregate] Alert alert) => alert;

    /// <summary>
    /// The raw payload, exactly as it arrived (its SHA-256 is checked against the one recorded on the alert). Each time it is
    /// served is recorded on the alert's stream, committed before the answer is written; a refusal (404, 410, 409) shows
    /// nothing and records nothing.
    /// </summary>
    [WolverineGet("/api/alerts/{id}/payloads/{payloadId}", OperationId = "GetAlertPayload",
        Summary = "A raw alert payload as it arrived (decrypted when kept encrypted); each read is recorded on the alert")]
    [Authorize(Policies.ReadPersonalData), Tags("Alerts")]
    public static async Task<IResult> Payload(Guid id, Guid payloadId, HttpContext http, IDocumentSession session, IMessageBus bus, PiiVault vault,
        CancellationToken ct)
    {
        if (await session.LoadAsync<AlertPayload>(payloadId, ct) is not { } payload || payload.AlertId != id)
        {
            return Results.Problem(title: "Payload not found", detail: $"Alert {id} has no payload {payloadId}.", statusCode: StatusCodes.Status404NotFound);
        }

        var text = payload.Text ?? (payload.Protected is { } sealedText ? await vault.RevealAsync(session, sealedText, ct) : null);
        if (text is null)
        {
            return Results.Problem(title: "Payload erased", detail: $"The key payload {payloadId} was encrypted under was erased; its SHA-256 {payload.Sha256} stays on the alert.",
                statusCode: StatusCodes.Status410Gone);
        }

        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        if (Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)) != payload.Sha256)
        {
            return Results.Problem(title: "Alert payload failed its integrity check",
                detail: $"Payload {payloadId} no longer hashes to the SHA-256 recorded when it arrived ({payload.Sha256}); it is not served.",
                statusCode: StatusCodes.Status409Conflict);
        }

        await bus.InvokeForTenantAsync(session.TenantId, new RecordAlertPayloadRead(new AlertPayloadRead(id, payloadId, payload.Sha256, ReportReader.Of(http).Roles),
            CaseManagementClaims.ActorOf(http.User)), ct);
        return Results.Bytes(bytes, payload.ContentType);
    }

    [WolverineGet("/api/incidents/{id}/alerts", OperationId = "GetIncidentAlerts",
        Summary = "The alerts attached to an incident and to the duplicates merged into it, oldest first")]
    [Authorize(Policies.ReadIncidents), Tags("Alerts")]
    public static async Task<IReadOnlyList<Alert>> IncidentAlerts([ReadAggregate] Incident incident, IQuerySession session, CancellationToken ct)
    {
        var alerts = new List<Alert>();
        foreach (var id in incident.MergedDuplicates.Prepend(incident.Id))
        {
            alerts.AddRange(await session.Query<Alert>().Where(a => a.IncidentId == id).ToListAsync(ct));
        }

        return [.. alerts.OrderBy(a => a.ReceivedAt)];
    }

    [WolverineGet("/api/triage", OperationId = "ListTriageItems", Summary = "Triage items (open ones unless status says otherwise), newest first, with their SLA")]
    [Authorize(Policies.ReadIncidents), Tags("Alerts")]
    public static async Task<IResult> Triage(string? status, IQuerySession session, IOptions<TriageSlaOptions> sla, TimeProvider clock, CancellationToken ct)
    {
        if (status is not null && status != "all" && !ApiJson.TryParseWire<TriageStatus>(status, out _))
        {
            return Problems.BadRequest($"status must be all or one of: {string.Join(", ", ApiJson.WireNames<TriageStatus>())}");
        }

        IQueryable<TriageItem> query = session.Query<TriageItem>();
        if (status != "all")
        {
            var wanted = status is null ? TriageStatus.Open : ApiJson.ParseWire<TriageStatus>(status);
            query = query.Where(t => t.Status == wanted);
        }

        var items = await query.OrderByDescending(t => t.OpenedAt).Take(200).ToListAsync(ct);
        var incidentIds = items.Select(i => i.IncidentId).OfType<Guid>().Distinct().ToArray();
        var contained = incidentIds.Length == 0
            ? new Dictionary<Guid, DateTimeOffset?>()
            : (await session.LoadManyAsync<Incident>(ct, incidentIds)).ToDictionary(i => i.Id, i => i.ContainedAt);
        var now = clock.GetUtcNow();
        return Results.Ok(items.Select(item => new TriageListEntry(item,
            TriageSla.Evaluate(item, item.IncidentId is { } id ? contained.GetValueOrDefault(id) : null, sla.Value.For(item.Severity), now))).ToList());
    }

    [WolverineGet("/api/triage/{id}", OperationId = "GetTriageItem", Summary = "A triage item with its alerts and its SLA")]
    [Authorize(Policies.ReadIncidents), Tags("Alerts")]
    public static async Task<TriageItemView> TriageItem([ReadAggregate] TriageItem item, IQuerySession session, IOptions<TriageSlaOptions> sla, TimeProvider clock,
        CancellationToken ct)
    {
        var containedAt = item.IncidentId is { } incidentId ? (await session.LoadAsync<Incident>(incidentId, ct))?.ContainedAt : null;
        var alerts = await session.Query<Alert>().Where(a => a.TriageItemId == item.Id).OrderBy(a => a.ReceivedAt).ToListAsync(ct);
        return new TriageItemView(item, TriageSla.Evaluate(item, containedAt, sla.Value.For(item.Severity), clock.GetUtcNow()), alerts);
    }
}
