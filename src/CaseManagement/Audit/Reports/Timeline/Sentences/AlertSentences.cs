using CaseManagement.Alerts;
using CaseManagement.Alerts.Triage;
using CaseManagement.Incidents;
using static CaseManagement.Audit.Reports.Timeline.Wording;

namespace CaseManagement.Audit.Reports.Timeline.Sentences;

/// <summary>The signals behind an incident (its alerts and the triage items they passed through) and merges of duplicate incidents.</summary>
internal static class AlertSentences
{
    public static SentenceBook Register(SentenceBook book) => book
        .On<AlertReceived>((e, n) => new Told(
            $"{n.Subject} reported a {Word(e.Severity)} alert on {e.Shop}: “{e.Title}” ({Word(e.Kind)}, about {e.Indicator}" +
            $"{(e.Signal is null ? "" : $", {e.Format} rule {e.Signal}")}); sender's reference {e.Reference}.",
            Why: e.Summary, At: e.OccurredAtStated ? new BusinessTime(e.OccurredAt, "occurred") : null,
            Evidence: [new EvidenceReference($"raw payload, {Count(e.PayloadBytes, "byte", "bytes")}{(e.PayloadEncrypted ? ", kept encrypted" : "")}", e.PayloadId.ToString(), e.PayloadSha256)]))
        .On<AlertSighted>((e, n) => new Told(
            $"{n.Subject} reported the same alert again (matched by {e.MatchedBy}; sender's reference {e.Reference}).",
            At: new BusinessTime(e.OccurredAt, "occurred"),
            Evidence: [new EvidenceReference($"raw payload, {Count(e.PayloadBytes, "byte", "bytes")}", e.PayloadId.ToString(), e.PayloadSha256)]))
        .On<AlertTriaged>((e, n) => new Told($"{n.Subject} put the alert in triage item {Short(e.TriageItemId)} ({e.Rule}).", Details: $"triage item {e.TriageItemId}"))
        .On<AlertAttachedToIncident>((e, n) => new Told($"{n.Subject} attached the alert to incident {Short(e.IncidentId)} ({e.Rule}).", Details: $"incident {e.IncidentId}"))
        .On<AlertDismissed>((e, n) => new Told($"{n.Subject} dismissed the alert with its triage item {Short(e.TriageItemId)}.", Why: e.Reason))
        .On<AlertPayloadRead>((e, n) => new Told(
            $"{n.Subject}{(e.Roles.Count > 0 ? $" ({string.Join(", ", e.Roles)})" : "")} was shown the alert's raw payload {Short(e.PayloadId)}.",
            Evidence: [new EvidenceReference("raw payload read", e.PayloadId.ToString(), e.PayloadSha256)]))
        .On<TriageItemOpened>((e, n) => new Told(
            $"{n.Subject} opened a triage item for {e.Shop} with a {Word(e.Severity)} alert: “{e.Title}” ({Word(e.Kind)}).", Details: $"first alert {e.AlertId}"))
        .On<TriageAlertAdded>((e, n) => new Told($"{n.Subject} added a {Word(e.Severity)} alert to the triage item: “{e.Title}” ({Word(e.Kind)}).",
            Details: $"alert {e.AlertId}"))
        .On<TriageItemAcknowledged>((e, n) => new Told($"{n.Subject} took the triage item on.", Why: e.Note))
        .On<TriageItemPromoted>((e, n) => new Told($"{n.Subject} opened incident {Short(e.IncidentId)} “{e.Title}” ({Word(e.Kind)}) from the triage item's alerts.",
            Why: e.Reason, Details: $"incident {e.IncidentId}"))
        .On<TriageItemAttached>((e, n) => new Told($"{n.Subject} attached the triage item's alerts to incident {Short(e.IncidentId)}.", Why: e.Reason,
            Details: $"incident {e.IncidentId}"))
        .On<TriageItemDismissed>((e, n) => new Told($"{n.Subject} dismissed the triage item: no incident.", Why: e.Reason))
        .On<TriageSlaBreached>((e, n) => new Told($"{n.Subject} recorded that the triage item's {Word(e.Target)} target passed unmet ({Word(e.Severity)} severity).",
            At: new BusinessTime(e.DueAt, "due")))
        .On<IncidentMarkedDuplicate>((e, n) => new Told($"{n.Subject} marked the incident as a duplicate of incident {Short(e.DuplicateOf)}; work continues there.",
            Why: e.Reason, Details: $"duplicate of {e.DuplicateOf}"))
        .On<DuplicateIncidentMerged>((e, n) => new Told(
            $"{n.Subject} merged incident {Short(e.DuplicateId)} “{e.DuplicateTitle}” into this one as its duplicate (detected {Instant(e.DuplicateDetectedAt)}" +
            $"{(e.DuplicateAwareAt is { } aware ? $", aware since {Instant(aware)}" : "")}); both histories are kept.",
            Why: e.Reason, Details: $"duplicate {e.DuplicateId}"));
}
