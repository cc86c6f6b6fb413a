using CaseManagement.Security.Pii;

namespace CaseManagement.Incidents;

// Events are the record of what responders knew and decided. They carry business time (when something
// happened, as the responder states it); Marten adds the server timestamp (when it was recorded), the
// actor (user name), correlation and causation ids as metadata. Never change or delete a stored event:
// add a correcting event instead.

public sealed record IncidentDetected(
    Guid IncidentId,
    string Title,
    string Shop,
    IncidentKind Kind,
    DateTimeOffset DetectedAt,
    DateTimeOffset? AwareAt,
    string? Source,
    string? Summary,
    IReadOnlyList<string> DataCategories,
    ProtectedContact? Reporter = null,
    string? CatalogueVersion = null,
    Readiness.Exercises.ExerciseMark? Exercise = null);

public sealed record SeverityClassified(Guid IncidentId, Severity Severity, string Reason);

public sealed record ResponderAssigned(Guid IncidentId, string Responder, string? Role);

public sealed record NoteAdded(Guid IncidentId, string Text);

/// <summary>Regulator clocks (e.g. GDPR Art. 33's 72 hours) start at awareness.</summary>
public sealed record AwarenessRecorded(Guid IncidentId, DateTimeOffset AwareAt, string? Reason);

public sealed record AwarenessCorrected(Guid IncidentId, DateTimeOffset PreviousAwareAt, DateTimeOffset AwareAt, string Reason);

/// <summary>A person corrected the shop the incident names; later scoping and containment runs read <paramref name="Shop"/>.</summary>
public sealed record IncidentShopCorrected(Guid IncidentId, string PreviousShop, string Shop, string Reason);

public sealed record IncidentContained(Guid IncidentId, DateTimeOffset ContainedAt, string Summary);

/// <summary>
/// The containment recorded earlier no longer stands: a required step of containment run <paramref name="RunId"/> is being
/// rolled back (docs/adr/0019). The incident is not contained again until a run completes or a person records it.
/// </summary>
public sealed record IncidentContainmentWithdrawn(Guid IncidentId, Guid RunId, string StepId, string Reason);

public sealed record IncidentScoped(
    Guid IncidentId,
    DateTimeOffset ScopedAt,
    string Summary,
    long? EstimatedAffectedPeople,
    IReadOnlyList<string> DataCategories);

public sealed record NotificationDeemedUnnecessary(Guid IncidentId, string Reason);

public sealed record IncidentNotified(Guid IncidentId, DateTimeOffset NotifiedAt, IReadOnlyList<string> Recipients, string Summary);

public sealed record MarkedFalsePositive(Guid IncidentId, string Reason);

public sealed record IncidentClosed(Guid IncidentId, string? Summary);

public sealed record IncidentReopened(Guid IncidentId, string Reason);
