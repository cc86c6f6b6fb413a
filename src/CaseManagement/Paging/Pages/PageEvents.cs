namespace CaseManagement.Paging.Pages;

// A page is its own stream (id derived from what it pages for, so the same cause never pages twice): raising it, every delivery
// attempt, its acknowledgement, each escalation to the next person. Nothing here is appended to an incident or a triage item.

public enum PageCause
{
    /// <summary>A triage item opened with (or was raised to) a critical alert.</summary>
    CriticalAlert,

    /// <summary>A target of a triage item's SLA passed unmet.</summary>
    TriageSlaBreached,

    DeadlineApproaching,
    DeadlineMissed,

    /// <summary>An obligation's deadline came while the facts that decide whether it applies are still missing.</summary>
    ObligationFactsMissing,

    /// <summary>A decision waits for an approver: a risky containment step or a notification campaign.</summary>
    ApprovalWaiting,
}

/// <summary>A person to page, as the roster named them when the page was raised.</summary>
public sealed record PagedPerson(string Name, string Email, string? WebhookUrl);

/// <summary>
/// Something needs a person now. <paramref name="Recipients"/> is the on-call order at that instant (those on duty, or the whole
/// roster when nobody was: <paramref name="OutsideHours"/>); empty when the organisation has no roster.
/// </summary>
/// <param name="Source">The stream and event that caused it, e.g. "triage item 0193…", for the person paged.</param>
/// <param name="Link">The API path of what to look at.</param>
public sealed record PageRaised(Guid PageId, PageCause Cause, string Subject, string Detail, string Source, string Link, Guid? IncidentId, Guid? TriageItemId,
    IReadOnlyList<PagedPerson> Recipients, bool OutsideHours, int AcknowledgeWithinMinutes);

/// <summary>The channel's provider accepted the page for <paramref name="Person"/> (the mail server took it; the webhook answered 2xx).</summary>
public sealed record PageDelivered(Guid PageId, int Step, string Person, string Channel, string ProviderResponse);

/// <summary>The page could not be handed to the channel for <paramref name="Person"/>; the escalation timer runs regardless.</summary>
public sealed record PageDeliveryFailed(Guid PageId, int Step, string Person, string Channel, string Reason);

/// <summary>A person took the page on, by the link they were sent ("link", as the person it was sent to) or through the API ("api").</summary>
public sealed record PageAcknowledged(Guid PageId, int Step, string By, string Via, string? Note);

/// <summary>Nobody acknowledged within the time allowed: the page goes to the next person of its order.</summary>
public sealed record PageEscalated(Guid PageId, int FromStep, int ToStep, string From, string To, int WaitedMinutes);

/// <summary>Nobody is left to page: the whole order was paged without an acknowledgement, or there was nobody to page.</summary>
public sealed record PageUnanswered(Guid PageId, int Step, string Why);
