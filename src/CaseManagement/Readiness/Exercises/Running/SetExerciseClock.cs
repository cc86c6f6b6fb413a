using System.Xml;
using CaseManagement.Obligations.Escalation;
using Marten;

namespace CaseManagement.Readiness.Exercises.Running;

/// <summary>Move the exercise's clock forward at once by <paramref name="By"/> (an ISO-8601 duration, e.g. "PT72H").</summary>
public sealed record AdvanceExerciseClock(string? By, string? Reason);

/// <summary>Let the exercise's clock run at <paramref name="Speed"/> times real time (1 unless given; up to 3600, an hour a second).</summary>
public sealed record RunExerciseClock(double? Speed, string? Reason);

public sealed record PauseExerciseClock(string? Reason);

/// <summary>
/// The facilitator's hand on the clock. Each setting is an event stating the real instant it took effect and the exercise
/// instant it set; then the exercise's injects that came due are delivered and its incident's escalations planned again on
/// the new clock (ADR 24). An ended exercise keeps its clock where it stopped.
/// </summary>
public static class ExerciseClockChanges
{
    public static readonly TimeSpan LongestAdvance = TimeSpan.FromDays(30);

    /// <summary>The setting, and what must follow any change of the clock: due injects, the incident's escalations planned on the new course, its review's reminders.</summary>
    public static (UpdatedAggregate, ExerciseClockSet, OutgoingMessages) Set(Exercise exercise, ClockChange change, DateTimeOffset now, DateTimeOffset caseAt,
        double rate, string? reason) =>
        (new UpdatedAggregate(), new ExerciseClockSet(exercise.Id, change, now, caseAt, rate, reason?.Trim()), AfterClockChange(exercise));

    public static OutgoingMessages AfterClockChange(Exercise exercise) =>
    [
        new DeliverDueInjects(exercise.Id),
        new PlanDeadlineEscalations(exercise.IncidentId, PauseEnded: true).WithTenantId(exercise.Tenant),
        new Reviews.CheckReviewActions(Reviews.ReviewStreams.For(exercise.IncidentId)).WithTenantId(exercise.Tenant),
    ];

    public static ProblemDetails NotEnded(Exercise exercise) => exercise.Status != ExerciseStatus.Ended ? WolverineContinue.NoProblems : new ProblemDetails
    {
        Status = StatusCodes.Status409Conflict, Title = "The exercise has ended",
        Detail = $"Exercise {exercise.Id} ended at {exercise.EndedAt:O}; its clock stays where it stopped ({exercise.EndedAtCase:O}).",
    };

