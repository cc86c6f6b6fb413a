using System.Text.RegularExpressions;
using CaseManagement.Alerts;
using CaseManagement.Alerts.Triage;
using CaseManagement.Audit.Reports;
using CaseManagement.Containment;
using CaseManagement.Containment.Evidence;
using CaseManagement.Incidents;
using CaseManagement.Incidents.Reviewing;
using CaseManagement.Infrastructure;
using CaseManagement.Monitoring;
using CaseManagement.Scoping;
using CaseManagement.Notifications.Campaigns;
using CaseManagement.Notifications.Justifying;
using CaseManagement.Notifications.RegulatorSubmissions;
using CaseManagement.Obligations.Escalation;
using CaseManagement.Obligations.Facts;
using CaseManagement.Paging.Pages;
using CaseManagement.Paging.Roster;
using CaseManagement.Readiness.Exercises;
using CaseManagement.Readiness.Policy;
using CaseManagement.Readiness.Reviews;
using CaseManagement.Security.Pii;
using JasperFx.Events;

namespace CaseManagement.Feed;

/// <summary>A kind of stream as integrators see it: its word in feed types, its path in sources, and the events recorded on it.</summary>
public sealed record FeedStream(string Kind, string Path, IReadOnlyList<Type> Events);

/// <summary>One feed type: the CloudEvents type, the event store's name for it, its stream and the record it carries.</summary>
public sealed record FeedEventType(string Type, string EventName, FeedStream Stream, Type? Record);

/// <summary>
/// Which events travel on which streams, and the naming rule that turns an event store name into a CloudEvents type
/// (docs/integrator-feed.md): "com.casemanagement.{kind}.{name}.v{n}". A new event type belongs in this list; one
/// that is missing still reaches integrators, under the "event" kind, until it is added.
/// </summary>
public static partial class FeedCatalogue
{
    public const string Prefix = "com.casemanagement";

    // Types keep the "incident" word whatever stream of the incident's record holds them (the names integrators match on did
    // not change when processes got streams of their own); the source names the stream, and the "incident" extension the incident.
    public static readonly FeedStream Incidents = new("incident", "incidents",
    [
        typeof(IncidentDetected), typeof(SeverityClassified), typeof(ResponderAssigned), typeof(NoteAdded), typeof(AwarenessRecorded),
        typeof(AwarenessCorrected), typeof(Incidents.Awareness.BreachStartRecorded), typeof(IncidentContained), typeof(IncidentScoped), typeof(NotificationDeemedUnnecessary), typeof(IncidentNotified),
        typeof(MarkedFalsePositive), typeof(IncidentClosed), typeof(IncidentReopened), typeof(ScopingRunRequested), typeof(ContainmentRunStarted),
        typeof(ClockInstantRecorded), typeof(ClockInstantCorrected), typeof(DataCategoriesRecorded), typeof(EncryptionStatusRecorded),
        typeof(AffectedCountsRecorded), typeof(SectorFlagsRecorded), typeof(RiskAssessed), typeof(LawEnforcementDelayRequested),
        typeof(LawEnforcementDelayLifted), typeof(ObligationSatisfied), typeof(CatalogueVersionAdopted),
        typeof(NotificationCampaignStarted), typeof(NotificationCampaignCompleted), typeof(RegulatorSubmissionRecorded),
        typeof(ObligationWaived), typeof(OrderingDutyWaived), typeof(OrderingDutyAcknowledged), typeof(GenericContentJustified),
        typeof(IncidentMarkedDuplicate), typeof(DuplicateIncidentMerged),
        typeof(IncidentContainmentWithdrawn), typeof(IncidentShopCorrected),
    ]);

    public static readonly FeedStream ScopingRuns = new("incident", "scoping-runs", [typeof(ScopingRunStarted), typeof(ScopingRunCompleted), typeof(ScopingRunFailed)]);

    public static readonly FeedStream ContainmentRuns = new("incident", "containment-runs",
    [
        typeof(ContainmentRequested), typeof(ContainmentStepAwaitingApproval), typeof(ContainmentStepApproved), typeof(ManualContainmentStepAwaiting),
        typeof(ManualContainmentStepCompleted), typeof(ContainmentStepStarted), typeof(ContainmentStepAttemptFailed), typeof(ContainmentStepSucceeded),
        typeof(ContainmentStepFailed), typeof(ContainmentBlocked), typeof(ContainmentStepRetryRequested), typeof(ContainmentStepSkipped),
        typeof(ContainmentStepRollbackRequested), typeof(ContainmentStepCompensated), typeof(ContainmentStepCompensationFailed), typeof(ContainmentCompleted),
        typeof(ContainmentRunReopened), typeof(ContainmentRunSuperseded),
    ]);

