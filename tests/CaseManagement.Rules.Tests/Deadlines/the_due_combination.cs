using CaseManagement.Rules.Deadlines;
using FluentAssertions;
using static CaseManagement.Rules.Tests.Deadlines.Instants;

namespace CaseManagement.Rules.Tests.Deadlines;

public class the_due_combination
{
    private static readonly Dictionary<string, Due> Named = new()
    {
        ["10:00"] = new Due.Instant(At("2026-05-01T10:00:00Z")),
        ["12:00"] = new Due.Instant(At("2026-05-01T12:00:00Z")),
        ["no later than 09:00"] = new Due.RelativeTo(EventRelation.NoLaterThan, At("2026-05-01T09:00:00Z")),
        ["no later than 10:00"] = new Due.RelativeTo(EventRelation.NoLaterThan, At("2026-05-01T10:00:00Z")),
        ["concurrent with 11:00"] = new Due.RelativeTo(EventRelation.Concurrent, At("2026-05-01T11:00:00Z")),
        ["before 10:00"] = new Due.RelativeTo(EventRelation.Before, At("2026-05-01T10:00:00Z")),
        ["no later than an unplanned event"] = new Due.RelativeTo(EventRelation.NoLaterThan, null),
        ["qualitative"] = new Due.Qualitative(),
        ["not applicable"] = new Due.NotApplicable(),
    };

    [Theory]
    [InlineData("10:00", "12:00", "10:00", "the earlier instant wins")]
    [InlineData("12:00", "10:00", "10:00", "the earlier instant wins whichever way round")]
    [InlineData("10:00", "qualitative", "10:00", "a qualitative deadline never beats an instant")]
    [InlineData("qualitative", "10:00", "10:00", "a qualitative deadline never beats an instant, whichever way round")]
    [InlineData("10:00", "not applicable", "10:00", "a rule without a deadline does not constrain")]
    [InlineData("not applicable", "qualitative", "qualitative", "a rule without a deadline does not constrain")]
    [InlineData("10:00", "no later than 09:00", "no later than 09:00", "a planned consumer notice earlier than the measured deadline binds (Vermont)")]
    [InlineData("12:00", "concurrent with 11:00", "concurrent with 11:00", "a concurrent event earlier than the measured deadline binds")]
    [InlineData("10:00", "before 10:00", "before 10:00", "strictly before an instant is earlier than at that instant")]
    [InlineData("no later than 10:00", "before 10:00", "before 10:00", "'before' is stricter than 'no later than' at the same instant")]
    [InlineData("10:00", "no later than 10:00", "10:00", "on a tie the first deadline (the rule's own) is kept")]
    [InlineData("no later than 10:00", "10:00", "no later than 10:00", "on a tie the first deadline is kept")]
    [InlineData("10:00", "no later than an unplanned event", "10:00", "an event with no instant cannot be compared yet; the known instant stands")]
    [InlineData("qualitative", "no later than an unplanned event", "qualitative", "'due now' is more urgent than an event that is not planned")]
    [InlineData("no later than an unplanned event", "not applicable", "no later than an unplanned event", "a rule without a deadline does not constrain")]
    [InlineData("qualitative", "no later than 09:00", "no later than 09:00", "a known instant beats a qualitative deadline")]
    public void the_earliest_of_two_deadlines_is_the_binding_one(string a, string b, string expected, string because)
    {
        DeadlineCalculator.Earliest(Named[a], Named[b]).Should().BeSameAs(Named[expected], because);
    }

    [Theory]
    [InlineData("2026-03-10T09:00:00Z", "2026-03-10T13:00:00Z", "classified an hour after awareness: 4 hours from classification come first")]
    [InlineData("2026-03-11T06:00:00Z", "2026-03-11T08:00:00Z", "classified 22 hours after awareness: the 24-hour backstop comes first")]
    [InlineData("2026-03-11T07:59:59Z", "2026-03-11T08:00:00Z", "classified a second before the 24-hour mark: the backstop still binds")]
    [InlineData("2026-03-11T08:00:00Z", "2026-03-11T12:00:00Z", "classified exactly at the 24-hour mark: the backstop has lapsed, 4 hours from classification apply")]
    [InlineData("2026-03-12T08:00:00Z", "2026-03-12T12:00:00Z", "classified after 24 hours: within 4 hours of that classification (DORA RTS)")]
    public void dora_initial_notice_is_due_at_the_earlier_of_classification_plus_4h_and_awareness_plus_24h(string classifiedAt, string expected, string because)
    {
        var clock = JurisdictionClocks.For("EU-DORA");
        var awareAt = At("2026-03-10T08:00:00Z");
        var main = DeadlineCalculator.Compute(new DeadlineSpec(DeadlineUnit.Hours, 4), At(classifiedAt), clock);
        var backstop = DeadlineCalculator.Compute(new DeadlineSpec(DeadlineUnit.Hours, 24), awareAt, clock);

        DeadlineCalculator.WithBackstop(main, At(classifiedAt), backstop).Should().Be(new Due.Instant(At(expected)), because);
    }

    [Fact]
    public void vermont_preliminary_notice_is_due_at_the_earlier_of_14_business_days_and_consumer_notice()
    {
        var clock = JurisdictionClocks.For("US-VT");
        var discoveredAt = At("2026-11-20T10:00:00-05:00");
        var fourteenBusinessDays = DeadlineCalculator.Compute(new DeadlineSpec(DeadlineUnit.BusinessDays, 14), discoveredAt, clock);
        var backstop = new DeadlineSpec(DeadlineUnit.NoLaterThan, 0);

        DeadlineCalculator.WithBackstop(fourteenBusinessDays, discoveredAt, DeadlineCalculator.ComputeBeforeClockStart(backstop))
            .Should().Be(fourteenBusinessDays, because: "until consumer notice is planned, the 14 business days bind");
        DeadlineCalculator.WithBackstop(fourteenBusinessDays, discoveredAt, DeadlineCalculator.Compute(backstop, At("2026-12-01T15:00:00Z"), clock))
            .Should().Be(new Due.RelativeTo(EventRelation.NoLaterThan, At("2026-12-01T15:00:00Z")), because: "consumer notice planned before day 14 binds");
        DeadlineCalculator.WithBackstop(fourteenBusinessDays, discoveredAt, DeadlineCalculator.Compute(backstop, At("2026-12-20T15:00:00Z"), clock))
            .Should().Be(fourteenBusinessDays, because: "consumer notice after day 14 does not extend the 14 business days");
    }
}
