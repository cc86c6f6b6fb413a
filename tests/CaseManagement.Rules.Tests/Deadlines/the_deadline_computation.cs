using CaseManagement.Rules.Deadlines;
using FluentAssertions;
using static CaseManagement.Rules.Tests.Deadlines.Instants;

namespace CaseManagement.Rules.Tests.Deadlines;

public class the_deadline_computation
{
    private static DateTimeOffset DueAt(string jurisdiction, DeadlineUnit unit, int value, string clockStart)
    {
        var due = DeadlineCalculator.Compute(new DeadlineSpec(unit, value), At(clockStart), JurisdictionClocks.For(jurisdiction));
        return due.Should().BeOfType<Due.Instant>().Subject.DueAt;
    }

    [Theory]
    [InlineData("EU", 72, "2026-03-27T09:00:00+01:00", "2026-03-30T08:00:00Z", "GDPR's 72 hours across Brussels' spring-forward night are 72 elapsed hours (10:00 CEST on the wall clock)")]
    [InlineData("EU", 72, "2026-10-23T09:00:00+02:00", "2026-10-26T07:00:00Z", "GDPR's 72 hours across Brussels' fall-back night are 72 elapsed hours (08:00 CET on the wall clock)")]
    [InlineData("DE", 72, "2026-03-28T12:00:00+01:00", "2026-03-31T11:00:00Z", "an hour clock in Berlin runs through the lost hour (13:00 CEST on the wall clock)")]
    [InlineData("US-NY-DFS", 72, "2026-03-06T12:00:00-05:00", "2026-03-09T17:00:00Z", "NYDFS 72 hours across New York's spring-forward night (13:00 EDT)")]
    [InlineData("US-NY-DFS", 24, "2026-10-31T12:00:00-04:00", "2026-11-01T16:00:00Z", "NYDFS 24 hours across New York's fall-back night (11:00 EST)")]
    [InlineData("EU-DORA", 4, "2026-03-29T01:30:00+01:00", "2026-03-29T04:30:00Z", "DORA's 4 hours spanning the DST jump are still 4 hours")]
    [InlineData("GB", 72, "2026-05-22T17:00:00+01:00", "2026-05-25T16:00:00Z", "the ICO's 72 hours run through a weekend and a bank holiday")]
    [InlineData("IN-CERTIN", 6, "2026-05-10T22:00:00+05:30", "2026-05-10T22:30:00Z", "CERT-In's 6 hours")]
    [InlineData("CN-CAC", 4, "2026-02-16T23:00:00+08:00", "2026-02-16T19:00:00Z", "an hour clock ignores the local date entirely")]
    [InlineData("PCI-MASTERCARD", 24, "2026-06-01T08:00:00+09:00", "2026-06-01T23:00:00Z", "a clock start recorded with any offset is the same instant")]
    public void an_hour_deadline_is_exact_elapsed_time_from_the_clock_start(string jurisdiction, int hours, string clockStart, string expected, string because)
    {
        DueAt(jurisdiction, DeadlineUnit.Hours, hours, clockStart).Should().BeExactly(At(expected), because);
    }

