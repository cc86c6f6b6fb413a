using CaseManagement.Alerts.Triage;
using CaseManagement.Incidents;
using FluentAssertions;

namespace CaseManagement.UnitTests.Alerts;

/// <summary>
/// Each target of a triage item's SLA is pending, met, met late or breached, from the item and the clock alone. The running example is a
/// high item opened at 08:00 with the default targets: acknowledge by 09:00, classify by 12:00, contain by 08:00 the next day.
/// </summary>
public sealed class the_triage_sla
{
    private static readonly DateTimeOffset Opened = new(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);
    private static readonly SlaTargets High = new TriageSlaOptions().For(Severity.High);
    private static readonly TriageItem Item = new() { Id = Guid.CreateVersion7(), Severity = Severity.High, OpenedAt = Opened, Status = TriageStatus.Open };

    private static SlaStanding Standing(TriageItem item, SlaTarget target, DateTimeOffset now, DateTimeOffset? containedAt = null) =>
        TriageSla.Evaluate(item, containedAt, High, now).Single(c => c.Target == target).Standing;

    [Fact]
    public void the_targets_of_a_high_item_fall_due_one_four_and_twenty_four_hours_after_it_opened() =>
        TriageSla.Evaluate(Item, null, High, Opened).Select(c => (c.Target, c.DueAt)).Should().Equal(
            [(SlaTarget.Acknowledge, Opened.AddHours(1)), (SlaTarget.Classify, Opened.AddHours(4)), (SlaTarget.Contain, Opened.AddHours(24))],
            "the default targets for high are 60 minutes, 4 hours and 24 hours");

    public static TheoryData<string, TriageItem, SlaTarget, DateTimeOffset, DateTimeOffset?, SlaStanding> Cases => new()
    {
        { "nobody acted and it is not yet due, because there is still time", Item, SlaTarget.Acknowledge, Opened.AddMinutes(59), null, SlaStanding.Pending },
        { "nobody acted and it is past due, because the hour ran out", Item, SlaTarget.Acknowledge, Opened.AddMinutes(61), null, SlaStanding.Breached },
        { "acknowledged in time, because 08:30 is before 09:00",
            Item with { AcknowledgedAt = Opened.AddMinutes(30) }, SlaTarget.Acknowledge, Opened.AddDays(2), null, SlaStanding.Met },
        { "acknowledged after the target, because meeting it late is still not meeting it",
            Item with { AcknowledgedAt = Opened.AddHours(2) }, SlaTarget.Acknowledge, Opened.AddDays(2), null, SlaStanding.MetLate },
        { "a decision without an acknowledgement acknowledges too, because deciding is taking it on",
            Item with { Status = TriageStatus.Dismissed, DecidedAt = Opened.AddMinutes(20) }, SlaTarget.Acknowledge, Opened.AddDays(2), null, SlaStanding.Met },
        { "acknowledging does not classify, because a person has not yet said what it is",
            Item with { AcknowledgedAt = Opened.AddMinutes(5) }, SlaTarget.Classify, Opened.AddHours(5), null, SlaStanding.Breached },
        { "a dismissed item has nothing to contain, because it never became an incident",
            Item with { Status = TriageStatus.Dismissed, DecidedAt = Opened.AddHours(1) }, SlaTarget.Contain, Opened.AddDays(2), null, SlaStanding.NotApplicable },
        { "a promoted item is contained when its incident is, because that is the only proof of containment",
            Item with { Status = TriageStatus.Promoted, DecidedAt = Opened.AddHours(1) }, SlaTarget.Contain, Opened.AddDays(2), Opened.AddHours(10), SlaStanding.Met },
        { "a promoted item whose incident is not contained is breached after a day, because promotion is not containment",
            Item with { Status = TriageStatus.Promoted, DecidedAt = Opened.AddHours(1) }, SlaTarget.Contain, Opened.AddDays(2), null, SlaStanding.Breached },
        { "an open item's contain target ignores a containment time, because an undecided item has no incident to be contained",
            Item, SlaTarget.Contain, Opened.AddDays(2), Opened.AddHours(10), SlaStanding.Breached },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void a_target_stands(string because, TriageItem item, SlaTarget target, DateTimeOffset now, DateTimeOffset? containedAt, SlaStanding expected) =>
        Standing(item, target, now, containedAt).Should().Be(expected, because);

    [Fact]
    public void a_target_configured_as_zero_is_no_target() =>
        new TriageSlaOptions().For(Severity.Low).Contain.Should().BeNull("low items have no containment target by default");
}
