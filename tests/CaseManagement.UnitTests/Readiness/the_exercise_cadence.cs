using CaseManagement.Readiness.Schedule;
using FluentAssertions;

namespace CaseManagement.UnitTests.Readiness;

/// <summary>When the organisation's next exercise is due, and when a reminder is owed: once for each due date, never before it.</summary>
public class the_exercise_cadence
{
    private static readonly DateTimeOffset Completed = new(2026, 1, 10, 15, 0, 0, TimeSpan.Zero);
    private static readonly CompletedExercise Last = new(Guid.NewGuid(), "Skimmer drill", Completed);
    private static readonly ExerciseSchedule Quarterly = new() { Id = Guid.NewGuid() };

    [Theory]
    [InlineData("2026-01-11T09:00:00Z", "not-due", false, "just done: the last exercise ended yesterday")]
    [InlineData("2026-04-10T14:59:00Z", "not-due", false, "a minute before three months have passed")]
    [InlineData("2026-04-10T15:00:00Z", "due", true, "three months after the last completed exercise")]
    [InlineData("2026-09-01T00:00:00Z", "due", true, "long overdue, and never reminded")]
    public void the_next_exercise_falls_due_the_interval_after_the_last_completed_one(string now, string state, bool reminded, string because)
    {
        var at = DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture);

        ExerciseCadence.Standing(Quarterly, Last, at).Should().BeEquivalentTo(new { NextDueAt = (DateTimeOffset?)Completed.AddMonths(3), State = state }, because);
        (ExerciseCadence.Reminder(Quarterly, Last, at) is not null).Should().Be(reminded, because);
    }

    [Fact]
    public void a_reminder_is_recorded_once_for_each_due_date()
    {
        var now = Completed.AddMonths(4);
        var reminder = ExerciseCadence.Reminder(Quarterly, Last, now);
        reminder.Should().Be(new ExerciseDue(Completed.AddMonths(3), 3, Last.Id, Completed));

        ExerciseCadence.Reminder(Quarterly with { RemindedFor = reminder!.DueAt }, Last, now).Should().BeNull("that due date was reminded already");
        var next = new CompletedExercise(Guid.NewGuid(), "Plugin drill", now.AddMonths(1));
        ExerciseCadence.Reminder(Quarterly with { RemindedFor = reminder.DueAt }, next, now.AddMonths(4))!.DueAt
            .Should().Be(now.AddMonths(4), "a later exercise makes a new due date, which gets its own reminder");
    }

    [Fact]
    public void the_interval_is_the_organisations_own_when_set()
    {
        var monthly = Quarterly with { EveryMonths = 1 };

        ExerciseCadence.NextDue(monthly, Last).Should().Be(Completed.AddMonths(1));
        ExerciseCadence.Standing(monthly, Last, Completed.AddDays(40)).State.Should().Be("due", "forty days passed a monthly schedule");
    }

    [Fact]
    public void without_a_completed_exercise_one_is_due_from_when_the_schedule_was_set_or_now()
    {
        var since = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

        ExerciseCadence.Standing(Quarterly, null, since).Should().BeEquivalentTo(new { NextDueAt = (DateTimeOffset?)null, State = "due" },
            "an organisation that never exercised is due one now");
        ExerciseCadence.Reminder(Quarterly, null, since).Should().BeNull("with no schedule and no exercise there is no due date to remind of");
        ExerciseCadence.Reminder(Quarterly with { Since = since }, null, since.AddMinutes(1))!.DueAt
            .Should().Be(since, "once a schedule is set, the first exercise is due from then");
    }
}