    [Theory]
    [InlineData("US-CA", 30, "2026-03-01T06:30:00Z", "2026-03-31T06:59:59.9999999Z", "06:30 UTC on 1 March is 28 February in Los Angeles, so the 30 days end on 30 March, not 31 March")]
    [InlineData("US-CA", 30, "2026-03-07T20:00:00-08:00", "2026-04-07T06:59:59.9999999Z", "30 days from 7 March end on 6 April at midnight PDT")]
    [InlineData("US-CA", 30, "2026-10-15T10:00:00-07:00", "2026-11-15T07:59:59.9999999Z", "30 days from 15 October end on 14 November at midnight PST")]
    [InlineData("US-CA", 1, "2026-03-07T12:00:00-08:00", "2026-03-09T06:59:59.9999999Z", "a deadline landing on LA's spring-forward day ends at that day's local midnight")]
    [InlineData("US-CA", 1, "2026-10-31T12:00:00-07:00", "2026-11-02T07:59:59.9999999Z", "a deadline landing on LA's fall-back day ends at that day's local midnight")]
    [InlineData("US-CA", 15, "2026-10-20T09:00:00-07:00", "2026-11-05T07:59:59.9999999Z", "the California AG's 15 days after consumer notice")]
    [InlineData("US-NY", 30, "2026-02-06T10:00:00-05:00", "2026-03-09T03:59:59.9999999Z", "a New York deadline landing on the spring-forward day ends at midnight EDT")]
    [InlineData("US-NY", 30, "2026-10-02T10:00:00-04:00", "2026-11-02T04:59:59.9999999Z", "a New York deadline landing on the fall-back day ends at midnight EST")]
    [InlineData("US-NY", 30, "2026-04-01T00:00:00-04:00", "2026-05-02T03:59:59.9999999Z", "an event at local midnight starts its day, which does not count")]
    [InlineData("US-NY", 30, "2026-03-31T23:59:59.9999999-04:00", "2026-05-01T03:59:59.9999999Z", "an event in the last tick of a day counts from that day")]
    [InlineData("US-HIPAA", 60, "2026-11-15T12:00:00-05:00", "2027-01-15T04:59:59.9999999Z", "HIPAA's 60 days run into the next year")]
    [InlineData("US-CA", 1, "2026-12-24T12:00:00-08:00", "2026-12-26T07:59:59.9999999Z", "calendar days count holidays: due on Christmas Day")]
    [InlineData("DE", 1, "2026-03-28T12:00:00+01:00", "2026-03-29T21:59:59.9999999Z", "a Berlin deadline landing on the spring-forward day ends at midnight CEST")]
    [InlineData("DE", 1, "2026-10-24T12:00:00+02:00", "2026-10-25T22:59:59.9999999Z", "a Berlin deadline landing on the fall-back day ends at midnight CET")]
    [InlineData("SG", 3, "2026-06-05T23:30:00+08:00", "2026-06-08T15:59:59.9999999Z", "Singapore's '3 calendar days after the day' of the assessment")]
    [InlineData("JP", 30, "2026-01-10T10:00:00+09:00", "2026-02-09T14:59:59.9999999Z", "Japan's 30-day final report")]
    [InlineData("AU", 30, "2026-03-06T10:00:00+11:00", "2026-04-05T13:59:59.9999999Z", "Australia's 30-day assessment ends on Sydney's fall-back day, in AEST")]
    public void a_calendar_day_deadline_ends_at_the_end_of_the_nth_local_day_after_the_clock_start(string jurisdiction, int days, string clockStart, string expected, string because)
    {
        DueAt(jurisdiction, DeadlineUnit.CalendarDays, days, clockStart).Should().BeExactly(At(expected), because);
    }

