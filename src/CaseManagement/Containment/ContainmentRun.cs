using CaseManagement.Security.Pii;
using CaseManagement.Shops.ShopActions;

namespace CaseManagement.Containment;

public enum ContainmentStepStatus
{
    Pending,
    AwaitingApproval,
    Approved,
    AwaitingCompletion,
    Running,
    Retrying,
    Succeeded,
    Completed,
    Failed,
    Skipped,
    RollingBack,
    RolledBack,
    RollbackFailed,
}

public enum ContainmentRunStatus
{
    Running,
    AwaitingApproval,
    AwaitingManualStep,
    Blocked,
    Completed,

    /// <summary>A compliance lead set it aside for a new run; it takes no more decisions and never completes.</summary>
    Superseded,
}

/// <summary>What a person may do to a step next; each is a route under …/containment/runs/{runId}/steps/{step}/.</summary>
public enum ContainmentStepOption
{
    Approve,
    Complete,
    Retry,
    Skip,
    Rollback,
}

/// <summary>One step of a run as its events left it.</summary>
public sealed record ContainmentStep(
    ContainmentStepPlan Plan,
    ContainmentStepStatus Status,
    int Attempts = 0,
    string? LastError = null,
    DateTimeOffset? RetryAt = null,
    ProtectedValue? BeforeState = null,
    string? BeforeSummary = null,
    string? ApprovedBy = null,
    DateTimeOffset? ApprovedAt = null,
    DateTimeOffset? StartedAt = null,
    DateTimeOffset? FinishedAt = null,
    string? Summary = null,
    IReadOnlyList<ShopChange>? Changes = null,
    Guid? EvidenceId = null,
    IReadOnlyList<SkimmerFinding>? Findings = null,
    string? SkipJustification = null,
    bool RestoreCredentials = false,
    IReadOnlyList<ShopChange>? Compensation = null,
    string? RequestedBy = null)
{
    /// <summary>Nothing more will happen to it as the run moves on (a rollback may still be asked for).</summary>
    public bool IsSettled => Status is ContainmentStepStatus.Succeeded or ContainmentStepStatus.Completed or ContainmentStepStatus.Skipped
        or ContainmentStepStatus.RolledBack or ContainmentStepStatus.RollbackFailed
        || Status == ContainmentStepStatus.Failed && !Plan.Required;

    /// <summary>What the step was meant to do is in place: it succeeded, was done by hand, or a person skipped it with a justification.</summary>
    public bool StandsDone => Status is ContainmentStepStatus.Succeeded or ContainmentStepStatus.Completed or ContainmentStepStatus.Skipped;

    /// <summary>What the step did was undone, or an attempt to undo it failed midway: the shop may be as it was before the run.</summary>
    public bool IsUndone => Status is ContainmentStepStatus.RolledBack or ContainmentStepStatus.RollbackFailed;

    /// <summary>The step changed the shop and that change can be undone from the captured state.</summary>
    public bool CanRollBack => Status == ContainmentStepStatus.Succeeded && Plan.Automated && BeforeState is not null;
}

