using CaseManagement.Incidents;

namespace CaseManagement.Alerts.Triage;

// A triage item is its own stream (id = item id): the alerts correlation gathered for one shop while nobody had decided yet, and the
// decision a person took on them. One item is open per shop at a time.

public sealed record TriageItemOpened(Guid TriageItemId, string Shop, IncidentKind Kind, Severity Severity, Guid AlertId, string Title, string Rule);

public sealed record TriageAlertAdded(Guid TriageItemId, Guid AlertId, IncidentKind Kind, Severity Severity, string Title);

/// <summary>A person took the item on (the acknowledge target of its SLA).</summary>
public sealed record TriageItemAcknowledged(Guid TriageItemId, string? Note);

/// <summary>A person decided the alerts are an incident, and opened it.</summary>
public sealed record TriageItemPromoted(Guid TriageItemId, Guid IncidentId, string Title, IncidentKind Kind, string? Reason);

/// <summary>A person decided the alerts belong to an incident that is already open.</summary>
public sealed record TriageItemAttached(Guid TriageItemId, Guid IncidentId, string Reason);

/// <summary>A person decided the alerts need no incident.</summary>
public sealed record TriageItemDismissed(Guid TriageItemId, string Reason);

/// <summary>A target of the triage SLA passed unmet (it is paged).</summary>
public sealed record TriageSlaBreached(Guid TriageItemId, SlaTarget Target, DateTimeOffset DueAt, Severity Severity);