    public static readonly FeedStream Evidence = new("incident", "evidence",
    [
        typeof(EvidencePreserved), typeof(EvidenceAccessed), typeof(EvidenceVerified), typeof(EvidenceDestroyed), typeof(EvidenceDestructionRefused),
        typeof(EvidenceEncryptedAtRest),
    ]);

    /// <summary>The legal hold on an incident's evidence (ADR 22).</summary>
    public static readonly FeedStream EvidenceHolds = new("incident", "evidence-holds", [typeof(EvidenceHoldPlaced), typeof(EvidenceHoldLifted)]);

    public static readonly FeedStream Escalations = new("incident", "escalations", [typeof(DeadlineApproaching), typeof(DeadlineMissed), typeof(ObligationFactsMissing)]);

    /// <summary>Reads of an incident's record that are part of the record: audit report exports, the reporter's contact shown.</summary>
    public static readonly FeedStream AccessLogs = new("incident", "access-log", [typeof(AuditReportExported), typeof(ReporterContactRevealed)]);

    public static readonly FeedStream Campaigns = new("campaign", "campaigns",
    [
        typeof(CampaignDrafted), typeof(CampaignApproved), typeof(CampaignStarted), typeof(CampaignPaused), typeof(CampaignResumed),
        typeof(CampaignCancelled), typeof(CampaignPlanned), typeof(CampaignBatchRecorded), typeof(CampaignCompleted),
    ]);

    public static readonly FeedStream Erasures = new("privacy", "erasures", [typeof(PersonalDataErased), typeof(PersonalDataErasureRefused)]);

    /// <summary>The organisation's audit log: exports that span incidents (period reports).</summary>
    public static readonly FeedStream AuditLog = new("audit", "audit-log",
        [typeof(PeriodReportExported), typeof(DeadLetterDecided), typeof(ShopRegistry.ShopDeactivated), typeof(ShopRegistry.ShopReactivated)]);

    /// <summary>Alerts, each its own stream; part of an incident's record once attached to it.</summary>
    public static readonly FeedStream Alerts = new("alert", "alerts",
        [typeof(AlertReceived), typeof(AlertSighted), typeof(AlertTriaged), typeof(AlertAttachedToIncident), typeof(AlertDismissed),
         typeof(AlertPayloadRead)]);

    /// <summary>Triage items: alerts of one shop waiting for a person's decision; part of the record of the incident they became.</summary>
    public static readonly FeedStream TriageItems = new("triage", "triage-items",
    [
        typeof(TriageItemOpened), typeof(TriageAlertAdded), typeof(TriageItemAcknowledged), typeof(TriageItemPromoted), typeof(TriageItemAttached),
        typeof(TriageItemDismissed), typeof(TriageSlaBreached),
    ]);

    /// <summary>
    /// An exercise's own stream, in the organisation's tenant (ADR 24). Its events, like everything in an exercise's tenant,
    /// reach only subscriptions that asked for exercises.
    /// </summary>
    public static readonly FeedStream Exercises = new("exercise", "exercises", [typeof(ExerciseStarted), typeof(ExerciseClockSet), typeof(InjectDelivered), typeof(ExerciseEnded)]);

    /// <summary>Exports of an exercise's report (ADR 24), on the exercise's access log beside it: exercise-only, like the exercise's own stream.</summary>
    public static readonly FeedStream ExerciseAccessLogs = new("exercise", "exercise-access-logs", [typeof(Readiness.Exercises.Reporting.ExerciseReportExported)]);

    /// <summary>The incident's post-incident review (ADR 24): part of its record, like its escalations.</summary>
    public static readonly FeedStream Reviews = new("incident", "reviews",
    [
        typeof(ReviewStarted), typeof(ReviewFindingsRecorded), typeof(ReviewActionAdded), typeof(ReviewActionDone), typeof(ReviewActionOverdue),
        typeof(ReviewCompleted),
    ]);

    /// <summary>The organisation's readiness policy (which severities need a completed review to close).</summary>
    public static readonly FeedStream Readiness = new("readiness", "readiness-policy", [typeof(ReadinessPolicySet)]);

