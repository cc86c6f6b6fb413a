using System.Text.Json;
using System.Text.Json.Nodes;
using CaseManagement.Audit.Reports.Timeline;
using CaseManagement.Incidents.Reviewing;
using CaseManagement.Readiness.Reviews;
using CaseManagement.Rules.Scenarios;
using JasperFx.Events;
using static CaseManagement.Audit.Reports.Timeline.Wording;

namespace CaseManagement.Readiness.Exercises.Reporting;

/// <summary>The exercise as it stood at the report's instant.</summary>
public sealed record ReportedExercise(
    Guid Id,
    string Title,
    string Status,
    string? Outcome,
    string? Summary,
    string Scenario,
    int ScenarioVersion,
    string ScenarioSha256,
    bool ScenarioPublishedByOrganisation,
    string ScenarioTitle,
    string ScenarioPurpose,
    string Sandbox,
    Guid IncidentId,
    DateTimeOffset StartsAt,
    DateTimeOffset StartedAt,
    string? StartedBy,
    DateTimeOffset? EndedAt,
    DateTimeOffset? EndedAtExerciseTime,
    long Version);

/// <summary>
/// One line of the exercise's record: an inject, the team's response, the service's own work or the facilitator's hand on the clock.
/// </summary>
/// <param name="Kind">inject, response (a person or their API key), service, or facilitator.</param>
/// <param name="ExerciseTime">When it happened on the exercise clock: an inject's scheduled instant, otherwise the recording time read on the clock.</param>
/// <param name="RecordedAt">When the service recorded it (real time).</param>
public sealed record ExerciseReportEntry(
    DateTimeOffset ExerciseTime,
    DateTimeOffset RecordedAt,
    string Kind,
    string Who,
    string What,
    string? Why,
    string Stream,
    string Type,
    long Sequence,
    string? InjectId);

public sealed record ReportedReviewAction(string Id, string Title, string Owner, DateTimeOffset DueAt, string State, DateTimeOffset? DoneAt, string? Note);

/// <summary>The exercise's post-incident review as it stood at the report's instant.</summary>
public sealed record ReportedReview(
    Guid Id,
    string Status,
    string? RootCause,
    IReadOnlyList<string> ContributingFactors,
    IReadOnlyList<string> WentWell,
    IReadOnlyList<string> WentBadly,
    IReadOnlyList<ReportedReviewAction> Actions,
    string? Summary);

public sealed record ExerciseReportCounts(int Injects, int Responses, int ServiceEvents, int ExpectationsMet, int Expectations, int TargetsMet, int Targets, int Gaps);

/// <summary>What the report is built from: the exercise's and its incident's records by the report's instant, and the scenario it ran.</summary>
/// <param name="ExerciseEvents">The exercise's own stream by <paramref name="AsOf"/>.</param>
/// <param name="Record">The incident's record by <paramref name="AsOf"/>; null when the opening alert had not come.</param>
/// <param name="Data">Each event's data as the API writes it, for the expectations that name fields.</param>
public sealed record ExerciseReportInput(
    Exercise Exercise,
    Rules.Exercises.ClockCourse Clock,
    Scenario Scenario,
    IReadOnlyList<IEvent> ExerciseEvents,
    IncidentRecord? Record,
    Review? Review,
    DateTimeOffset AsOf,
    DateTimeOffset GeneratedAt,
    string GeneratedBy,
    Func<IEvent, JsonObject?> Data);

