using System.Security.Claims;
using CaseManagement.Incidents;
using CaseManagement.Readiness.Exercises;
using JasperFx.Events;
using Marten;

namespace CaseManagement.Readiness.Schedule;

/// <summary>The organisation set how often it exercises its response plan, with the reason.</summary>
public sealed record ExerciseScheduleSet(int EveryMonths, string Reason);

/// <summary>
/// The reminder: the organisation's next exercise fell due at <paramref name="DueAt"/> (recorded once for each due date, by the
/// scheduled check). <paramref name="LastExerciseId"/> is the completed exercise it counts from; none when none was completed.
/// </summary>
public sealed record ExerciseDue(DateTimeOffset DueAt, int EveryMonths, Guid? LastExerciseId, DateTimeOffset? LastCompletedAt);

/// <summary>
/// How often the organisation exercises (ADR 24), one stream per organisation in its own tenant: every three months unless set.
/// Apply methods return a new state: Marten keeps aggregates in an identity map.
/// </summary>
public sealed record ExerciseSchedule
{
    public const int DefaultEveryMonths = 3;
    public const int LongestInterval = 12;

    public Guid Id { get; set; }
    public long Version { get; set; }
    public int EveryMonths { get; init; } = DefaultEveryMonths;
    public DateTimeOffset? SetAt { get; init; }
    public string? SetBy { get; init; }
    public string? Reason { get; init; }

    /// <summary>When the organisation first set its schedule: an organisation that never completed an exercise is due one from then.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>The due date the last reminder was recorded for.</summary>
    public DateTimeOffset? RemindedFor { get; init; }

    public static Guid StreamFor(string organisation) => IncidentStreams.Derived($"casemanagement:exercise-schedule:{organisation}");

    public static ExerciseSchedule Default(string organisation) => new() { Id = StreamFor(organisation) };

    public static ExerciseSchedule Create(IEvent<ExerciseScheduleSet> e) => new ExerciseSchedule { Id = e.StreamId }.Apply(e);

    public static ExerciseSchedule Create(IEvent<ExerciseDue> e) => new ExerciseSchedule { Id = e.StreamId }.Apply(e.Data);

    public ExerciseSchedule Apply(IEvent<ExerciseScheduleSet> e) => this with
    {
        EveryMonths = e.Data.EveryMonths, SetAt = e.Timestamp, SetBy = e.UserName, Reason = e.Data.Reason, Since = Since ?? e.Timestamp,
    };

    public ExerciseSchedule Apply(ExerciseDue e) => this with { RemindedFor = e.DueAt };
}

/// <summary>The organisation's last completed exercise: what the next one is counted from (real time, when it ended).</summary>
public sealed record CompletedExercise(Guid Id, string Title, DateTimeOffset EndedAt);

/// <param name="State">due (the due date passed, or no exercise was ever completed) or not-due.</param>
public sealed record CadenceStanding(DateTimeOffset? NextDueAt, string State, string Text);

/// <summary>Pure: when the next exercise is due and whether a reminder is owed, on the organisation's (real) clock.</summary>
public static class ExerciseCadence
{
    /// <summary>The last completed exercise's end plus the interval; without one, the day the schedule was first set; null when neither exists.</summary>
    public static DateTimeOffset? NextDue(ExerciseSchedule schedule, CompletedExercise? last) => last?.EndedAt.AddMonths(schedule.EveryMonths) ?? schedule.Since;

    public static CadenceStanding Standing(ExerciseSchedule schedule, CompletedExercise? last, DateTimeOffset now)
    {
        var due = NextDue(schedule, last);
        var every = $"every {schedule.EveryMonths} month{(schedule.EveryMonths == 1 ? "" : "s")}";
        return (due, last) switch
        {
            (null, _) => new CadenceStanding(null, "due", $"No exercise has been completed yet: one is due now ({every})."),
            ({ } d, null) => new CadenceStanding(d, d <= now ? "due" : "not-due", $"No exercise has been completed yet: one is due since the schedule was set ({every})."),
            ({ } d, { } l) when d <= now => new CadenceStanding(d, "due", $"Due since {d.UtcDateTime:O}: the last completed exercise, “{l.Title}”, ended {l.EndedAt.UtcDateTime:O} ({every})."),
            ({ } d, { } l) => new CadenceStanding(d, "not-due", $"Next due {d.UtcDateTime:O}: the last completed exercise, “{l.Title}”, ended {l.EndedAt.UtcDateTime:O} ({every})."),
        };
    }

    /// <summary>The reminder owed now: once for each due date that has passed, none before it or after it was recorded.</summary>
    public static ExerciseDue? Reminder(ExerciseSchedule schedule, CompletedExercise? last, DateTimeOffset now) =>
        NextDue(schedule, last) is { } due && due <= now && schedule.RemindedFor != due ? new ExerciseDue(due, schedule.EveryMonths, last?.Id, last?.EndedAt) : null;

    public static async Task<CompletedExercise?> LastCompletedAsync(IQuerySession session, CancellationToken ct) =>
        await session.Query<Exercise>().Where(e => e.Outcome == ExerciseOutcome.Completed).OrderByDescending(e => e.EndedAt).FirstOrDefaultAsync(ct) is { EndedAt: { } ended } exercise
            ? new CompletedExercise(exercise.Id, exercise.Title, ended)
            : null;
}