    /// <summary>How often the organisation exercises, and the reminders recorded when an exercise falls due (ADR 24).</summary>
    public static readonly FeedStream ExerciseSchedules = new("readiness", "exercise-schedules",
        [typeof(Readiness.Schedule.ExerciseScheduleSet), typeof(Readiness.Schedule.ExerciseDue)]);

    /// <summary>Proposals to change a playbook or scenario, each a stream; an accepted one is a version the organisation publishes.</summary>
    public static readonly FeedStream Proposals = new("readiness", "proposals",
        [typeof(Readiness.Library.ChangeProposed), typeof(Readiness.Library.ProposalAccepted), typeof(Readiness.Library.ProposalRejected)]);

    /// <summary>A shop's monitoring baseline, a stream per shop: what was taken as normal, changes raised as alerts, cleared, accepted.</summary>
    public static readonly FeedStream ShopBaselines = new("shop-baseline", "shop-baselines",
        [typeof(ShopBaselineRecorded), typeof(ShopMonitoringFindingRaised), typeof(ShopMonitoringFindingCleared), typeof(ShopBaselineChangeAccepted)]);

    /// <summary>The organisation's on-call roster (ADR 32): who is paged, in what order, set by an administrator with a reason.</summary>
    public static readonly FeedStream OnCallRosters = new("on-call", "on-call-rosters", [typeof(OnCallRosterSet)]);

    /// <summary>Pages, each its own stream: raised for what needs a person now, delivered, acknowledged or escalated (ADR 32).</summary>
    public static readonly FeedStream Pages = new("page", "pages",
        [typeof(PageRaised), typeof(PageDelivered), typeof(PageDeliveryFailed), typeof(PageAcknowledged), typeof(PageEscalated), typeof(PageUnanswered)]);

    /// <summary>Where an event the catalogue does not list yet goes: still delivered, under a neutral kind.</summary>
    public static readonly FeedStream Uncatalogued = new("event", "streams", []);

    public static readonly IReadOnlyList<FeedStream> Streams =
        [Incidents, ScopingRuns, ContainmentRuns, Evidence, EvidenceHolds, Escalations, AccessLogs, Campaigns, Erasures, AuditLog, Alerts, TriageItems, Exercises,
            ExerciseAccessLogs, Reviews, Readiness, ExerciseSchedules, Proposals, ShopBaselines, OnCallRosters, Pages];

    public static readonly IReadOnlyList<FeedEventType> Types =
    [
        .. Streams.SelectMany(s => s.Events.Select(t => Describe(s, t.GetEventTypeName(), t))).OrderBy(t => t.Type, StringComparer.Ordinal),
    ];

    /// <summary>The types recorded only about exercises, left out of the feed unless a subscription asks for exercises.</summary>
    public static readonly IReadOnlyList<FeedEventType> ExerciseOnly = [.. Types.Where(t => t.Stream.Kind == Exercises.Kind)];

    private static readonly Dictionary<string, FeedEventType> ByType = Types.ToDictionary(t => t.Type, StringComparer.Ordinal);
    private static readonly Dictionary<Type, FeedEventType> ByRecord = Types.ToDictionary(t => t.Record!);

    [GeneratedRegex("^(?<name>.+)_v(?<version>[0-9]+)$")]
    private static partial Regex VersionSuffix();

    /// <summary>
    /// "incident_detected" on an incident stream is "com.casemanagement.incident.detected.v1": the kind's own word is not
    /// repeated, underscores become dashes, and a name ending in "_v2" (a breaking change is a new event type) is version 2.
    /// </summary>
    public static string TypeName(string kind, string eventName)
    {
        var (name, version) = VersionSuffix().Match(eventName) is { Success: true } m ? (m.Groups["name"].Value, m.Groups["version"].Value) : (eventName, "1");
        var stem = name.StartsWith(kind + "_", StringComparison.Ordinal) ? name[(kind.Length + 1)..] : name;
        return $"{Prefix}.{kind}.{stem.Replace('_', '-')}.v{version}";
    }

    public static FeedEventType? Find(string type) => ByType.GetValueOrDefault(type);

    /// <summary>The feed type of a recorded event.</summary>
    public static FeedEventType Of(IEvent e) =>
        ByRecord.TryGetValue(e.EventType, out var known) ? known : Describe(Uncatalogued, e.EventTypeName, null);

    private static FeedEventType Describe(FeedStream stream, string eventName, Type? record) => new(TypeName(stream.Kind, eventName), eventName, stream, record);
}
