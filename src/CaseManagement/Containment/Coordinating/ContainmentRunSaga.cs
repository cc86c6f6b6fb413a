using Marten;
using Wolverine;

namespace CaseManagement.Containment.Coordinating;

/// <summary>
/// The process manager of one containment run. The run's state is its own stream (<see cref="ContainmentRun"/>); the saga
/// keeps only what the stream cannot: which work it has handed out, so a step is never handed out twice and a stuck one
/// times out. Every message makes it read the run, record what the pure <see cref="ContainmentDecisions"/> says, and hand
/// out the next piece of work, all in one transaction with the saga's own state and the outgoing messages.
/// </summary>
public sealed class ContainmentRunSaga : Saga
{
    public const string Actor = "system:containment";

    public Guid Id { get; set; }

    public Guid IncidentId { get; set; }

    /// <summary>How many pieces of work this run has handed out; numbers the timeouts.</summary>
    public int Dispatches { get; set; }

    /// <summary>Steps handed to the executor and not yet seen finished, with their dispatch number.</summary>
    public Dictionary<string, int> InFlight { get; set; } = [];

    // Also after the run completed: a later rollback brings the saga back for as long as that takes.
    public async Task<OutgoingMessages> StartOrHandle(AdvanceContainmentRun message, IDocumentSession session, DateTimeOffset now,
        ILogger<ContainmentRunSaga> logger, CancellationToken ct)
    {
        (Id, IncidentId) = (message.RunId, message.IncidentId);
        var outgoing = new OutgoingMessages();
        var stream = await session.Events.FetchForWriting<ContainmentRun>(Id, ct);
        if (stream.Aggregate is not { } run)
        {
            logger.LogWarning("Containment run {RunId} of incident {IncidentId} is not on record; nothing to do", Id, IncidentId);
            MarkCompleted();
            return outgoing;
        }

        foreach (var finished in InFlight.Keys.Where(step => !IsUnderWay(run.Step(step))).ToList())
        {
            InFlight.Remove(finished);
        }

        var advance = ContainmentDecisions.Advance(run);
        if (advance.Events.Count > 0)
        {
            session.LastModifiedBy = Actor;
            stream.AppendMany(advance.Events);
            run = (await session.Events.ProjectLatest<ContainmentRun>(Id, ct))!;
            if (advance.Events.OfType<ContainmentCompleted>().SingleOrDefault() is { } completed)
            {
                outgoing.Add(new RecordIncidentContained(IncidentId, Id, now, $"Playbook {run.Playbook} v{run.PlaybookVersion}: {completed.Summary}"));
            }

            if (advance.Events.OfType<ContainmentRunReopened>().SingleOrDefault() is { } reopened)
            {
                outgoing.Add(new WithdrawIncidentContainment(IncidentId, Id, reopened.StepId, reopened.Reason));
            }
        }

        if (advance.Work is { } work && !InFlight.ContainsKey(work.StepId))
        {
            InFlight[work.StepId] = ++Dispatches;
            var timeout = TimeSpan.FromMinutes(run.Step(work.StepId)!.Plan.TimeoutMinutes);
            outgoing.Add(work is StepWork.Execute
                ? new ExecuteContainmentStep(Id, IncidentId, work.StepId, Dispatches)
                : new CompensateContainmentStep(Id, IncidentId, work.StepId, Dispatches));
            outgoing.Add(new ContainmentStepTimedOut(Id, IncidentId, work.StepId, Dispatches, timeout));
        }

        if (run.Status is ContainmentRunStatus.Completed or ContainmentRunStatus.Superseded && InFlight.Count == 0)
        {
            MarkCompleted();
        }

        return outgoing;
    }

    /// <summary>A step that is still unfinished when its time is up fails with that reason, and a required one blocks the run.</summary>
    public async Task<OutgoingMessages> Handle(ContainmentStepTimedOut timeout, IDocumentSession session, ILogger<ContainmentRunSaga> logger, CancellationToken ct)
    {
        var outgoing = new OutgoingMessages();
        if (!InFlight.TryGetValue(timeout.StepId, out var dispatch) || dispatch != timeout.Dispatch)
        {
            return outgoing;
        }

        InFlight.Remove(timeout.StepId);
        var stream = await session.Events.FetchForWriting<ContainmentRun>(Id, ct);
        if (stream.Aggregate?.Step(timeout.StepId) is not { } step || !IsUnderWay(step))
        {
            return outgoing;
        }

        var reason = $"no result within {timeout.After.TotalMinutes:0.#} minutes (attempt {Math.Max(step.Attempts, 1)}); the shop may be hanging on a lock, " +
                     "or the service stopped mid-step. Check the shop, then retry (a repeat never applies a change twice).";
        logger.LogWarning("Containment run {RunId}, step {StepId}: {Reason}", Id, timeout.StepId, reason);
        session.LastModifiedBy = Actor;
        stream.AppendMany(step.Status == ContainmentStepStatus.RollingBack
            ? [new ContainmentStepCompensationFailed(IncidentId, Id, timeout.StepId, reason)]
            : ContainmentDecisions.Failure(IncidentId, Id, step, reason));
        // An optional step's failure lets the run go on.
        outgoing.Add(new AdvanceContainmentRun(Id, IncidentId));
        return outgoing;
    }

    /// <summary>A timeout that arrives after the run's saga completed has nothing left to watch.</summary>
    public static void NotFound(ContainmentStepTimedOut timeout)
    {
    }

    private static bool IsUnderWay(ContainmentStep? step) =>
        step?.Status is ContainmentStepStatus.Pending or ContainmentStepStatus.Approved or ContainmentStepStatus.Running or ContainmentStepStatus.Retrying
            or ContainmentStepStatus.RollingBack;
}