/// <summary>
/// The testing record of one tabletop exercise (ADR 24): who took part in which role, every inject and every response with its
/// exercise and recording time, the decisions the scenario expected against what the record shows, time to each milestone
/// against its target, the gaps, and the review's findings and follow-up actions.
/// </summary>
public sealed record ExerciseReport(
    string Report,
    string Statement,
    DateTimeOffset AsOf,
    DateTimeOffset GeneratedAt,
    string GeneratedBy,
    ReportedExercise Exercise,
    IReadOnlyList<ExerciseParticipant> Participants,
    IReadOnlyList<ExerciseReportEntry> Timeline,
    IReadOnlyList<DecisionResult> Decisions,
    IReadOnlyList<MilestoneResult> Milestones,
    IReadOnlyList<string> Gaps,
    ReportedReview? Review,
    ExerciseReportCounts Counts)
{
    public const string Kind = "exercise-report/1";

    public static async Task<ExerciseReport> BuildAsync(ExerciseReportInput input, CancellationToken ct)
    {
        var (exercise, clock, scenario) = (input.Exercise, input.Clock, input.Scenario);
        var timeline = new List<ExerciseReportEntry>();
        foreach (var e in input.ExerciseEvents)
        {
            var actor = Actor.Of(e.UserName);
            switch (e.Data)
            {
                case InjectDelivered inject:
                    timeline.Add(new ExerciseReportEntry(inject.CaseAt, e.Timestamp, "inject", "The scenario", $"Inject {inject.InjectId} ({inject.Kind}): {inject.Text}",
                        inject.ChannelFailsUntil is { } until ? $"the sandbox mail channel refuses notices until {Instant(until)}" : null, "exercise",
                        e.EventTypeName, e.Sequence, inject.InjectId));
                    break;
                case ExerciseClockSet set:
                    timeline.Add(new ExerciseReportEntry(set.CaseAt, e.Timestamp, "facilitator", actor.Name, ClockSentence(set), set.Reason, "exercise", e.EventTypeName,
                        e.Sequence, null));
                    break;
                case ExerciseEnded ended:
                    timeline.Add(new ExerciseReportEntry(ended.CaseAt, e.Timestamp, "facilitator", actor.Name, $"Ended the exercise: {Word(ended.Outcome)}.", ended.Summary,
                        "exercise", e.EventTypeName, e.Sequence, null));
                    break;
            }
        }

        var acts = new List<RecordedAct>();
        var incident = (Incidents.Incident?)null;
        if (input.Record is { } record)
        {
            var history = await IncidentHistory.ReplayAsync(record.IncidentEvents, ct);
            incident = history.Incident;
            var events = record.Events.ToDictionary(e => e.Sequence);
            foreach (var entry in AuditTimeline.Entries(record, history))
            {
                var caseAt = clock.CaseTimeAt(entry.RecordedAt);
                timeline.Add(new ExerciseReportEntry(caseAt, entry.RecordedAt, entry.Actor.Kind is "person" or "api-key" ? "response" : "service", entry.Actor.Name,
                    entry.What, entry.Why, entry.Stream, entry.Type, entry.Sequence, null));
                acts.Add(new RecordedAct(entry.Sequence, entry.Type, input.Data(events[entry.Sequence]), caseAt, entry.Actor.Name));
            }
        }

        var reached = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        if (incident is not null)
        {
            foreach (var (milestone, at) in new[]
                     {
                         (ScenarioMilestones.Aware, incident.AwareAt), (ScenarioMilestones.Contained, incident.ContainedAt), (ScenarioMilestones.Scoped, incident.ScopedAt),
                         (ScenarioMilestones.Notified, incident.NotifiedAt), (ScenarioMilestones.Closed, incident.ClosedAt is { } closed ? (DateTimeOffset?)clock.CaseTimeAt(closed) : null),
                     })
            {
                if (at is { } value)
                {
                    reached[milestone] = value;
                }
            }
        }

        var hasEnded = exercise.Outcome is not null;
        var assessment = ExerciseAssessment.Of(scenario, exercise.Injects, acts, exercise.Injects.FirstOrDefault(i => scenario.Find(i.Id)?.OpensIncident == true)?.CaseAt,
            reached, input.AsOf, hasEnded);
        var ordered = timeline.OrderBy(t => t.ExerciseTime).ThenBy(t => t.Sequence).ToList();
        return new ExerciseReport(Kind, StatementOf(exercise, input.AsOf), input.AsOf, input.GeneratedAt, input.GeneratedBy,
            new ReportedExercise(exercise.Id, exercise.Title, Word(exercise.Status), exercise.Outcome is { } o ? Word(o) : null, exercise.Summary, exercise.Scenario,
                exercise.ScenarioVersion, exercise.ScenarioSha256, exercise.ScenarioPublishedByOrganisation, scenario.Title, scenario.Purpose, exercise.Sandbox,
                exercise.IncidentId, exercise.StartsAt, exercise.StartedAt, exercise.StartedBy, exercise.EndedAt, exercise.EndedAtCase, exercise.Version),
            exercise.Participants, ordered, assessment.Decisions, assessment.Milestones, assessment.Gaps, Reported(input.Review, input.AsOf),
            new ExerciseReportCounts(ordered.Count(t => t.Kind == "inject"), ordered.Count(t => t.Kind == "response"), ordered.Count(t => t.Kind == "service"),
                assessment.Decisions.Count(d => d.Verdict == "met"), assessment.Decisions.Count, assessment.Milestones.Count(m => m.Verdict == "met"),
                assessment.Milestones.Count, assessment.Gaps.Count));
    }

    /// <summary>The event's data as the API writes it, for expectations that name fields.</summary>
    public static JsonObject? DataOf(IEvent e, JsonSerializerOptions options) => JsonSerializer.SerializeToNode(e.Data, e.EventType, options) as JsonObject;

    private static string StatementOf(Exercise exercise, DateTimeOffset asOf) =>
        $"Record of the tabletop exercise “{exercise.Title}”: a test of the incident response plan against scenario {exercise.Scenario} version " +
        $"{exercise.ScenarioVersion} (SHA-256 {exercise.ScenarioSha256}), run on the sandbox shop {exercise.Sandbox} on its own clock, as recorded by exercise time " +
        $"{Instant(asOf)}. Every inject the team received and every event of the exercise's incident record is listed with its exercise time and the real " +
        "time it was recorded; expected decisions and milestone targets are judged only from what the record shows.";

    private static string ClockSentence(ExerciseClockSet set) => set.Change switch
    {
        ClockChange.Started => $"Started the exercise clock at {Instant(set.CaseAt)}{(set.Rate > 0 ? "" : ", paused")}.",
        ClockChange.Advanced => $"Moved the exercise clock on to {Instant(set.CaseAt)}.",
        ClockChange.Running => $"Let the exercise clock run at {set.Rate:0.##} times real time.",
        ClockChange.Paused => "Paused the exercise clock.",
        _ => $"Stopped the exercise clock at {Instant(set.CaseAt)}.",
    };

    private static ReportedReview? Reported(Review? review, DateTimeOffset asOf) => review is null ? null : new ReportedReview(review.Id,
        review.IsCompleted ? "completed" : "open", review.RootCause, review.ContributingFactors, review.WentWell, review.WentBadly,
        [.. review.Actions.Select(a => new ReportedReviewAction(a.Id, a.Title, a.Owner, a.DueAt, a.IsDone ? "done" : a.DueAt <= asOf ? "overdue" : "open", a.DoneAt, a.Note))],
        review.Summary);
}
