using Wolverine;

namespace CaseManagement.Obligations.Escalation;

public static class EscalationMessaging
{
    public const string Queue = "deadline-escalations";

    /// <summary>
    /// Planning and delivery share one durable local queue, one message at a time: escalations of one
    /// incident all append to its stream, and in parallel they would mostly fail each other's version check.
    /// </summary>
    public static void AddDeadlineEscalation(this WolverineOptions opts)
    {
        opts.PublishMessage<PlanDeadlineEscalations>().ToLocalQueue(Queue);
        opts.PublishMessage<EscalateDeadline>().ToLocalQueue(Queue);
        opts.LocalQueue(Queue).Sequential();
    }
}
