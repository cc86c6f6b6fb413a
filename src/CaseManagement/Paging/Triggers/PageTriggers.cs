using System.Globalization;
using CaseManagement.Alerts.Triage;
using CaseManagement.Containment;
using CaseManagement.Incidents;
using CaseManagement.Notifications.Campaigns;
using CaseManagement.Obligations.Escalation;
using CaseManagement.Paging.Pages;
using JasperFx.Events;

namespace CaseManagement.Paging.Triggers;

/// <summary>Raise one page (a no-op when a page with this id exists: the id says what it pages for).</summary>
public sealed record RaisePage(Guid PageId, PageCause Cause, string Subject, string Detail, string Source, string Link, Guid? IncidentId, Guid? TriageItemId);

/// <summary>
/// Which recorded events need a person now, and what the page says. Pure. A page's id derives from its cause: the same event
/// seen again (a replayed subscription) or a second critical alert on the same triage item raises no second page.
/// </summary>
public static class PageTriggers
{
    public static RaisePage? For(IEvent e) => e.Data switch
    {
        TriageItemOpened { Severity: Severity.Critical } opened => Critical(opened.TriageItemId, opened.Shop, opened.Title, opened.Kind),
        TriageAlertAdded { Severity: Severity.Critical } added => Critical(added.TriageItemId, null, added.Title, added.Kind),
        TriageSlaBreached breached => new RaisePage(Id($"triage/{breached.TriageItemId:N}/sla/{breached.Target}"), PageCause.TriageSlaBreached,
            $"Triage SLA missed: {Words(breached.Target.ToString())} target of a {Words(breached.Severity.ToString())} triage item",
            $"Triage item {breached.TriageItemId} was due to be {Done(breached.Target)} by {Instant(breached.DueAt)} and was not.",
            $"triage item {breached.TriageItemId}", $"/api/triage/{breached.TriageItemId}", null, breached.TriageItemId),
        DeadlineApproaching near => Deadline(e, PageCause.DeadlineApproaching, near.IncidentId,
            $"Deadline in {near.LeadHours} h: notify {near.Recipient} ({near.Jurisdiction})",
            $"Due {Instant(near.DueAt)} under {near.Citation} ({near.RuleId}); the duty is not yet met."),
        DeadlineMissed missed => Deadline(e, PageCause.DeadlineMissed, missed.IncidentId,
            $"Deadline missed: notify {missed.Recipient} ({missed.Jurisdiction})",
            $"It was due {Instant(missed.DueAt)} under {missed.Citation} ({missed.RuleId}) and the duty is not met."),
        ObligationFactsMissing facts => Deadline(e, PageCause.ObligationFactsMissing, facts.IncidentId,
            $"Facts needed: does {facts.Recipient} ({facts.Jurisdiction}) have to be notified?",
            $"If the duty applies it is due {Instant(facts.DueAt)} under {facts.Citation} ({facts.RuleId}). Needed: " +
            string.Join("; ", facts.MissingFacts.Select(f => f.Question))),
        ContainmentStepAwaitingApproval step => Approval(e, step.IncidentId, $"Approval waiting: containment step {step.StepId}",
            $"Run {step.RunId} of incident {step.IncidentId} holds step {step.StepId} for an approver's yes: {step.Why}"),
        CampaignDrafted campaign => Approval(e, campaign.IncidentId, $"Approval waiting: notification campaign “{campaign.Name}”",
            $"Campaign {campaign.CampaignId} ({campaign.Channel}) of incident {campaign.IncidentId} starts only after two approvals."),
        _ => null,
    };

    /// <summary>The event types <see cref="For"/> may page for, so the subscription reads no others.</summary>
    public static readonly IReadOnlyList<Type> EventTypes =
    [
        typeof(TriageItemOpened), typeof(TriageAlertAdded), typeof(TriageSlaBreached), typeof(DeadlineApproaching), typeof(DeadlineMissed),
        typeof(ObligationFactsMissing), typeof(ContainmentStepAwaitingApproval), typeof(CampaignDrafted),
    ];

    /// <summary>A page's id: the same cause always gives the same id.</summary>
    public static Guid Id(string cause) => IncidentStreams.Derived($"paging/{cause}");

    // One page per triage item for critical alerts, whether the first alert was critical or a later one raised it.
    private static RaisePage Critical(Guid item, string? shop, string title, IncidentKind kind) =>
        new(Id($"triage/{item:N}/critical"), PageCause.CriticalAlert, $"Critical alert{(shop is null ? "" : $" on {shop}")}: {title}",
            $"Triage item {item} ({Words(kind.ToString())}) holds a critical alert and waits for a person to take it on and decide.",
            $"triage item {item}", $"/api/triage/{item}", null, item);

    private static RaisePage Deadline(IEvent e, PageCause cause, Guid incident, string subject, string detail) =>
        new(Id($"event/{e.Id:N}"), cause, subject, detail, $"incident {incident}", $"/api/incidents/{incident}/deadlines", incident, null);

    private static RaisePage Approval(IEvent e, Guid incident, string subject, string detail) =>
        new(Id($"event/{e.Id:N}"), PageCause.ApprovalWaiting, subject, detail, $"incident {incident}", "/api/approvals", incident, null);

    private static string Done(SlaTarget target) => target switch
    {
        SlaTarget.Acknowledge => "acknowledged",
        SlaTarget.Classify => "classified",
        _ => "contained",
    };

    private static string Words(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) && i > 0 ? " " + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
