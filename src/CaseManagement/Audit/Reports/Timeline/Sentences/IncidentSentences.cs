using CaseManagement.Incidents;
using CaseManagement.Incidents.Reviewing;
using CaseManagement.Infrastructure;
using static CaseManagement.Audit.Reports.Timeline.Wording;

namespace CaseManagement.Audit.Reports.Timeline.Sentences;

/// <summary>The incident's lifecycle, triage and awareness, and the exports of its record (and of the organisation's).</summary>
internal static class IncidentSentences
{
    public static SentenceBook Register(SentenceBook book) => book
        .On<IncidentDetected>((e, n) => new Told(
            $"{n.Subject} opened the incident “{e.Title}” on {e.Shop}: {Word(e.Kind)} detected{(e.Source is null ? "" : $" through {e.Source}")}; " +
            $"data involved: {List(e.DataCategories)}{(e.AwareAt is { } aware ? $"; aware since {Instant(aware)}" : "")}" +
            $"{(e.Reporter is null ? "" : "; reported by a shopper, whose contact is stored encrypted")}" +
            $"{(e.Exercise is { } x ? $"; an exercise, not a real incident (exercise {Wording.Short(x.ExerciseId)}, scenario {x.Scenario} v{x.ScenarioVersion})" : "")}.",
            Why: e.Summary, At: new BusinessTime(e.DetectedAt, "detected")))
        .On<SeverityClassified>((e, n) => new Told($"{n.Subject} classified the severity as {Word(e.Severity)}.", Why: e.Reason))
        .On<ResponderAssigned>((e, n) => new Told($"{n.Subject} assigned {e.Responder} to the incident{(e.Role is null ? "" : $" as {e.Role}")}."))
        .On<NoteAdded>((e, n) => new Told($"{n.Subject} added a note: “{e.Text}”."))
        .On<AwarenessRecorded>((e, n) => new Told(
            $"{n.Subject} recorded when the shop became aware of the breach: {Instant(e.AwareAt)} (regulator clocks start here).",
            Why: e.Reason, At: new BusinessTime(e.AwareAt, "aware")))
        .On<AwarenessCorrected>((e, n) => new Told(
            $"{n.Subject} corrected the awareness time from {Instant(e.PreviousAwareAt)} to {Instant(e.AwareAt)}.",
            Why: e.Reason, At: new BusinessTime(e.AwareAt, "aware")))
        .On<Incidents.Awareness.BreachStartRecorded>((e, n) => new Told(
            e.PreviousStartedAt is { } previous
                ? $"{n.Subject} restated when the breach began, from {Instant(previous)} to {Instant(e.StartedAt)} (time to detect runs from here)."
                : $"{n.Subject} recorded when the breach began: {Instant(e.StartedAt)} (time to detect runs from here).",
            Why: e.Basis, At: new BusinessTime(e.StartedAt, "began")))
        .On<IncidentShopCorrected>((e, n) => new Told(
            $"{n.Subject} corrected the incident's shop from {e.PreviousShop} to {e.Shop}; later scoping and containment runs read {e.Shop}.",
            Why: e.Reason))
        .On<IncidentContained>((e, n) => new Told($"{n.Subject} recorded the breach as contained.", Why: e.Summary,
            At: new BusinessTime(e.ContainedAt, "contained")))
        .On<IncidentContainmentWithdrawn>((e, n) => new Told(
            $"{n.Subject} withdrew the recorded containment: step {n.Step(e.RunId, e.StepId)} is being rolled back, so the breach is no longer shown as contained.",
            Why: e.Reason))
        .On<IncidentScoped>((e, n) => new Told(
            $"{n.Subject} recorded the scope: " +
            $"{(e.EstimatedAffectedPeople is { } people ? $"an estimated {Count(people, "person", "people")} affected" : "no estimate of the people affected")}; " +
            $"data involved: {(e.DataCategories.Count > 0 ? List(e.DataCategories) : "as recorded before")}.",
            Why: e.Summary, At: new BusinessTime(e.ScopedAt, "scoped")))
        .On<NotificationDeemedUnnecessary>((e, n) => new Told($"{n.Subject} decided that no notification is owed.", Why: e.Reason))
        .On<IncidentNotified>((e, n) => new Told($"{n.Subject} recorded that these were notified: {List(e.Recipients)}.", Why: e.Summary,
            At: new BusinessTime(e.NotifiedAt, "notified")))
        .On<MarkedFalsePositive>((e, n) => new Told($"{n.Subject} marked the incident as a false positive.", Why: e.Reason))
        .On<IncidentClosed>((e, n) => new Told($"{n.Subject} closed the incident.", Why: e.Summary))
        .On<IncidentReopened>((e, n) => new Told($"{n.Subject} reopened the incident.", Why: e.Reason))
        .On<AuditReportExported>((e, n) => new Told(
            $"{n.Subject}{Capacity(e.Roles)} exported the audit report as {e.Format.ToUpperInvariant()}, " +
            $"showing the incident as of {Instant(e.AsOf)} (version {e.AsOfVersion}).",
            Evidence: [new EvidenceReference("exported file", null, e.Sha256)]))
        .On<ReporterContactRevealed>((e, n) => new Told($"{n.Subject}{Capacity(e.Roles)} was shown the reporting shopper's contact details."))
        .On<PeriodReportExported>((e, n) => new Told(
            $"{n.Subject}{Capacity(e.Roles)} exported the incident response report for {Instant(e.From)} to {Instant(e.To)} as " +
            $"{e.Format.ToUpperInvariant()}, covering {Count(e.Incidents.Count, "incident", "incidents")} as recorded by {Instant(e.AsOf)}.",
            Details: e.Incidents.Count == 0 ? null : $"incidents: {string.Join(", ", e.Incidents)}",
            Evidence: [new EvidenceReference("exported file", null, e.Sha256)]))
        .On<DeadLetterDecided>((e, n) => new Told(
            $"{n.Subject} decided to {e.Decision} the dead letter {e.DeadLetterId} ({e.MessageType}).",
            Why: e.Reason,
            Details: e.ExceptionType is null ? null : $"it had failed with {e.ExceptionType}: {e.ExceptionMessage}"))
        .On<ShopRegistry.ShopDeactivated>((e, n) => new Told(
            $"{n.Subject} deactivated shop {e.Shop}: no new incident, scoping, containment or exercise may name it.", Why: e.Reason))
        .On<ShopRegistry.ShopReactivated>((e, n) => new Told(
            $"{n.Subject} reactivated shop {e.Shop} after its connection test passed again{(e.ServerVersion is null ? "" : $" (server {e.ServerVersion})")}; " +
            $"incidents may name it again.",
            Why: e.Reason,
            Details: $"it had been deactivated at {Instant(e.DeactivatedAt)} by {e.DeactivatedBy}: {e.DeactivationReason}"));

    private static string Capacity(IReadOnlyList<string> roles) => roles.Count > 0 ? $" ({string.Join(", ", roles)})" : "";
}