    public static TimeSpan? Duration(string text)
    {
        try
        {
            return XmlConvert.ToTimeSpan(text.Trim());
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

public static class AdvanceExerciseClockEndpoint
{
    public static ProblemDetails Validate(AdvanceExerciseClock command)
    {
        var validation = new Validation().Required("by", command.By, 40).Optional("reason", command.Reason, 1000);
        if (command.By is not { } text)
        {
            return validation.ToProblem();
        }

        return (ExerciseClockChanges.Duration(text) switch
        {
            null => validation.Add("by", $"'{text}' is not an ISO-8601 duration such as PT30M, PT72H or P3D"),
            { } by when by <= TimeSpan.Zero || by > ExerciseClockChanges.LongestAdvance =>
                validation.Add("by", $"must be longer than nothing and at most {ExerciseClockChanges.LongestAdvance.TotalDays:0} days"),
            _ => validation,
        }).ToProblem();
    }

    public static ProblemDetails Before(Exercise exercise) => ExerciseClockChanges.NotEnded(exercise);

    [WolverinePost("/api/exercises/{id}/clock/advance", OperationId = nameof(AdvanceExerciseClock), Summary = "Move the exercise's clock forward at once")]
    [Authorize(Policies.LeadReadiness)]
    public static (UpdatedAggregate, ExerciseClockSet, OutgoingMessages) Post(AdvanceExerciseClock command, [WriteAggregate] Exercise exercise, DateTimeOffset now) =>
        ExerciseClockChanges.Set(exercise, ClockChange.Advanced, now, exercise.Clock.CaseTimeAt(now) + ExerciseClockChanges.Duration(command.By!)!.Value,
            exercise.Clock.InForceAt(now)?.Rate ?? 0, command.Reason);
}

public static class RunExerciseClockEndpoint
{
    public static ProblemDetails Validate(RunExerciseClock command)
    {
        var validation = new Validation().Optional("reason", command.Reason, 1000);
        if (command.Speed is { } speed && (speed is < 1 or > Rules.Exercises.ClockCourse.MaxRate || double.IsNaN(speed)))
        {
            validation.Add("speed", $"must be between 1 (real time) and {Rules.Exercises.ClockCourse.MaxRate} (an hour a second)");
        }

        return validation.ToProblem();
    }

    public static ProblemDetails Before(Exercise exercise) => ExerciseClockChanges.NotEnded(exercise);

    [WolverinePost("/api/exercises/{id}/clock/run", OperationId = nameof(RunExerciseClock), Summary = "Let the exercise's clock run, in real time or faster")]
    [Authorize(Policies.LeadReadiness)]
    public static (UpdatedAggregate, ExerciseClockSet, OutgoingMessages) Post(RunExerciseClock command, [WriteAggregate] Exercise exercise, DateTimeOffset now) =>
        ExerciseClockChanges.Set(exercise, ClockChange.Running, now, exercise.Clock.CaseTimeAt(now), command.Speed ?? 1, command.Reason);
}

public static class PauseExerciseClockEndpoint
{
    public static ProblemDetails Validate(PauseExerciseClock command) => new Validation().Optional("reason", command.Reason, 1000).ToProblem();

    public static ProblemDetails Before(Exercise exercise) => ExerciseClockChanges.NotEnded(exercise);

    [WolverinePost("/api/exercises/{id}/clock/pause", OperationId = nameof(PauseExerciseClock), Summary = "Stop the exercise's clock where it is")]
    [Authorize(Policies.LeadReadiness)]
    public static (UpdatedAggregate, ExerciseClockSet, OutgoingMessages) Post(PauseExerciseClock command, [WriteAggregate] Exercise exercise, DateTimeOffset now) =>
        ExerciseClockChanges.Set(exercise, ClockChange.Paused, now, exercise.Clock.CaseTimeAt(now), 0, command.Reason);
}

/// <summary>End the exercise: completed (what happened is the record) or abandoned, with a summary.</summary>
public sealed record EndExercise(string? Outcome, string? Summary);

public static class EndExerciseEndpoint
{
    public static ProblemDetails Validate(EndExercise command) =>
        new Validation().OneOf<ExerciseOutcome>("outcome", command.Outcome).Optional("summary", command.Summary, 4000).ToProblem();

    public static ProblemDetails Before(Exercise exercise) => ExerciseClockChanges.NotEnded(exercise);

    /// <summary>
    /// The clock stops where it is; nothing of the exercise runs on afterwards (its escalations find the clock stopped). A completed
    /// exercise moves the organisation's next due date, so the schedule is checked again.
    /// </summary>
    [WolverinePost("/api/exercises/{id}/end", OperationId = nameof(EndExercise), Summary = "End the exercise (completed or abandoned); its record becomes read-only")]
    [Authorize(Policies.LeadReadiness)]
    public static (UpdatedAggregate, Events, OutgoingMessages) Post(EndExercise command, [WriteAggregate] Exercise exercise, DateTimeOffset now)
    {
        var caseNow = exercise.Clock.CaseTimeAt(now);
        var outcome = ApiJson.ParseWire<ExerciseOutcome>(command.Outcome!);
        return (new UpdatedAggregate(),
        [
            new ExerciseClockSet(exercise.Id, ClockChange.Stopped, now, caseNow, 0, command.Summary?.Trim()),
            new ExerciseEnded(exercise.Id, outcome, command.Summary?.Trim(), caseNow),
        ], outcome == ExerciseOutcome.Completed
            ? [new Schedule.CheckExerciseSchedule(Schedule.ExerciseSchedule.StreamFor(ExerciseTenants.OrganisationOf(exercise.Tenant)))]
            : []);
    }
}