/// <summary>Record the reminder if the next exercise is due; otherwise come back when it falls due. Sent when the schedule is set and when an exercise is completed.</summary>
public sealed record CheckExerciseSchedule(Guid ExerciseScheduleId);

public static class CheckExerciseScheduleHandler
{
    /// <summary>Who the reminder is recorded as.</summary>
    public const string Actor = "system:exercise-schedule";

    /// <summary>
    /// Re-checked on arrival: a check that comes early (the schedule changed, or an exercise was completed meanwhile) records nothing
    /// and comes back at the new due date; one for a due date reminded already records nothing again.
    /// </summary>
    public static async Task<OutgoingMessages> Handle(CheckExerciseSchedule message, [WriteAggregate] IEventStream<ExerciseSchedule> stream, IDocumentSession session,
        IMessageContext context, DateTimeOffset now, CancellationToken ct)
    {
        var outgoing = new OutgoingMessages();
        var schedule = stream.Aggregate ?? new ExerciseSchedule { Id = message.ExerciseScheduleId };
        var last = await ExerciseCadence.LastCompletedAsync(session, ct);
        if (ExerciseCadence.Reminder(schedule, last, now) is { } reminder)
        {
            session.LastModifiedBy = Actor;
            stream.AppendOne(reminder);
        }
        else if (ExerciseCadence.NextDue(schedule, last) is { } due && due > now)
        {
            outgoing.Add(message.WithTenantId(context.TenantId!).ScheduledAt(due));
        }

        return outgoing;
    }
}

public sealed record ExerciseScheduleView(
    int EveryMonths,
    bool IsDefault,
    DateTimeOffset? SetAt,
    string? SetBy,
    string? Reason,
    CompletedExercise? LastCompleted,
    DateTimeOffset? NextDueAt,
    string State,
    string Text,
    DateTimeOffset? RemindedFor,
    long Version)
{
    public static ExerciseScheduleView Of(ExerciseSchedule s, CompletedExercise? last, DateTimeOffset now)
    {
        var standing = ExerciseCadence.Standing(s, last, now);
        return new(s.EveryMonths, s.SetAt is null, s.SetAt, s.SetBy, s.Reason, last, standing.NextDueAt, standing.State, standing.Text, s.RemindedFor, s.Version);
    }
}

/// <summary>Set how often the organisation exercises: every <paramref name="EveryMonths"/> months (1 to 12), with a reason.</summary>
public sealed record SetExerciseSchedule(int? EveryMonths, string? Reason);

public static class SetExerciseScheduleEndpoint
{
    public static ProblemDetails Validate(SetExerciseSchedule command)
    {
        var validation = new Validation().Justified("reason", command.Reason, "say why the organisation exercises this often");
        return (command.EveryMonths is not (>= 1 and <= ExerciseSchedule.LongestInterval)
            ? validation.Add("everyMonths", $"is required: a whole number of months from 1 to {ExerciseSchedule.LongestInterval} (3 is quarterly)")
            : validation).ToProblem();
    }

    [WolverinePost("/api/readiness/exercise-schedule", OperationId = nameof(SetExerciseSchedule),
        Summary = "Set how often the organisation exercises its response plan (every 3 months unless set); a reminder is recorded when the next exercise falls due")]
    [Authorize(Policies.ScheduleExercises)]
    public static async Task<(ExerciseScheduleView, OutgoingMessages)> Post(SetExerciseSchedule command, IDocumentSession session, ClaimsPrincipal user,
        DateTimeOffset now, CancellationToken ct)
    {
        var organisation = CaseManagementClaims.OrganisationOf(user)!;
        var stream = await session.Events.FetchForWriting<ExerciseSchedule>(ExerciseSchedule.StreamFor(organisation), ct);
        var set = new ExerciseScheduleSet(command.EveryMonths!.Value, command.Reason!.Trim());
        stream.AppendOne(set);
        var before = stream.Aggregate ?? ExerciseSchedule.Default(organisation);
        var after = before with
        {
            EveryMonths = set.EveryMonths, SetAt = now, SetBy = session.LastModifiedBy, Reason = set.Reason, Since = before.Since ?? now, Version = before.Version + 1,
        };
        return (ExerciseScheduleView.Of(after, await ExerciseCadence.LastCompletedAsync(session, ct), now), [new CheckExerciseSchedule(after.Id)]);
    }
}

/// <summary>Its own class: Wolverine applies a class's Validate to every endpoint in it, and a read has no command to validate.</summary>
public static class GetExerciseScheduleEndpoint
{
    [WolverineGet("/api/readiness/exercise-schedule", OperationId = "GetExerciseSchedule",
        Summary = "How often the organisation exercises, its last completed exercise and when the next one is due")]
    [Authorize(Policies.ReadIncidents)]
    public static async Task<ExerciseScheduleView> Get(IQuerySession session, ClaimsPrincipal user, DateTimeOffset now, CancellationToken ct)
    {
        var organisation = CaseManagementClaims.OrganisationOf(user)!;
        var schedule = await session.LoadAsync<ExerciseSchedule>(ExerciseSchedule.StreamFor(organisation), ct) ?? ExerciseSchedule.Default(organisation);
        return ExerciseScheduleView.Of(schedule, await ExerciseCadence.LastCompletedAsync(session, ct), now);
    }
}