    [Theory]
    [InlineData("US-SEC", 4, "2026-11-24T10:00:00-05:00", "2026-12-02T04:59:59.9999999Z", "SEC 8-K: Wed 25, Fri 27, Mon 30, Tue 1 Dec; Thanksgiving does not count")]
    [InlineData("US-SEC", 4, "2026-12-23T10:00:00-05:00", "2026-12-31T04:59:59.9999999Z", "Thu 24, Mon 28, Tue 29, Wed 30; Christmas does not count")]
    [InlineData("US-SEC", 6, "2026-12-23T10:00:00-05:00", "2027-01-05T04:59:59.9999999Z", "New Year's Day 2027 does not count either")]
    [InlineData("US-SEC", 3, "2021-12-23T10:00:00-05:00", "2021-12-30T04:59:59.9999999Z", "Christmas 2021 (a Saturday) was observed on Friday 24 December")]
    [InlineData("US-SEC", 5, "2021-12-23T10:00:00-05:00", "2022-01-04T04:59:59.9999999Z", "New Year's Day 2022 (a Saturday) was observed on Friday 31 December 2021")]
    [InlineData("US-SEC", 1, "2022-12-23T10:00:00-05:00", "2022-12-28T04:59:59.9999999Z", "Christmas 2022 (a Sunday) was observed on Monday 26 December")]
    [InlineData("US-SEC", 1, "2022-06-17T10:00:00-04:00", "2022-06-22T03:59:59.9999999Z", "Juneteenth 2022 (a Sunday) was observed on Monday 20 June")]
    [InlineData("US-VT", 14, "2026-11-20T10:00:00-05:00", "2026-12-12T04:59:59.9999999Z", "Vermont's 14 business days skip weekends and Thanksgiving")]
    [InlineData("US-SEC", 1, "2026-03-07T10:00:00-05:00", "2026-03-10T03:59:59.9999999Z", "from a Saturday the first business day is Monday, which ends in EDT")]
    [InlineData("US-SEC", 1, "2026-03-06T03:00:00Z", "2026-03-07T04:59:59.9999999Z", "03:00 UTC on Friday is Thursday evening in New York, so one business day ends on Friday, not Monday")]
    [InlineData("GB", 1, "2025-04-17T10:00:00+01:00", "2025-04-22T22:59:59.9999999Z", "Good Friday and Easter Monday 2025 are bank holidays")]
    [InlineData("GB", 1, "2021-12-24T10:00:00Z", "2021-12-29T23:59:59.9999999Z", "27 and 28 December 2021 were substitute days for Christmas and Boxing Day")]
    [InlineData("GB", 2, "2021-12-30T10:00:00Z", "2022-01-04T23:59:59.9999999Z", "3 January 2022 was the substitute for New Year's Day")]
    [InlineData("GB", 1, "2022-06-01T10:00:00+01:00", "2022-06-06T22:59:59.9999999Z", "the moved spring holiday and the Platinum Jubilee made a four-day weekend")]
    [InlineData("DE", 1, "2025-04-17T10:00:00+02:00", "2025-04-22T21:59:59.9999999Z", "Karfreitag and Ostermontag 2025")]
    [InlineData("DE", 1, "2025-05-28T10:00:00+02:00", "2025-05-30T21:59:59.9999999Z", "Ascension Day 2025")]
    [InlineData("DE", 1, "2025-06-06T10:00:00+02:00", "2025-06-10T21:59:59.9999999Z", "Whit Monday 2025")]
    [InlineData("DE", 1, "2025-10-02T10:00:00+02:00", "2025-10-06T21:59:59.9999999Z", "German Unity Day 2025 is a Friday")]
    [InlineData("DE", 2, "2025-12-23T10:00:00+01:00", "2025-12-29T22:59:59.9999999Z", "24 December counts; 25 and 26 December do not")]
    [InlineData("FR", 1, "2025-05-07T10:00:00+02:00", "2025-05-09T21:59:59.9999999Z", "8 May is a French public holiday")]
    [InlineData("IE", 1, "2022-03-16T10:00:00Z", "2022-03-21T23:59:59.9999999Z", "St Patrick's Day and the 2022 Day of Remembrance and Recognition")]
    [InlineData("IE", 1, "2024-03-15T10:00:00Z", "2024-03-18T23:59:59.9999999Z", "Ireland gives no automatic substitute for St Patrick's Day on a Sunday, so Monday counts (the earlier, safe reading)")]
    [InlineData("NL", 1, "2025-04-17T10:00:00+02:00", "2025-04-22T21:59:59.9999999Z", "Good Friday counts as a holiday under the Algemene termijnenwet")]
    [InlineData("BR", 3, "2026-04-17T10:00:00-03:00", "2026-04-23T02:59:59.9999999Z", "Brazil has no modelled holidays: only the weekend is skipped, and the calendar says so")]
    [InlineData("PCI-VISA", 3, "2026-05-29T20:00:00Z", "2026-06-03T23:59:59.9999999Z", "Visa's 3 business days from a Friday, in UTC")]
    [InlineData("PCI-VISA", 10, "2026-06-01T00:00:00Z", "2026-06-15T23:59:59.9999999Z", "Visa's 10 business days")]
    public void a_business_day_deadline_ends_at_the_end_of_the_nth_local_business_day_after_the_clock_start(string jurisdiction, int days, string clockStart, string expected, string because)
    {
        DueAt(jurisdiction, DeadlineUnit.BusinessDays, days, clockStart).Should().BeExactly(At(expected), because);
    }

