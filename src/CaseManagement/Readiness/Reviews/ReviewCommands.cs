using CaseManagement.Readiness.Exercises.Clock;
using JasperFx.Events;
using Marten;

namespace CaseManagement.Readiness.Reviews;

/// <summary>What the review found: the root cause (required), contributing factors, what went well and what went badly.</summary>
public sealed record RecordReviewFindings(string? RootCause, IReadOnlyList<string>? ContributingFactors, IReadOnlyList<string>? WentWell, IReadOnlyList<string>? WentBadly);

public static class RecordReviewFindingsEndpoint
{
    public static ProblemDetails Validate(RecordReviewFindings command) => new Validation().Required("rootCause", command.RootCause, 4000)
        .Items("contributingFactors", command.ContributingFactors, 50, 1000).Items("wentWell", command.WentWell, 50, 1000)
        .Items("wentBadly", command.WentBadly, 50, 1000).ToProblem();

    public static ProblemDetails Before(Review review) => ReviewProblems.Refused("The review is completed", ReviewDecisions.RefuseChange(review));

    [WolverinePost("/api/reviews/{id}/findings", OperationId = nameof(RecordReviewFindings),
        Summary = "Record the review's findings: root cause, contributing factors, what went well and badly (replaces the earlier statement)")]
    [Authorize(Policies.RecordFacts)]
    public static (UpdatedAggregate, ReviewFindingsRecorded) Post(RecordReviewFindings command, [WriteAggregate] Review review) =>
        (new UpdatedAggregate(), new ReviewFindingsRecorded(review.Id, command.RootCause!.Trim(), Trimmed(command.ContributingFactors), Trimmed(command.WentWell),
            Trimmed(command.WentBadly)));

    private static IReadOnlyList<string> Trimmed(IReadOnlyList<string>? items) => [.. (items ?? []).Select(i => i.Trim())];
}

/// <summary>A follow-up action: what, who owns it, and when it is due (a reminder is recorded if it is still open then).</summary>
public sealed record AddReviewAction(string? Title, string? Owner, DateTimeOffset? DueAt);

public static class AddReviewActionEndpoint
{
    public const int MaxActions = 100;

    public static ProblemDetails Validate(AddReviewAction command, DateTimeOffset now)
    {
        var validation = new Validation().Required("title", command.Title, 1000).Required("owner", command.Owner, 200).Present("dueAt", command.DueAt);
        return (command.DueAt is { } due && due <= now ? validation.Add("dueAt", $"must be after now ({now.UtcDateTime:O}): an action is due in the future") : validation)
            .ToProblem();
    }

    public static ProblemDetails Before(Review review) =>
        ReviewProblems.Refused("The review takes no more actions", ReviewDecisions.RefuseChange(review)
            ?? (review.Actions.Count >= MaxActions ? $"the review has {MaxActions} actions already" : null));

    /// <summary>The reminder is a check scheduled at the real instant the tenant's clock reaches the due date.</summary>
    [WolverinePost("/api/reviews/{id}/actions", OperationId = nameof(AddReviewAction), Summary = "Add a follow-up action with its owner and due date")]
    [Authorize(Policies.RecordFacts)]
    public static (UpdatedAggregate, ReviewActionAdded, OutgoingMessages) Post(AddReviewAction command, [WriteAggregate] Review review, CaseClock clock,
        IDocumentSession session)
    {
        var added = new ReviewActionAdded(review.Id, ReviewDecisions.NextActionId(review), command.Title!.Trim(), command.Owner!.Trim(), command.DueAt!.Value);
        var outgoing = new OutgoingMessages();
        if (clock.RealInstantOf(added.DueAt) is { } at)
        {
            outgoing.Add(new CheckReviewActions(review.Id).WithTenantId(session.TenantId).ScheduledAt(at));
        }

        return (new UpdatedAggregate(), added, outgoing);
    }
}

public sealed record CompleteReviewAction(string? Note);

public static class CompleteReviewActionEndpoint
{
    public static ProblemDetails Validate(CompleteReviewAction command) => new Validation().Optional("note", command.Note).ToProblem();

    public static ProblemDetails Before(Review review, string actionId) => ReviewDecisions.RefuseDone(review, actionId) switch
    {
        null => WolverineContinue.NoProblems,
        { Missing: true } missing => new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "Action not found", Detail = missing.Reason },
        { } refused => ReviewProblems.Refused("The action is done already", refused.Reason),
    };

    [WolverinePost("/api/reviews/{id}/actions/{actionId}/done", OperationId = nameof(CompleteReviewAction), Summary = "Record a follow-up action as done")]
    [Authorize(Policies.RecordFacts)]
    public static (UpdatedAggregate, ReviewActionDone) Post(CompleteReviewAction command, string actionId, [WriteAggregate] Review review, DateTimeOffset now) =>
        (new UpdatedAggregate(), new ReviewActionDone(review.Id, actionId, command.Note?.Trim(), now));
}

public sealed record CompleteReview(string? Summary);

public static class CompleteReviewEndpoint
{
    public static ProblemDetails Validate(CompleteReview command) => new Validation().Optional("summary", command.Summary).ToProblem();

    public static ProblemDetails Before(Review review) => ReviewProblems.Refused("The review cannot be completed", ReviewDecisions.RefuseCompletion(review));

    [WolverinePost("/api/reviews/{id}/complete", OperationId = nameof(CompleteReview),
        Summary = "Complete the review (its root cause recorded); a severe incident closes only after this")]
    [Authorize(Policies.LeadReadiness)]
    public static (UpdatedAggregate, ReviewCompleted) Post(CompleteReview command, [WriteAggregate] Review review) =>
        (new UpdatedAggregate(), new ReviewCompleted(review.Id, command.Summary?.Trim()));
}

/// <summary>Record a reminder for every open action past its due date on the tenant's clock; sent when an action falls due and after an exercise's clock changes.</summary>
public sealed record CheckReviewActions(Guid ReviewId);

public static class CheckReviewActionsHandler
{
    /// <summary>
    /// Re-checked on arrival: an action done meanwhile gets no reminder, and one reminded already gets none again. When an
    /// exercise's clock was slowed or paused the check can arrive early; it then schedules itself for the next due date.
    /// </summary>
    public static OutgoingMessages Handle(CheckReviewActions message, [WriteAggregate] IEventStream<Review> stream, CaseClock clock, IMessageContext context)
    {
        var outgoing = new OutgoingMessages();
        if (stream.Aggregate is not { } review)
        {
            return outgoing;
        }

        var now = clock.Now();
        foreach (var action in review.Actions)
        {
            if (ReviewDecisions.Reminder(review, action.Id, now) is { } reminder)
            {
                stream.AppendOne(reminder);
            }
        }

        if (review.Actions.Where(a => !a.IsDone && !a.Reminded && a.DueAt > now).MinBy(a => a.DueAt) is { } next && clock.RealInstantOf(next.DueAt) is { } at)
        {
            outgoing.Add(message.WithTenantId(context.TenantId!).ScheduledAt(at));
        }

        return outgoing;
    }
}
