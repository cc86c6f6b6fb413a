using CaseManagement.Scoping;
using CaseManagement.Obligations.Facts;
using CaseManagement.Rules.Catalogue;
using JasperFx.Events;

namespace CaseManagement.Incidents;

/// <summary>
/// Current state of one incident, rebuilt from its stream (inline snapshot, or live for time travel).
/// Apply methods return a new state and never mutate: Marten keeps aggregates in an identity map.
/// </summary>
public sealed partial record Incident : IIncidentMilestones
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public string Title { get; init; } = "";
    public string Shop { get; init; } = "";
    public IncidentKind Kind { get; init; }
    public string? Source { get; init; }
    public string? Summary { get; init; }
    public IReadOnlyList<string> DataCategories { get; init; } = [];

    /// <summary>Whom to ask about the report; the contact itself stays encrypted in the detection event.</summary>
    public string? ReporterSubjectId { get; init; }
    public Severity? Severity { get; init; }
    public string? SeverityReason { get; init; }
    public IReadOnlyList<string> Responders { get; init; } = [];
    public int NoteCount { get; init; }

    public DateTimeOffset DetectedAt { get; init; }

    /// <summary>When the breach began, on the earliest evidence people recorded; null until someone does.</summary>
    public DateTimeOffset? BreachStartedAt { get; init; }

    public DateTimeOffset? AwareAt { get; init; }
    public DateTimeOffset? ContainedAt { get; init; }

    /// <summary>Why an earlier containment no longer stands, until the incident is contained again.</summary>
    public ContainmentWithdrawal? ContainmentWithdrawn { get; init; }
    public DateTimeOffset? ScopedAt { get; init; }
    public long? EstimatedAffectedPeople { get; init; }
    public DateTimeOffset? NotifiedAt { get; init; }
    public IReadOnlyList<string> NotifiedRecipients { get; init; } = [];
    public string? NoNotificationReason { get; init; }
    public string? FalsePositiveReason { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public int ReopenCount { get; init; }

    /// <summary>The exercise this incident stages, from its first event; null for a real incident (ADR 24). Nothing changes it.</summary>
    public Readiness.Exercises.ExerciseMark? Exercise { get; init; }

    /// <summary>The obligation catalogue version this incident's deadlines are computed from.</summary>
    public string? CatalogueVersion { get; init; }

    /// <summary>Recorded instants that start regulator clocks, besides awareness (discovery, determination...).</summary>
    public IReadOnlyDictionary<ClockStart, DateTimeOffset> Clocks { get; init; } = new Dictionary<ClockStart, DateTimeOffset>();

    public DateTimeOffset? LawEnforcementDelayRequestedAt { get; init; }

    /// <summary>Scoping runs people asked for, oldest first; each has its own stream.</summary>
    public IReadOnlyList<Guid> ScopingRunIds { get; init; } = [];

    /// <summary>Server time of the first and latest recorded event.</summary>
    public DateTimeOffset RecordedAt { get; init; }
    public DateTimeOffset LastRecordedAt { get; init; }

    public IncidentStatus Status => IncidentLifecycle.StatusOf(this);

    public IReadOnlyList<IncidentAction> AllowedActions => IncidentLifecycle.AllowedActions(this);

    bool IIncidentMilestones.NoNotificationOwed => NoNotificationReason is not null;

    bool IIncidentMilestones.FalsePositive => FalsePositiveReason is not null;

    public static Incident Create(IEvent<IncidentDetected> e) => new()
    {
        Id = e.Data.IncidentId,
        Title = e.Data.Title,
        Shop = e.Data.Shop,
        Kind = e.Data.Kind,
        Source = e.Data.Source,
        Summary = e.Data.Summary,
        DataCategories = e.Data.DataCategories,
        ReporterSubjectId = e.Data.Reporter?.SubjectId,
        CatalogueVersion = e.Data.CatalogueVersion,
        Exercise = e.Data.Exercise,
        DetectedAt = e.Data.DetectedAt,
        AwareAt = e.Data.AwareAt,
        RecordedAt = e.Timestamp,
        LastRecordedAt = e.Timestamp,
    };

    public Incident Apply(IEvent<SeverityClassified> e) =>
        Touch(e) with { Severity = e.Data.Severity, SeverityReason = e.Data.Reason };

    public Incident Apply(IEvent<ResponderAssigned> e) =>
        Touch(e) with { Responders = Responders.Contains(e.Data.Responder) ? Responders : [.. Responders, e.Data.Responder] };

    public Incident Apply(IEvent<NoteAdded> e) => Touch(e) with { NoteCount = NoteCount + 1 };

    public Incident Apply(IEvent<AwarenessRecorded> e) => Touch(e) with { AwareAt = e.Data.AwareAt };

    public Incident Apply(IEvent<Awareness.BreachStartRecorded> e) => Touch(e) with { BreachStartedAt = e.Data.StartedAt };

    public Incident Apply(IEvent<AwarenessCorrected> e) => Touch(e) with { AwareAt = e.Data.AwareAt };

    public Incident Apply(IEvent<IncidentShopCorrected> e) => Touch(e) with { Shop = e.Data.Shop };

    public Incident Apply(IEvent<IncidentContained> e) => Touch(e) with { ContainedAt = e.Data.ContainedAt, ContainmentWithdrawn = null };

    public Incident Apply(IEvent<IncidentContainmentWithdrawn> e) => Touch(e) with
    {
        ContainedAt = null, ContainmentWithdrawn = new ContainmentWithdrawal(e.Timestamp, ContainedAt, e.Data.RunId, e.Data.StepId, e.Data.Reason),
    };

    // New scope facts supersede an earlier "no notification owed" decision: it must be taken again.
    public Incident Apply(IEvent<IncidentScoped> e) => Touch(e) with
    {
        ScopedAt = e.Data.ScopedAt,
        EstimatedAffectedPeople = e.Data.EstimatedAffectedPeople,
        DataCategories = e.Data.DataCategories.Count > 0 ? e.Data.DataCategories : DataCategories,
        NoNotificationReason = null,
    };

    public Incident Apply(IEvent<NotificationDeemedUnnecessary> e) => Touch(e) with { NoNotificationReason = e.Data.Reason };

    public Incident Apply(IEvent<IncidentNotified> e) => Touch(e) with
    {
        NotifiedAt = NotifiedAt ?? e.Data.NotifiedAt,
        NotifiedRecipients = [.. NotifiedRecipients.Union(e.Data.Recipients)],
        NoNotificationReason = null,
    };

    public Incident Apply(IEvent<MarkedFalsePositive> e) => Touch(e) with { FalsePositiveReason = e.Data.Reason };

    public Incident Apply(IEvent<IncidentClosed> e) => Touch(e) with { ClosedAt = e.Timestamp };

    // Reopening means the incident is real work again, so an earlier false-positive finding (or merge as a duplicate) no longer holds.
    public Incident Apply(IEvent<IncidentReopened> e) =>
        Touch(e) with { ClosedAt = null, FalsePositiveReason = null, DuplicateOf = null, ReopenCount = ReopenCount + 1 };

    public Incident Apply(IEvent<ClockInstantRecorded> e) =>
        Touch(e) with { Clocks = new Dictionary<ClockStart, DateTimeOffset>(Clocks) { [e.Data.Clock] = e.Data.At } };

    public Incident Apply(IEvent<ClockInstantCorrected> e) =>
        Touch(e) with { Clocks = new Dictionary<ClockStart, DateTimeOffset>(Clocks) { [e.Data.Clock] = e.Data.At } };

    public Incident Apply(IEvent<DataCategoriesRecorded> e) => Touch(e) with { DataCategories = e.Data.Categories };

    public Incident Apply(IEvent<EncryptionStatusRecorded> e) => Touch(e);

    public Incident Apply(IEvent<AffectedCountsRecorded> e) => Touch(e);

    public Incident Apply(IEvent<SectorFlagsRecorded> e) => Touch(e);

    public Incident Apply(IEvent<RiskAssessed> e) => Touch(e);

    public Incident Apply(IEvent<LawEnforcementDelayRequested> e) => Touch(e) with { LawEnforcementDelayRequestedAt = e.Data.RequestedAt };

    public Incident Apply(IEvent<LawEnforcementDelayLifted> e) => Touch(e) with { LawEnforcementDelayRequestedAt = null };

    public Incident Apply(IEvent<ObligationSatisfied> e) => Touch(e);

    public Incident Apply(IEvent<ObligationWaived> e) => Touch(e);

    public Incident Apply(IEvent<OrderingDutyWaived> e) => Touch(e);

    public Incident Apply(IEvent<OrderingDutyAcknowledged> e) => Touch(e);

    public Incident Apply(IEvent<CatalogueVersionAdopted> e) => Touch(e) with { CatalogueVersion = e.Data.Version };

    public Incident Apply(IEvent<ScopingRunRequested> e) => Touch(e) with { ScopingRunIds = [.. ScopingRunIds, e.Data.RunId] };


    private Incident Touch(IEvent e) => this with { LastRecordedAt = e.Timestamp };
}

/// <summary>A containment that was recorded (at <paramref name="WasContainedAt"/>) and withdrawn at <paramref name="At"/>, and why.</summary>
public sealed record ContainmentWithdrawal(DateTimeOffset At, DateTimeOffset? WasContainedAt, Guid RunId, string StepId, string Reason);