    [Theory]
    [InlineData(1, "2026-01-31T10:00:00+01:00", "2026-02-28T22:59:59.9999999Z", "31 January plus one month is clamped to 28 February")]
    [InlineData(1, "2028-01-31T10:00:00+01:00", "2028-02-29T22:59:59.9999999Z", "in a leap year it is clamped to 29 February")]
    [InlineData(1, "2028-01-30T10:00:00+01:00", "2028-02-29T22:59:59.9999999Z", "30 January plus one month is also clamped to 29 February")]
    [InlineData(1, "2026-03-31T10:00:00+02:00", "2026-04-30T21:59:59.9999999Z", "31 March plus one month is 30 April")]
    [InlineData(1, "2027-02-28T10:00:00+01:00", "2027-03-28T21:59:59.9999999Z", "28 February plus one month is 28 March, not the end of March; that day is a DST change in Brussels")]
    [InlineData(1, "2026-12-15T10:00:00+01:00", "2027-01-15T22:59:59.9999999Z", "December plus one month is January of the next year")]
    [InlineData(12, "2028-02-29T10:00:00+01:00", "2029-02-28T22:59:59.9999999Z", "29 February plus twelve months is clamped to 28 February")]
    [InlineData(1, "2026-01-31T23:30:00Z", "2026-03-01T22:59:59.9999999Z", "23:30 UTC on 31 January is already 1 February in Brussels")]
    [InlineData(1, "2026-09-25T10:00:00+02:00", "2026-10-25T22:59:59.9999999Z", "a month landing on Brussels' fall-back day ends at midnight CET")]
    public void a_month_deadline_ends_on_the_same_local_day_of_the_month_clamped_to_the_months_end(int months, string clockStart, string expected, string because)
    {
        DueAt("EU-DORA", DeadlineUnit.Months, months, clockStart).Should().BeExactly(At(expected), because);
    }

    [Theory]
    [InlineData(DeadlineUnit.Before, EventRelation.Before)]
    [InlineData(DeadlineUnit.NoLaterThan, EventRelation.NoLaterThan)]
    [InlineData(DeadlineUnit.Concurrent, EventRelation.Concurrent)]
    public void a_relative_deadline_is_relative_to_its_clock_start_event(DeadlineUnit unit, EventRelation relation)
    {
        var individualNotice = At("2026-05-01T14:00:00-04:00");

        var due = DeadlineCalculator.Compute(new DeadlineSpec(unit), individualNotice, JurisdictionClocks.For("US-MD"));

        due.Should().Be(new Due.RelativeTo(relation, At("2026-05-01T18:00:00Z")), because: "the catalogue's clock start for a relative rule is the other event (notice to individuals)");
        due.As<Due.RelativeTo>().EventAt!.Value.Offset.Should().Be(TimeSpan.Zero);
    }

    [Theory]
    [InlineData(DeadlineUnit.Before, EventRelation.Before)]
    [InlineData(DeadlineUnit.NoLaterThan, EventRelation.NoLaterThan)]
    [InlineData(DeadlineUnit.Concurrent, EventRelation.Concurrent)]
    public void a_relative_deadline_whose_event_is_not_planned_yet_has_no_instant(DeadlineUnit unit, EventRelation relation)
    {
        DeadlineCalculator.ComputeBeforeClockStart(new DeadlineSpec(unit)).Should().Be(new Due.RelativeTo(relation, null));
    }

    [Fact]
    public void the_catalogues_zero_offset_on_a_relative_backstop_is_accepted()
    {
        // Vermont's backstop is written {"value": 0, "unit": "no_later_than"}.
        DeadlineCalculator.ComputeBeforeClockStart(new DeadlineSpec(DeadlineUnit.NoLaterThan, 0))
            .Should().Be(new Due.RelativeTo(EventRelation.NoLaterThan, null));
    }

    [Fact]
    public void a_qualitative_deadline_has_no_instant_whether_or_not_its_clock_has_started()
    {
        var spec = new DeadlineSpec(DeadlineUnit.Qualitative);

        DeadlineCalculator.Compute(spec, At("2026-05-01T10:00:00Z"), JurisdictionClocks.For("EU")).Should().Be(new Due.Qualitative());
        DeadlineCalculator.ComputeBeforeClockStart(spec).Should().Be(new Due.Qualitative());
    }

