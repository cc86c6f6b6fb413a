using CaseManagement.Incidents;
using CaseManagement.Incidents.Merging;
using CaseManagement.Obligations.Facts;
using CaseManagement.Rules.Catalogue;
using FluentAssertions;
using static CaseManagement.UnitTests.Incidents.IncidentStories;

namespace CaseManagement.UnitTests.Alerts;

/// <summary>When a duplicate is merged, the survivor's clocks move to the earliest either incident knew, each move naming the duplicate.</summary>
public sealed class the_merge_rules
{
    private static readonly Guid DuplicateId = Guid.Parse("01900000-0000-7000-8000-000000000002");
    private static readonly Incident Survivor = Given(Detection(awareAt: Detected.AddHours(6)));

    private static Incident Duplicate(DateTimeOffset detectedAt, DateTimeOffset? awareAt = null,
        IReadOnlyDictionary<ClockStart, DateTimeOffset>? clocks = null) =>
        Survivor with
        {
            Id = DuplicateId, Title = "Odd admin account", DetectedAt = detectedAt, AwareAt = awareAt,
            Clocks = clocks ?? new Dictionary<ClockStart, DateTimeOffset>(),
        };

    [Fact]
    public void an_earlier_awareness_corrects_the_survivors_and_says_why()
    {
        var events = MergeRules.EarliestClocks(Survivor, Duplicate(Detected.AddHours(-2), awareAt: Detected.AddHours(-1)));

        var correction = events.OfType<AwarenessCorrected>().Should().ContainSingle("the duplicate knew five hours before the survivor").Subject;
        correction.PreviousAwareAt.Should().Be(Detected.AddHours(6));
        correction.AwareAt.Should().Be(Detected.AddHours(-1));
        correction.Reason.Should().Contain(DuplicateId.ToString()).And.Contain("Odd admin account", "the timeline says which incident moved the clock");
        events.OfType<ClockInstantRecorded>().Should().ContainSingle(c => c.Clock == ClockStart.Discovery && c.At == Detected.AddHours(-2),
            "the duplicate was detected two hours earlier, so discovery counts from then");
    }

    [Fact]
    public void a_later_duplicate_moves_nothing() =>
        MergeRules.EarliestClocks(Survivor, Duplicate(Detected.AddHours(1), awareAt: Detected.AddHours(7))).Should()
            .BeEmpty("the survivor already knew earlier on every clock; a correction to a later time would shorten nothing and lie");

    [Fact]
    public void a_duplicate_aware_when_the_survivor_recorded_no_awareness_records_it()
    {
        var unaware = Given(Detection());

        var events = MergeRules.EarliestClocks(unaware, Duplicate(Detected.AddHours(1), awareAt: Detected.AddHours(2)));

        events.OfType<AwarenessRecorded>().Should().ContainSingle("the survivor had no awareness; the duplicate's is the only one known")
            .Which.AwareAt.Should().Be(Detected.AddHours(2));
        events.OfType<AwarenessCorrected>().Should().BeEmpty("there is nothing to correct");
    }

    [Fact]
    public void a_clock_the_survivor_recorded_later_is_corrected_and_one_it_lacks_is_recorded()
    {
        var survivor = Survivor with { Clocks = new Dictionary<ClockStart, DateTimeOffset> { [ClockStart.Determination] = Detected.AddDays(2) } };
        var duplicate = Duplicate(Detected.AddHours(3), clocks: new Dictionary<ClockStart, DateTimeOffset>
        {
            [ClockStart.Determination] = Detected.AddDays(1),
            [ClockStart.ClassificationAsMajor] = Detected.AddDays(1),
        });

        var events = MergeRules.EarliestClocks(survivor, duplicate);

        events.OfType<ClockInstantCorrected>().Should().ContainSingle("determination moves a day earlier")
            .Which.Should().Match<ClockInstantCorrected>(c => c.Clock == ClockStart.Determination && c.PreviousAt == Detected.AddDays(2) && c.At == Detected.AddDays(1));
        events.OfType<ClockInstantRecorded>().Should().ContainSingle("the survivor never classified the incident as major")
            .Which.Clock.Should().Be(ClockStart.ClassificationAsMajor);
    }
}
