namespace CaseManagement.Containment;

/// <summary>Work the run hands to the step executor.</summary>
public abstract record StepWork(string StepId)
{
    public sealed record Execute(string StepId) : StepWork(StepId);

    public sealed record Compensate(string StepId) : StepWork(StepId);
}

/// <summary>What the run records now and which work, if any, it hands out.</summary>
public sealed record ContainmentAdvance(IReadOnlyList<object> Events, StepWork? Work);

/// <summary>
/// The containment rules as pure functions of a run's state: which step comes next, what a person may do to a step,
/// and why not. Steps run strictly in order; a failed required step blocks the run until a person retries it, skips it
/// with a justification, or rolls back. A run is contained only while every required step stands done: rolling one back
/// reopens a completed run and blocks it until the step is run again or skipped (docs/adr/0019).
/// </summary>
public static class ContainmentDecisions
{
    public static readonly IReadOnlyList<string> BlockedOptions =
    [
        "retry: run the step again once the cause is fixed (POST …/containment/runs/{runId}/steps/{step}/retry)",
        "skip: go on without it, with a justification (POST …/containment/runs/{runId}/steps/{step}/skip)",
        "roll back: undo earlier steps that changed the shop (POST …/containment/runs/{runId}/steps/{step}/rollback)",
    ];

    public static readonly IReadOnlyList<string> UndoneOptions =
    [
        "retry: run the step again as a new attempt (POST …/containment/runs/{runId}/steps/{step}/retry)",
        "skip: go on without it, with a justification (POST …/containment/runs/{runId}/steps/{step}/skip)",
    ];

    public static ContainmentAdvance Advance(ContainmentRun run)
    {
        var incidentId = run.IncidentId;
        // A rollback a person asked for goes first, even in a blocked or completed run; undoing a required step takes back
        // the completed run's claim at once, before the shop is touched.
        if (run.Steps.LastOrDefault(s => s.Status == ContainmentStepStatus.RollingBack) is { } rollingBack)
        {
            IReadOnlyList<object> reopened = run.CompletedAt is not null && rollingBack.Plan.Required
                ? [new ContainmentRunReopened(incidentId, run.RunId, rollingBack.Plan.Id,
                    $"required step '{rollingBack.Plan.Id}' is being rolled back, so the run no longer contains the incident")]
                : [];
            return new(reopened, new StepWork.Compensate(rollingBack.Plan.Id));
        }

        if (run.Status == ContainmentRunStatus.Blocked && run.BlockedReason is null && run.Steps.FirstOrDefault(s => s.Plan.Required && s.IsUndone) is { } undone)
        {
            var how = undone.Status == ContainmentStepStatus.RolledBack ? "was rolled back" : $"could not be rolled back completely ({undone.LastError})";
            return new([new ContainmentBlocked(incidentId, run.RunId, undone.Plan.Id,
                $"required step '{undone.Plan.Id}' {how}; the run does not contain the incident until the step is run again or skipped with a justification",
                UndoneOptions)], null);
        }

        if (run.Status is ContainmentRunStatus.Completed or ContainmentRunStatus.Blocked or ContainmentRunStatus.Superseded)
        {
            return new([], null);
        }

        if (run.Steps.FirstOrDefault(s => !s.IsSettled) is not { } next)
        {
            return new([new ContainmentCompleted(incidentId, run.RunId, Describe(run))], null);
        }

        return next.Status switch
        {
            ContainmentStepStatus.Pending when next.Plan.RequiresApproval =>
                new([new ContainmentStepAwaitingApproval(incidentId, run.RunId, next.Plan.Id, next.Plan.Why)], null),
            ContainmentStepStatus.Pending or ContainmentStepStatus.Approved when !next.Plan.Automated =>
                new([new ManualContainmentStepAwaiting(incidentId, run.RunId, next.Plan.Id, next.Plan.Checklist)], null),
            ContainmentStepStatus.Pending or ContainmentStepStatus.Approved => new([], new StepWork.Execute(next.Plan.Id)),
            // Running, retrying, awaiting a person: the executor or a person moves it on.
            _ => new([], null),
        };
    }

    /// <summary>A step that will not succeed without a person: it failed, and if the run cannot go on without it, the run is blocked.</summary>
    public static IReadOnlyList<object> Failure(Guid incidentId, Guid runId, ContainmentStep step, string reason) =>
        step.Plan.Required
            ? [new ContainmentStepFailed(incidentId, runId, step.Plan.Id, reason, step.Attempts), new ContainmentBlocked(incidentId, runId, step.Plan.Id,
                $"required step '{step.Plan.Id}' failed: {reason}", BlockedOptions)]
            : [new ContainmentStepFailed(incidentId, runId, step.Plan.Id, reason, step.Attempts)];

