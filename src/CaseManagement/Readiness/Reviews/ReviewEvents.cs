using CaseManagement.Incidents;

namespace CaseManagement.Readiness.Reviews;

// A post-incident review is a stream of its own in the incident's tenant (an exercise's review lives with the exercise), whose
// id derives from the incident's (ReviewStreams). Business instants (due, done) are on the tenant's clock: an exercise's actions
// fall due in exercise time.

/// <summary>A phase or measure of the incident as the review found it when it started (IncidentPhases' wording).</summary>
/// <param name="Hours">Null when the phase was not reached or a milestone is unknown; <paramref name="Text"/> says which.</param>
public sealed record ReviewSpan(string Name, string Label, double? Hours, string Text);

/// <summary>
/// A post-incident review began: the incident's timeline in sentences and its phase durations, generated from its record as
/// it stood at <paramref name="AsOf"/>, so the review discusses what the events show rather than what people remember.
/// </summary>
public sealed record ReviewStarted(
    Guid ReviewId,
    Guid IncidentId,
    string IncidentTitle,
    Severity? Severity,
    DateTimeOffset AsOf,
    IReadOnlyList<string> Timeline,
    IReadOnlyList<ReviewSpan> Phases,
    IReadOnlyList<ReviewSpan> Measures);

/// <summary>What the review found; a later statement replaces the earlier one (both stay on the record).</summary>
public sealed record ReviewFindingsRecorded(
    Guid ReviewId,
    string RootCause,
    IReadOnlyList<string> ContributingFactors,
    IReadOnlyList<string> WentWell,
    IReadOnlyList<string> WentBadly);

/// <summary>A follow-up action with the person who owns it and when it is due (on the tenant's clock).</summary>
public sealed record ReviewActionAdded(Guid ReviewId, string ActionId, string Title, string Owner, DateTimeOffset DueAt);

/// <summary>The action's owner (or someone for them) recorded it done at <paramref name="DoneAt"/>.</summary>
public sealed record ReviewActionDone(Guid ReviewId, string ActionId, string? Note, DateTimeOffset DoneAt);

/// <summary>The reminder: the action's due date passed with the action still open (recorded once, by the scheduled check).</summary>
public sealed record ReviewActionOverdue(Guid ReviewId, string ActionId, string Owner, DateTimeOffset DueAt);

/// <summary>The review is complete: its findings stand; its actions are still tracked to done.</summary>
public sealed record ReviewCompleted(Guid ReviewId, string? Summary);
