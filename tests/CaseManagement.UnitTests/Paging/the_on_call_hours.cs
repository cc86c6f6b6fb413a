using CaseManagement.Paging.Roster;
using FluentAssertions;

namespace CaseManagement.UnitTests.Paging;

/// <summary>
/// Who is on duty follows each person's hours in their own time zone. The running example is Monday 2026-12-07 at 09:30 UTC:
/// 10:30 in Berlin, 04:30 in New York.
/// </summary>
public sealed class the_on_call_hours
{
    private static readonly DateTimeOffset Monday0930Utc = new(2026, 12, 7, 9, 30, 0, TimeSpan.Zero);

    private static OnCallPerson Person(string zone, string? from, string? until, params DayOfWeek[] days) =>
        new("Pat", "pat@shop.test", null, zone, from, until, days);

    public static TheoryData<string, OnCallPerson, DateTimeOffset, bool> Cases => new()
    {
        { "no hours means any hour, because the person said nothing about hours", Person("UTC", null, null), Monday0930Utc, true },
        { "inside office hours in Berlin, because 10:30 local is between 08:00 and 18:00", Person("Europe/Berlin", "08:00", "18:00"), Monday0930Utc, true },
        { "outside office hours in New York, because 04:30 local is before 08:00", Person("America/New_York", "08:00", "18:00"), Monday0930Utc, false },
        { "the end is exclusive, because a shift until 10:30 ends as 10:30 begins", Person("Europe/Berlin", "08:00", "10:30"), Monday0930Utc, false },
        { "a night shift covers the small hours, because 22:00 to 06:00 runs past midnight", Person("America/New_York", "22:00", "06:00"), Monday0930Utc, true },
        { "a night shift does not cover the morning, because it ended at 06:00", Person("Europe/Berlin", "22:00", "06:00"), Monday0930Utc, false },
        { "a weekday-only person is on duty on Monday, because Monday is listed", Person("UTC", null, null, DayOfWeek.Monday), Monday0930Utc, true },
        { "a weekend-only person is off on Monday, because only Saturday and Sunday are listed",
            Person("UTC", null, null, DayOfWeek.Saturday, DayOfWeek.Sunday), Monday0930Utc, false },
        { "a Sunday night shift still holds on Monday 04:30 New York time, because the shift belongs to the day it started",
            Person("America/New_York", "22:00", "06:00", DayOfWeek.Sunday), Monday0930Utc, true },
        { "a Monday night shift does not hold on Monday 04:30 New York time, because that Monday's shift starts at 22:00",
            Person("America/New_York", "22:00", "06:00", DayOfWeek.Monday), Monday0930Utc, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void a_person_is_on_duty_or_not(string because, OnCallPerson person, DateTimeOffset now, bool expected) =>
        OnDuty.IsOnDuty(person, now).Should().Be(expected, because);

    [Fact]
    public void the_page_goes_to_those_on_duty_in_roster_order()
    {
        var newYork = Person("America/New_York", "08:00", "18:00") with { Name = "Nia" };
        var berlin = Person("Europe/Berlin", "08:00", "18:00") with { Name = "Ben" };
        var always = Person("UTC", null, null) with { Name = "Ali" };

        var order = OnDuty.At([newYork, berlin, always], Monday0930Utc, out var outsideHours);

        order.Select(p => p.Name).Should().Equal(["Ben", "Ali"], "Nia is asleep in New York; the others keep their roster order");
        outsideHours.Should().BeFalse("someone is on duty");
    }

    [Fact]
    public void when_nobody_is_on_duty_the_whole_roster_is_paged_and_that_is_said()
    {
        var night = Person("Europe/Berlin", "20:00", "23:00") with { Name = "Ben" };
        var weekend = Person("UTC", null, null, DayOfWeek.Saturday) with { Name = "Sam" };

        var order = OnDuty.At([night, weekend], Monday0930Utc, out var outsideHours);

        order.Select(p => p.Name).Should().Equal(["Ben", "Sam"], "a page is never dropped for want of hours");
        outsideHours.Should().BeTrue("the page must say it reaches people outside their hours");
    }

    [Fact]
    public void an_empty_roster_pages_nobody_and_is_not_outside_hours()
    {
        OnDuty.At([], Monday0930Utc, out var outsideHours).Should().BeEmpty("there is nobody to page");
        outsideHours.Should().BeFalse("there are no hours to be outside of");
    }

    [Theory]
    [InlineData("08:00", true)]
    [InlineData("23:59", true)]
    [InlineData("8:00", false)]
    [InlineData("24:00", false)]
    [InlineData("noon", false)]
    public void hours_are_HH_mm(string hours, bool valid) =>
        (OnDuty.HoursProblem(hours) is null).Should().Be(valid, $"'{hours}' {(valid ? "is" : "is not")} a time of day written as HH:mm");
}
