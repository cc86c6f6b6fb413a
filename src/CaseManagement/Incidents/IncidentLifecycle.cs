
namespace CaseManagement.Incidents;

/// <summary>Everything a person can do to an incident. The wire name is the route segment.</summary>
public enum IncidentAction
{
    Contain,
    Scope,
    Notify,
    DecideNoNotification,
    MarkFalsePositive,
    Close,
    Reopen,
    ClassifySeverity,
    AssignResponder,
    AddNote,
    RecordAwareness,
    CorrectAwareness,
    RecordClockInstant,
    RecordDataCategories,
    RecordEncryptionStatus,
    RecordAffectedCounts,
    RecordSectorFlags,
    AssessRisk,
    RequestLawEnforcementDelay,
    LiftLawEnforcementDelay,
    RecordObligationSatisfied,
    RecordRegulatorSubmission,
    AdoptCatalogueVersion,
    StartContainment,
    ApproveContainmentStep,
    CompleteContainmentStep,
    RetryContainmentStep,
    SkipContainmentStep,
    RollBackContainmentStep,
    WaiveObligation,
    WaiveOrdering,
    AcknowledgeOrdering,
    JustifyGenericContent,
    SupersedeContainmentRun,
    CorrectShop,
    RecordBreachStart,

    /// <summary>Merge into another incident as its duplicate (POST …/mark-duplicate): open incidents only, as any change.</summary>
    MarkDuplicate,
}

/// <summary>The milestones that determine an incident's status, shared by every view of an incident.</summary>
public interface IIncidentMilestones
{
    DateTimeOffset? ContainedAt { get; }
    DateTimeOffset? ScopedAt { get; }
    DateTimeOffset? NotifiedAt { get; }
    bool NoNotificationOwed { get; }
    bool FalsePositive { get; }
    DateTimeOffset? ClosedAt { get; }
}

public sealed record LifecycleRejection(IncidentStatus CurrentStatus, IncidentAction Action, string Reason, IReadOnlyList<IncidentAction> AllowedActions);

/// <summary>
/// The lifecycle rules as pure functions of the current state: no I/O, so they are tested exhaustively
/// without a database. Status is derived from the milestones recorded so far, which keeps it consistent
/// however the milestones were reached (containment may follow scoping, an incident may be reopened).
/// </summary>
public static class IncidentLifecycle
{
    public static IncidentStatus StatusOf(IIncidentMilestones m) => m switch
    {
        { ClosedAt: not null } => IncidentStatus.Closed,
        { FalsePositive: true } => IncidentStatus.FalsePositive,
        { NotifiedAt: not null } => IncidentStatus.Notified,
        { NoNotificationOwed: true } => IncidentStatus.NoNotificationOwed,
        { ScopedAt: not null } => IncidentStatus.Scoped,
        { ContainedAt: not null } => IncidentStatus.Contained,
        _ => IncidentStatus.Detected,
    };

    public static IReadOnlyList<IncidentAction> AllowedActions(Incident incident) =>
        [.. Enum.GetValues<IncidentAction>().Where(a => Why(incident, a) is null)];

    /// <summary>Null when the action is allowed; otherwise why not, with what is allowed instead.</summary>
    public static LifecycleRejection? Check(Incident incident, IncidentAction action) =>
        Why(incident, action) is { } reason
            ? new LifecycleRejection(incident.Status, action, reason, AllowedActions(incident))
            : null;

    private static string? Why(Incident incident, IncidentAction action)
    {
        var status = incident.Status;
        if (status == IncidentStatus.Closed)
        {
            return action switch
            {
                IncidentAction.AddNote or IncidentAction.Reopen => null,
                _ => "the incident is closed; reopen it first (with a reason) to change its facts or phase",
            };
        }

        return action switch
        {
            IncidentAction.Reopen => "only a closed incident can be reopened",
            IncidentAction.Contain when status == IncidentStatus.FalsePositive =>
                "the incident was marked a false positive; there is nothing to contain",
            IncidentAction.Contain when incident.ContainedAt is not null =>
                $"containment was already recorded at {incident.ContainedAt:O}",
            IncidentAction.Scope when status == IncidentStatus.FalsePositive =>
                "the incident was marked a false positive; there is nothing to scope",
            IncidentAction.Notify when status == IncidentStatus.FalsePositive =>
                "the incident was marked a false positive; notification does not apply",
            IncidentAction.Notify when incident.ScopedAt is null =>
                "notification requires a recorded scope (who and what data is affected)",
            IncidentAction.DecideNoNotification when status != IncidentStatus.Scoped => status switch
            {
                IncidentStatus.Notified => "notifications were already sent",
                IncidentStatus.NoNotificationOwed => "a decision that no notification is owed is already recorded",
                IncidentStatus.FalsePositive => "the incident was marked a false positive",
                _ => "deciding that no notification is owed requires a recorded scope",
            },
            IncidentAction.MarkFalsePositive when status == IncidentStatus.FalsePositive =>
                "the incident is already marked a false positive",
            IncidentAction.MarkFalsePositive when status == IncidentStatus.Notified =>
                "notifications were already sent; close the incident with a summary instead",
            IncidentAction.Close when status is not (IncidentStatus.Notified or IncidentStatus.NoNotificationOwed or IncidentStatus.FalsePositive) =>
                "closing requires that notifications were sent, a recorded decision that no notification is owed, or a false-positive finding",
            IncidentAction.RecordAwareness when incident.AwareAt is not null =>
                $"awareness was already recorded at {incident.AwareAt:O}; correct it with a reason instead",
            IncidentAction.CorrectAwareness when incident.AwareAt is null =>
                "no awareness time is recorded yet; record it first",
            IncidentAction.RequestLawEnforcementDelay when incident.LawEnforcementDelayRequestedAt is not null =>
                $"a law-enforcement delay is already in force since {incident.LawEnforcementDelayRequestedAt:O}",
            IncidentAction.LiftLawEnforcementDelay when incident.LawEnforcementDelayRequestedAt is null =>
                "no law-enforcement delay is in force",
            IncidentAction.StartContainment when status == IncidentStatus.FalsePositive =>
                "the incident was marked a false positive; there is nothing to contain",
            IncidentAction.ApproveContainmentStep or IncidentAction.CompleteContainmentStep or IncidentAction.RetryContainmentStep
                or IncidentAction.SkipContainmentStep or IncidentAction.RollBackContainmentStep or IncidentAction.SupersedeContainmentRun
                when incident.ContainmentRunIds.Count == 0 =>
                "no containment run has been started; start a playbook first",
            _ => null,
        };
    }
}
