using CaseManagement.Rules.Deadlines;
using FluentAssertions;
using static CaseManagement.Rules.Tests.Deadlines.Instants;

namespace CaseManagement.Rules.Tests.Deadlines;

public class the_due_classification
{
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);
    private static readonly DateTimeOffset Deadline = At("2026-06-01T12:00:00Z");

    private static Due DueOf(string kind) => kind switch
    {
        "instant" => new Due.Instant(Deadline),
        "before" => new Due.RelativeTo(EventRelation.Before, Deadline),
        "no later than" => new Due.RelativeTo(EventRelation.NoLaterThan, Deadline),
        "concurrent" => new Due.RelativeTo(EventRelation.Concurrent, Deadline),
        "unplanned event" => new Due.RelativeTo(EventRelation.Before, null),
        "qualitative" => new Due.Qualitative(),
        "not applicable" => new Due.NotApplicable(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [InlineData("instant", "2026-05-30T12:00:00Z", null, DueStatus.Pending, "two days out is outside a one-day window")]
    [InlineData("instant", "2026-05-31T11:59:59.9999999Z", null, DueStatus.Pending, "one tick before the window opens")]
    [InlineData("instant", "2026-05-31T12:00:00Z", null, DueStatus.DueSoon, "the window opens exactly one day before the deadline")]
    [InlineData("instant", "2026-06-01T12:00:00Z", null, DueStatus.DueSoon, "at the due instant it is still not late")]
    [InlineData("instant", "2026-06-01T12:00:00.0000001Z", null, DueStatus.Overdue, "one tick after the due instant it is overdue")]
    [InlineData("instant", "2026-06-05T12:00:00Z", "2026-06-01T12:00:00Z", DueStatus.MetOnTime, "met exactly at the due instant is on time")]
    [InlineData("instant", "2026-06-05T12:00:00Z", "2026-06-01T12:00:00.0000001Z", DueStatus.MetLate, "met one tick after the due instant is late")]
    [InlineData("instant", "2026-05-20T12:00:00Z", "2026-05-20T09:00:00Z", DueStatus.MetOnTime, "met early is on time")]
    [InlineData("before", "2026-06-01T11:59:59.9999999Z", null, DueStatus.DueSoon, "one tick before the event there is still time")]
    [InlineData("before", "2026-06-01T12:00:00Z", null, DueStatus.Overdue, "'before' the event is missed once the event time arrives")]
    [InlineData("before", "2026-06-05T12:00:00Z", "2026-06-01T12:00:00Z", DueStatus.MetLate, "at the same instant is not before it (Maryland AG 'prior to' notice)")]
    [InlineData("before", "2026-06-05T12:00:00Z", "2026-06-01T11:59:59.9999999Z", DueStatus.MetOnTime, "strictly before the event is on time")]
    [InlineData("no later than", "2026-06-01T12:00:00Z", null, DueStatus.DueSoon, "at the event time it is not yet late")]
    [InlineData("no later than", "2026-06-01T12:00:00.0000001Z", null, DueStatus.Overdue, "after the event time it is late")]
    [InlineData("no later than", "2026-06-05T12:00:00Z", "2026-06-01T12:00:00Z", DueStatus.MetOnTime, "at the same time as the event is on time")]
    [InlineData("concurrent", "2026-06-05T12:00:00Z", "2026-06-01T12:00:00Z", DueStatus.MetOnTime, "sent with the event is on time")]
    [InlineData("concurrent", "2026-06-05T12:00:00Z", "2026-05-31T12:00:00Z", DueStatus.MetOnTime, "sent ahead of the event is not late")]
    [InlineData("concurrent", "2026-06-05T12:00:00Z", "2026-06-01T12:00:01Z", DueStatus.MetLate, "sent after the event is late")]
    [InlineData("unplanned event", "2026-06-05T12:00:00Z", null, DueStatus.Pending, "nothing can be late against an event that has not happened")]
    [InlineData("unplanned event", "2026-06-05T12:00:00Z", "2026-06-02T12:00:00Z", DueStatus.MetOnTime, "done before the other event exists")]
    [InlineData("qualitative", "2026-06-05T12:00:00Z", null, DueStatus.DueNow, "'without undue delay' is always due now")]
    [InlineData("qualitative", "2026-06-05T12:00:00Z", "2026-06-02T12:00:00Z", DueStatus.Met, "a qualitative deadline has no instant to be late against")]
    [InlineData("not applicable", "2026-06-05T12:00:00Z", null, DueStatus.NotApplicable, "no deadline applies")]
    [InlineData("not applicable", "2026-06-05T12:00:00Z", "2026-06-02T12:00:00Z", DueStatus.NotApplicable, "no deadline applies even once done")]
    public void a_duty_is_classified_against_its_deadline(string kind, string now, string? metAt, DueStatus expected, string because)
    {
        DeadlineCalculator.Classify(DueOf(kind), At(now), metAt is null ? null : At(metAt), Day).Should().Be(expected, because);
    }

    [Fact]
    public void with_no_due_soon_window_a_duty_is_due_soon_only_at_the_due_instant()
    {
        var due = new Due.Instant(Deadline);

        DeadlineCalculator.Classify(due, Deadline.AddTicks(-1), null, TimeSpan.Zero).Should().Be(DueStatus.Pending);
        DeadlineCalculator.Classify(due, Deadline, null, TimeSpan.Zero).Should().Be(DueStatus.DueSoon);
    }

    [Fact]
    public void a_negative_due_soon_window_is_refused()
    {
        var act = () => DeadlineCalculator.Classify(new Due.Instant(Deadline), Deadline, null, TimeSpan.FromHours(-1));

        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