/// <summary>
/// One containment run as its own stream left it: pure state (an inline snapshot, <see cref="ContainmentRunProjection"/>),
/// read by the run's saga to decide what comes next and by the API to answer what a person may do.
/// </summary>
public sealed record ContainmentRun(
    [property: JasperFx.Identity] Guid RunId,
    Guid IncidentId,
    string Playbook,
    int PlaybookVersion,
    string PlaybookSha256,
    string Shop,
    string Platform,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyDictionary<string, ProtectedValue> Secrets,
    string? Reason,
    DateTimeOffset RequestedAt,
    string? RequestedBy,
    IReadOnlyList<ContainmentStep> Steps,
    DateTimeOffset? CompletedAt = null,
    string? BlockedReason = null,
    IReadOnlyList<string>? BlockedOptions = null,
    DateTimeOffset? SupersededAt = null,
    string? SupersededBy = null,
    string? SupersededReason = null)
{
    /// <summary>The run stream's version: what a person's <c>If-Match</c> names when deciding on a step.</summary>
    public long Version { get; set; }

    /// <summary>
    /// Completed only while every required step stands done (a rollback of one reopens the run); blocked while a required step
    /// failed or was undone, until a person runs it again or skips it.
    /// </summary>
    public ContainmentRunStatus Status =>
        CompletedAt is not null ? ContainmentRunStatus.Completed
        : SupersededAt is not null ? ContainmentRunStatus.Superseded
        : Steps.Any(s => s.Plan.Required && (s.Status == ContainmentStepStatus.Failed || s.IsUndone)) ? ContainmentRunStatus.Blocked
        : Steps.Any(s => s.Status == ContainmentStepStatus.AwaitingApproval) ? ContainmentRunStatus.AwaitingApproval
        : Steps.Any(s => s.Status == ContainmentStepStatus.AwaitingCompletion) ? ContainmentRunStatus.AwaitingManualStep
        : ContainmentRunStatus.Running;

    public bool IsActive => Status is not (ContainmentRunStatus.Completed or ContainmentRunStatus.Superseded);

    public ContainmentStep? Step(string stepId) => Steps.FirstOrDefault(s => s.Plan.Id == stepId);

    public static ContainmentRun Start(ContainmentRequested e, DateTimeOffset at, string? by) => new(
        e.RunId, e.IncidentId, e.Playbook, e.PlaybookVersion, e.PlaybookSha256, e.Shop, e.Platform, e.Parameters, e.Secrets, e.Reason, at, by,
        [.. e.Steps.Select(p => new ContainmentStep(p, ContainmentStepStatus.Pending))]);

    /// <summary>Folds one of the run's events; <paramref name="at"/> is when it was recorded, <paramref name="by"/> who recorded it.</summary>
    public ContainmentRun On(object e, DateTimeOffset at, string? by) => e switch
    {
        ContainmentStepAwaitingApproval a => With(a.StepId, s => s with { Status = ContainmentStepStatus.AwaitingApproval }),
        ContainmentStepApproved a => With(a.StepId, s => s with { Status = ContainmentStepStatus.Approved, ApprovedBy = by, ApprovedAt = at }),
        ManualContainmentStepAwaiting m => With(m.StepId, s => s with { Status = ContainmentStepStatus.AwaitingCompletion }),
        ManualContainmentStepCompleted m => With(m.StepId, s => s with
        {
            Status = ContainmentStepStatus.Completed, Summary = $"done by {by}: {m.Note}", FinishedAt = at, LastError = null,
        }),
        ContainmentStepStarted started => With(started.StepId, s => s with
        {
            Status = ContainmentStepStatus.Running,
            Attempts = started.Attempt,
            StartedAt = s.StartedAt ?? at,
            BeforeState = started.BeforeState ?? s.BeforeState,
            BeforeSummary = started.BeforeSummary ?? s.BeforeSummary,
        }),
        ContainmentStepAttemptFailed f => With(f.StepId, s => s with
        {
            Status = ContainmentStepStatus.Retrying, Attempts = f.Attempt, LastError = f.Reason, RetryAt = f.RetryAt,
        }),
        // A success after a timeout or failure is the shop's truth: the change was made, so it stands.
        ContainmentStepSucceeded done => With(done.StepId, s => s with
        {
            Status = ContainmentStepStatus.Succeeded, Summary = done.Summary, Changes = done.Changes, EvidenceId = done.EvidenceId,
            Findings = done.Findings, FinishedAt = at, LastError = null, RetryAt = null,
        }) with { BlockedReason = null, BlockedOptions = null },
        ContainmentStepFailed f => With(f.StepId, s => s with
        {
            Status = ContainmentStepStatus.Failed, LastError = f.Reason, Attempts = Math.Max(s.Attempts, f.Attempts), FinishedAt = at, RetryAt = null,
        }),
        ContainmentBlocked b => this with { BlockedReason = b.Reason, BlockedOptions = b.Options },
        ContainmentStepRetryRequested r => With(r.StepId, s => s.IsUndone ? Rerun(s, by) : s with
        {
            // The snapshot stays: it was taken before the first attempt touched the shop, so it is still what a rollback restores.
            Status = s.Plan.RequiresApproval && s.ApprovedAt is not null ? ContainmentStepStatus.Approved : ContainmentStepStatus.Pending,
            LastError = null, FinishedAt = null,
        }) with { BlockedReason = null, BlockedOptions = null },
        ContainmentStepSkipped k => With(k.StepId, s => s with
        {
            Status = ContainmentStepStatus.Skipped, SkipJustification = k.Justification, FinishedAt = at, LastError = null,
        }) with { BlockedReason = null, BlockedOptions = null },
        ContainmentStepRollbackRequested r => With(r.StepId, s => s with { Status = ContainmentStepStatus.RollingBack, RestoreCredentials = r.RestoreCredentials }),
        ContainmentStepCompensated c => With(c.StepId, s => s with { Status = ContainmentStepStatus.RolledBack, Compensation = c.Changes, Summary = c.Summary }),
        ContainmentStepCompensationFailed c => With(c.StepId, s => s with { Status = ContainmentStepStatus.RollbackFailed, LastError = c.Reason }),
        ContainmentCompleted => this with { CompletedAt = at, BlockedReason = null, BlockedOptions = null },
        ContainmentRunReopened => this with { CompletedAt = null },
        ContainmentRunSuperseded x => this with { SupersededAt = at, SupersededBy = by, SupersededReason = x.Reason },
        _ => this,
    };

    /// <summary>
    /// A step that was undone runs again as a new attempt, asked for by <paramref name="by"/>: a risky one needs a new approval
    /// (from someone else), and what was there before is captured afresh, unless the rollback failed midway and the state
    /// captured before the first attempt is still the only true picture of the shop before containment.
    /// </summary>
    private static ContainmentStep Rerun(ContainmentStep s, string? by) => s with
    {
        Status = ContainmentStepStatus.Pending, RequestedBy = by, ApprovedBy = null, ApprovedAt = null, StartedAt = null, FinishedAt = null,
        LastError = null, RetryAt = null, Summary = null, Changes = null, Findings = null, Compensation = null, RestoreCredentials = false,
        BeforeState = s.Status == ContainmentStepStatus.RolledBack ? null : s.BeforeState,
        BeforeSummary = s.Status == ContainmentStepStatus.RolledBack ? null : s.BeforeSummary,
    };

    private ContainmentRun With(string stepId, Func<ContainmentStep, ContainmentStep> change) =>
        this with { Steps = [.. Steps.Select(s => s.Plan.Id == stepId ? change(s) : s)] };
}

/// <summary>Folds a run's stream with <see cref="ContainmentRun.On"/>, the same pure fold the unit tests drive.</summary>
public sealed class ContainmentRunProjection : Marten.Events.Aggregation.SingleStreamProjection<ContainmentRun, Guid>
{
    public ContainmentRunProjection() => FilterIncomingEventsOnStreamType(typeof(ContainmentRun));

    public override ContainmentRun? Evolve(ContainmentRun? snapshot, Guid id, JasperFx.Events.IEvent e)
    {
        var run = e.Data is ContainmentRequested requested ? ContainmentRun.Start(requested, e.Timestamp, e.UserName) : snapshot?.On(e.Data, e.Timestamp, e.UserName);
        if (run is not null)
        {
            run.Version = e.Version;
        }

        return run;
    }
}