    /// <summary>Null when the person may do it; otherwise why not, in words that say what would be allowed.</summary>
    public static string? Refuse(ContainmentRun run, string stepId, ContainmentStepOption option)
    {
        if (run.Step(stepId) is not { } step)
        {
            return $"run {run.RunId} has no step '{stepId}'; its steps are: {string.Join(", ", run.Steps.Select(s => s.Plan.Id))}";
        }

        if (run.Status == ContainmentRunStatus.Superseded)
        {
            return $"the run was superseded by {run.SupersededBy} ({run.SupersededReason}); decide on the incident's latest run instead";
        }

        var status = Api.ApiJson.WireName(step.Status);
        return option switch
        {
            ContainmentStepOption.Approve when step.Status != ContainmentStepStatus.AwaitingApproval =>
                $"step '{stepId}' is {status}; only a step awaiting approval can be approved",
            ContainmentStepOption.Complete when step.Status != ContainmentStepStatus.AwaitingCompletion =>
                step.Plan.Automated
                    ? $"step '{stepId}' is carried out by the service, not by hand"
                    : $"step '{stepId}' is {status}; it can be recorded as done once the run reaches it",
            ContainmentStepOption.Retry when step.Status != ContainmentStepStatus.Failed && !step.IsUndone =>
                $"step '{stepId}' is {status}; only a failed or rolled-back step can be run again",
            ContainmentStepOption.Skip when run.Status == ContainmentRunStatus.Completed =>
                "the run is completed; there is nothing left to skip",
            ContainmentStepOption.Skip when step.Status is not (ContainmentStepStatus.Failed or ContainmentStepStatus.Pending
                or ContainmentStepStatus.AwaitingApproval or ContainmentStepStatus.AwaitingCompletion or ContainmentStepStatus.Approved)
                && !step.IsUndone =>
                $"step '{stepId}' is {status}; only a step that has not run, that failed, or that was rolled back can be skipped",
            ContainmentStepOption.Rollback when step.Status != ContainmentStepStatus.Succeeded =>
                $"step '{stepId}' is {status}; only a step that succeeded can be rolled back",
            ContainmentStepOption.Rollback when !step.CanRollBack =>
                $"step '{stepId}' ({step.Plan.Action}) did not change the shop in a way the service can undo ({step.Plan.Compensation})",
            ContainmentStepOption.Rollback when run.Steps.Any(s => s.Status == ContainmentStepStatus.RollingBack) =>
                "another step is being rolled back; wait until it is done",
            _ => null,
        };
    }

    /// <summary>
    /// Four eyes: who asked for a step that needs approval cannot approve it; the person who started the run, and the one who
    /// asked to run the step again, each with what they did.
    /// </summary>
    public static IReadOnlyList<(string? Actor, string Did)> Requesters(ContainmentRun run, string stepId) =>
    [
        (run.RequestedBy, "started this containment run"),
        (run.Step(stepId)?.RequestedBy, $"asked to run step '{stepId}' again"),
    ];

    /// <summary>
    /// Whether a new run may start beside <paramref name="latest"/>: null when it may (the latest run is finished or was
    /// superseded); otherwise why not, and that a compliance lead can supersede it.
    /// </summary>
    public static string? RefuseNewRun(ContainmentRun? latest) => latest is { IsActive: true }
        ? $"containment run {latest.RunId} ({latest.Playbook}) is still {Api.ApiJson.WireName(latest.Status)}; finish it, skip its remaining steps, or " +
          $"have a compliance lead supersede it (POST …/containment/runs/{latest.RunId}/supersede with a reason) first"
        : null;

    /// <summary>Whether a compliance lead may set the run aside: only while it waits for a person, never while it is changing the shop.</summary>
    public static string? RefuseSupersede(ContainmentRun run) => run.Status switch
    {
        ContainmentRunStatus.Completed => "the run is completed; a new run can start without superseding it",
        ContainmentRunStatus.Superseded => $"the run was already superseded by {run.SupersededBy} ({run.SupersededReason})",
        ContainmentRunStatus.Running => "the run is carrying out a step on the shop; supersede it once it waits for a person (an approval, a manual step) or is blocked",
        _ => null,
    };

    /// <summary>What a person may do to each step now.</summary>
    public static IReadOnlyList<ContainmentStepOption> Options(ContainmentRun run, string stepId) =>
        [.. Enum.GetValues<ContainmentStepOption>().Where(o => Refuse(run, stepId, o) is null)];

    private static string Describe(ContainmentRun run)
    {
        var skipped = run.Steps.Where(s => s.Status == ContainmentStepStatus.Skipped).Select(s => $"{s.Plan.Id} skipped ({s.SkipJustification})");
        var failed = run.Steps.Where(s => s.Status == ContainmentStepStatus.Failed).Select(s => $"optional {s.Plan.Id} failed ({s.LastError})");
        var done = run.Steps.Count(s => s.Status is ContainmentStepStatus.Succeeded or ContainmentStepStatus.Completed);
        var exceptions = skipped.Concat(failed).ToList();
        return $"{done} of {run.Steps.Count} steps done" + (exceptions.Count > 0 ? "; " + string.Join("; ", exceptions) : "");
    }
}