    [Fact]
    public void a_rule_without_a_deadline_is_not_applicable()
    {
        var spec = new DeadlineSpec(DeadlineUnit.NotApplicable);

        DeadlineCalculator.Compute(spec, At("2026-05-01T10:00:00Z"), JurisdictionClocks.For("EU")).Should().Be(new Due.NotApplicable());
        DeadlineCalculator.ComputeBeforeClockStart(spec).Should().Be(new Due.NotApplicable());
    }

    [Fact]
    public void a_due_instant_is_always_held_in_utc()
    {
        new Due.Instant(At("2026-05-01T12:00:00+02:00")).DueAt.Should().BeExactly(At("2026-05-01T10:00:00Z"));
        new Due.RelativeTo(EventRelation.Before, At("2026-05-01T12:00:00-04:00")).EventAt.Should().BeExactly(At("2026-05-01T16:00:00Z"));
    }

    [Theory]
    [InlineData(DeadlineUnit.Hours, null)]
    [InlineData(DeadlineUnit.Hours, 0)]
    [InlineData(DeadlineUnit.Hours, -72)]
    [InlineData(DeadlineUnit.CalendarDays, null)]
    [InlineData(DeadlineUnit.CalendarDays, 0)]
    [InlineData(DeadlineUnit.BusinessDays, 0)]
    [InlineData(DeadlineUnit.BusinessDays, -3)]
    [InlineData(DeadlineUnit.Months, null)]
    [InlineData(DeadlineUnit.Months, -1)]
    public void a_measured_deadline_without_a_positive_value_is_refused(DeadlineUnit unit, int? value)
    {
        var act = () => DeadlineCalculator.Compute(new DeadlineSpec(unit, value), At("2026-05-01T10:00:00Z"), JurisdictionClocks.For("EU"));

        act.Should().Throw<ArgumentException>(because: "a missing or non-positive amount is a catalogue error, not a deadline of now")
            .WithMessage($"A {unit} deadline needs a positive Value*");
    }

    [Theory]
    [InlineData(DeadlineUnit.Qualitative, 3)]
    [InlineData(DeadlineUnit.NotApplicable, 5)]
    [InlineData(DeadlineUnit.Before, 1)]
    [InlineData(DeadlineUnit.Concurrent, -2)]
    public void an_amount_on_a_deadline_that_has_none_is_refused(DeadlineUnit unit, int value)
    {
        var act = () => DeadlineCalculator.Compute(new DeadlineSpec(unit, value), At("2026-05-01T10:00:00Z"), JurisdictionClocks.For("EU"));

        act.Should().Throw<ArgumentException>(because: "silently dropping an amount would hide a mapping error").WithMessage($"A {unit} deadline has no amount*");
    }

    [Theory]
    [InlineData(DeadlineUnit.Hours)]
    [InlineData(DeadlineUnit.CalendarDays)]
    [InlineData(DeadlineUnit.BusinessDays)]
    [InlineData(DeadlineUnit.Months)]
    public void a_measured_deadline_cannot_be_computed_before_its_clock_starts(DeadlineUnit unit)
    {
        var act = () => DeadlineCalculator.ComputeBeforeClockStart(new DeadlineSpec(unit, 1));

        act.Should().Throw<ArgumentException>().WithMessage("*runs from its clock-start instant*");
    }

    [Fact]
    public void an_unknown_unit_is_refused()
    {
        var act = () => DeadlineCalculator.Compute(new DeadlineSpec((DeadlineUnit)99, 1), At("2026-05-01T10:00:00Z"), JurisdictionClocks.For("EU"));

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void a_business_day_count_running_past_2100_is_refused_rather_than_guessed()
    {
        var act = () => DueAt("US-SEC", DeadlineUnit.BusinessDays, 5, "2100-12-29T10:00:00-05:00");

        act.Should().Throw<ArgumentOutOfRangeException>(because: "holiday rules are only known up to 2100");
    }
}
