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
/// with a justification, or rolls back.
/// </summary>
public static class ContainmentDecisions
{
    public static readonly IReadOnlyList<string> BlockedOptions =
    [
        "retry: run the step again once the cause is fixed (POST …/containment/runs/{runId}/steps/{step}/retry)",
        "skip: go on without it, with a justification (POST …/containment/runs/{runId}/steps/{step}/skip)",
        "roll back: undo earlier steps that changed the shop (POST …/containment/runs/{runId}/steps/{step}/rollback)",
    ];

    public static ContainmentAdvance Advance(ContainmentRun run)
    {
        var incidentId = run.IncidentId;
        // A rollback a person asked for goes first, even in a blocked or completed run.
        if (run.Steps.LastOrDefault(s => s.Status == ContainmentStepStatus.RollingBack) is { } rollingBack)
        {
            return new([], new StepWork.Compensate(rollingBack.Plan.Id));
        }

        if (run.Status is ContainmentRunStatus.Completed or ContainmentRunStatus.Blocked)
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

        var status = Api.ApiJson.WireName(step.Status);
        return option switch
        {
            ContainmentStepOption.Approve when step.Status != ContainmentStepStatus.AwaitingApproval =>
                $"step '{stepId}' is {status}; only a step awaiting approval can be approved",
            ContainmentStepOption.Complete when step.Status != ContainmentStepStatus.AwaitingCompletion =>
                step.Plan.Automated
                    ? $"step '{stepId}' is carried out by the service, not by hand"
                    : $"step '{stepId}' is {status}; it can be recorded as done once the run reaches it",
            ContainmentStepOption.Retry when step.Status != ContainmentStepStatus.Failed =>
                $"step '{stepId}' is {status}; only a failed step can be retried",
            ContainmentStepOption.Skip when run.Status == ContainmentRunStatus.Completed =>
                "the run is completed; there is nothing left to skip",
            ContainmentStepOption.Skip when step.Status is not (ContainmentStepStatus.Failed or ContainmentStepStatus.Pending
                or ContainmentStepStatus.AwaitingApproval or ContainmentStepStatus.AwaitingCompletion or ContainmentStepStatus.Approved) =>
                $"step '{stepId}' is {status}; only a step that has not run, or that failed, can be skipped",
            ContainmentStepOption.Rollback when step.Status != ContainmentStepStatus.Succeeded =>
                $"step '{stepId}' is {status}; only a step that succeeded can be rolled back",
            ContainmentStepOption.Rollback when !step.CanRollBack =>
                $"step '{stepId}' ({step.Plan.Action}) did not change the shop in a way the service can undo ({step.Plan.Compensation})",
            ContainmentStepOption.Rollback when run.Steps.Any(s => s.Status == ContainmentStepStatus.RollingBack) =>
                "another step is being rolled back; wait until it is done",
            _ => null,
        };
    }

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
