using CaseManagement.Incidents;
using JasperFx.Events;

namespace CaseManagement.Readiness.Reviews;

/// <summary>The review's stream: one per incident, derived from the incident's id so the close gate finds it without a lookup.</summary>
public static class ReviewStreams
{
    public static Guid For(Guid incidentId) => IncidentStreams.Review(incidentId);
}

/// <summary>A follow-up action as the review tracks it.</summary>
public sealed record ReviewAction(string Id, string Title, string Owner, DateTimeOffset DueAt, DateTimeOffset? DoneAt, string? Note, bool Reminded)
{
    public bool IsDone => DoneAt is not null;
}

/// <summary>
/// A post-incident review as its stream tells it (inline snapshot in the incident's tenant). Apply methods return a new state:
/// Marten keeps aggregates in an identity map.
/// </summary>
public sealed record Review
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public Guid IncidentId { get; init; }
    public string IncidentTitle { get; init; } = "";
    public Severity? Severity { get; init; }
    public DateTimeOffset AsOf { get; init; }
    public IReadOnlyList<string> Timeline { get; init; } = [];
    public IReadOnlyList<ReviewSpan> Phases { get; init; } = [];
    public IReadOnlyList<ReviewSpan> Measures { get; init; } = [];
    public string? RootCause { get; init; }
    public IReadOnlyList<string> ContributingFactors { get; init; } = [];
    public IReadOnlyList<string> WentWell { get; init; } = [];
    public IReadOnlyList<string> WentBadly { get; init; } = [];
    public IReadOnlyList<ReviewAction> Actions { get; init; } = [];
    public DateTimeOffset StartedAt { get; init; }
    public string? StartedBy { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public string? CompletedBy { get; init; }
    public string? Summary { get; init; }

    public bool IsCompleted => CompletedAt is not null;

    public ReviewAction? Action(string actionId) => Actions.FirstOrDefault(a => a.Id == actionId);

    public static Review Create(IEvent<ReviewStarted> e) => new()
    {
        Id = e.Data.ReviewId,
        IncidentId = e.Data.IncidentId,
        IncidentTitle = e.Data.IncidentTitle,
        Severity = e.Data.Severity,
        AsOf = e.Data.AsOf,
        Timeline = e.Data.Timeline,
        Phases = e.Data.Phases,
        Measures = e.Data.Measures,
        StartedAt = e.Timestamp,
        StartedBy = e.UserName,
    };

    public Review Apply(ReviewFindingsRecorded e) => this with
    {
        RootCause = e.RootCause, ContributingFactors = e.ContributingFactors, WentWell = e.WentWell, WentBadly = e.WentBadly,
    };

    public Review Apply(ReviewActionAdded e) => this with { Actions = [.. Actions, new ReviewAction(e.ActionId, e.Title, e.Owner, e.DueAt, null, null, false)] };

    public Review Apply(ReviewActionDone e) => With(e.ActionId, a => a with { DoneAt = e.DoneAt, Note = e.Note });

    public Review Apply(ReviewActionOverdue e) => With(e.ActionId, a => a with { Reminded = true });

    public Review Apply(IEvent<ReviewCompleted> e) => this with { CompletedAt = e.Timestamp, CompletedBy = e.UserName, Summary = e.Data.Summary };

    private Review With(string actionId, Func<ReviewAction, ReviewAction> change) =>
        this with { Actions = [.. Actions.Select(a => a.Id == actionId ? change(a) : a)] };
}

/// <summary>What may be done to a review, and what it then records. Pure: the slices ask before they append.</summary>
public static class ReviewDecisions
{
    /// <summary>Findings and new actions belong to an open review; a completed one is the record of what was concluded.</summary>
    public static string? RefuseChange(Review review) => review.IsCompleted
        ? $"the review was completed at {review.CompletedAt:O}; its findings stand and only its actions are still tracked to done"
        : null;

    /// <summary>A review completes once it says why the incident happened; open actions stay tracked after it.</summary>
    public static string? RefuseCompletion(Review review) =>
        RefuseChange(review) ?? (review.RootCause is null ? "record the root cause first (POST /api/reviews/{id}/findings)" : null);

    /// <summary>Null when the action exists and is open; otherwise why it cannot be marked done, and whether it is missing.</summary>
    public static (string Reason, bool Missing)? RefuseDone(Review review, string actionId) => review.Action(actionId) switch
    {
        null => ($"review {review.Id} has no action '{actionId}'; it has: {(review.Actions.Count == 0 ? "none" : string.Join(", ", review.Actions.Select(a => a.Id)))}", true),
        { IsDone: true } done => ($"action '{actionId}' was recorded done at {done.DoneAt:O}", false),
        _ => null,
    };

    /// <summary>Actions are numbered in the order they were added: "action-1", "action-2"…</summary>
    public static string NextActionId(Review review) => $"action-{review.Actions.Count + 1}";

    /// <summary>The reminder due at <paramref name="caseNow"/>: only for an open action past its due date, once.</summary>
    public static ReviewActionOverdue? Reminder(Review review, string actionId, DateTimeOffset caseNow) =>
        review.Action(actionId) is { IsDone: false, Reminded: false } action && action.DueAt <= caseNow
            ? new ReviewActionOverdue(review.Id, action.Id, action.Owner, action.DueAt)
            : null;
}
