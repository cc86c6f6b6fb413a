using CaseManagement.Rules.Exercises;
using FluentAssertions;

namespace CaseManagement.Rules.Tests.Exercises;

/// <summary>An exercise's time as a function of real time: what the deadlines, the escalations and the report read.</summary>
public class the_exercise_clock
{
    private static readonly DateTimeOffset Real = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Case = new(2026, 3, 10, 8, 0, 0, TimeSpan.Zero);

    /// <summary>Started paused at Case, advanced 72 h ten seconds later, run at real time a minute after the start, paused again at five minutes.</summary>
    private static readonly ClockCourse Course = ClockCourse.NotStarted
        .Then(Real, Case, 0)
        .Then(Real.AddSeconds(10), Case.AddHours(72), 0)
        .Then(Real.AddMinutes(1), Case.AddHours(72), 1)
        .Then(Real.AddMinutes(5), Case.AddHours(72).AddMinutes(4), 0);

    public static TheoryData<string, double, double, string> Readings => new()
    {
        { "before the start", -30, 0, "the clock stands at its first instant before anyone started it" },
        { "at the start", 0, 0, "the start sets the exercise instant" },
        { "while paused", 5, 0, "a paused clock stands still" },
        { "right after the advance", 10, 72 * 3600, "an advance jumps the clock at once: 72 hours in seconds" },
        { "running", 90, 72 * 3600 + 30, "at rate 1 exercise time passes like real time" },
        { "after the pause", 3600, 72 * 3600 + 240, "paused after four running minutes, it keeps that instant" },
    };

    [Theory]
    [MemberData(nameof(Readings))]
    public void reads_exercise_time_from_real_time(string moment, double realSeconds, double caseSecondsFromStart, string because) =>
        Course.CaseTimeAt(Real.AddSeconds(realSeconds)).Should().Be(Case.AddSeconds(caseSecondsFromStart), "{0}: {1}", moment, because);

    [Fact]
    public void a_faster_clock_runs_its_rate_times_real_time()
    {
        var fast = ClockCourse.NotStarted.Then(Real, Case, 3600);

        fast.CaseTimeAt(Real.AddSeconds(72)).Should().Be(Case.AddHours(72), "at an hour a second the 72 hours pass in 72 seconds");
    }

    public static TheoryData<string, double, double?, string> Schedules => new()
    {
        { "already reached", -60, 0, "an instant the clock has passed is due now" },
        { "ahead while running", 60, 60, "at rate 1 a minute of exercise time is a minute of real time" },
        { "ahead while paused", 60, null, "a paused clock never reaches it: nothing is scheduled until the clock runs again" },
    };

    [Theory]
    [MemberData(nameof(Schedules))]
    public void finds_the_real_instant_an_exercise_instant_falls_due(string situation, double caseSecondsFromNow, double? realSecondsFromNow, string because)
    {
        var running = ClockCourse.NotStarted.Then(Real, Case, situation.Contains("paused") ? 0 : 1);
        var now = Real.AddSeconds(30);
        var caseNow = running.CaseTimeAt(now);

        running.RealInstantOf(caseNow.AddSeconds(caseSecondsFromNow), now).Should().Be(realSecondsFromNow is { } s ? now.AddSeconds(s) : null, because);
    }

    [Fact]
    public void at_ten_times_real_time_ten_exercise_minutes_fall_due_in_one_real_minute()
    {
        var fast = ClockCourse.NotStarted.Then(Real, Case, 10);

        fast.RealInstantOf(Case.AddMinutes(10), Real).Should().Be(Real.AddMinutes(1));
    }

    public static TheoryData<string, double, double, double, string> Refusals => new()
    {
        { "turning the clock back", 120, -60, 0, "exercise time never runs backwards" },
        { "a negative rate", 120, 0, -1, "the clock runs between 0" },
        { "faster than an hour a second", 120, 0, 3601, "the clock runs between 0" },
        { "a setting dated before the previous one", -1, 0, 1, "cannot take effect before the previous one" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void refuses_settings_that_would_break_the_course(string setting, double realSecondsAfterStart, double caseSecondsFromThen, double rate, string problem)
    {
        var started = ClockCourse.NotStarted.Then(Real, Case, 1);
        var at = Real.AddSeconds(realSecondsAfterStart);
        var caseThen = started.CaseTimeAt(at);

        started.Problem(at, caseThen.AddSeconds(caseSecondsFromThen), rate).Should().Contain(problem, "{0} is refused", setting);
        var apply = () => started.Then(at, caseThen.AddSeconds(caseSecondsFromThen), rate);
        apply.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void a_setting_that_keeps_time_moving_forward_is_accepted() =>
        Course.Problem(Real.AddMinutes(10), Course.CaseTimeAt(Real.AddMinutes(10)).AddHours(1), 60).Should().BeNull();

    [Fact]
    public void a_clock_nobody_set_has_no_time()
    {
        var read = () => ClockCourse.NotStarted.CaseTimeAt(Real);

        read.Should().Throw<InvalidOperationException>("an exercise without a start has no instant to report, and guessing one would be a lie");
    }
}
