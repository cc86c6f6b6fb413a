using CaseManagement.Rules.Deadlines;
using FluentAssertions;
using static CaseManagement.Rules.Tests.Deadlines.Instants;

namespace CaseManagement.Rules.Tests.Deadlines;

public class the_holiday_calendar
{
    public static TheoryData<string, int, string[]> FullYears => new()
    {
        { "US", 2026, ["2026-01-01", "2026-01-19", "2026-02-16", "2026-05-25", "2026-06-19", "2026-07-03", "2026-09-07", "2026-10-12", "2026-11-11", "2026-11-26", "2026-12-25"] },
        { "US", 2021, ["2021-01-01", "2021-01-18", "2021-02-15", "2021-05-31", "2021-06-18", "2021-07-05", "2021-09-06", "2021-10-11", "2021-11-11", "2021-11-25", "2021-12-24", "2021-12-31"] },
        { "US", 2022, ["2022-01-17", "2022-02-21", "2022-05-30", "2022-06-20", "2022-07-04", "2022-09-05", "2022-10-10", "2022-11-11", "2022-11-24", "2022-12-26"] },
        { "US", 2023, ["2023-01-02", "2023-01-16", "2023-02-20", "2023-05-29", "2023-06-19", "2023-07-04", "2023-09-04", "2023-10-09", "2023-11-10", "2023-11-23", "2023-12-25"] },
        { "US", 2020, ["2020-01-01", "2020-01-20", "2020-02-17", "2020-05-25", "2020-07-03", "2020-09-07", "2020-10-12", "2020-11-11", "2020-11-26", "2020-12-25"] },
        { "GB", 2020, ["2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08", "2020-05-25", "2020-08-31", "2020-12-25", "2020-12-28"] },
        { "GB", 2021, ["2021-01-01", "2021-04-02", "2021-04-05", "2021-05-03", "2021-05-31", "2021-08-30", "2021-12-27", "2021-12-28"] },
        { "GB", 2022, ["2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03", "2022-08-29", "2022-09-19", "2022-12-26", "2022-12-27"] },
        { "GB", 2023, ["2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-08", "2023-05-29", "2023-08-28", "2023-12-25", "2023-12-26"] },
        { "GB", 2025, ["2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26"] },
        { "GB", 2012, ["2012-01-02", "2012-04-06", "2012-04-09", "2012-05-07", "2012-06-04", "2012-06-05", "2012-08-27", "2012-12-25", "2012-12-26"] },
        { "DE", 2025, ["2025-01-01", "2025-04-18", "2025-04-21", "2025-05-01", "2025-05-29", "2025-06-09", "2025-10-03", "2025-12-25", "2025-12-26"] },
        { "DE", 2017, ["2017-01-01", "2017-04-14", "2017-04-17", "2017-05-01", "2017-05-25", "2017-06-05", "2017-10-03", "2017-10-31", "2017-12-25", "2017-12-26"] },
        { "FR", 2025, ["2025-01-01", "2025-04-21", "2025-05-01", "2025-05-08", "2025-05-29", "2025-06-09", "2025-07-14", "2025-08-15", "2025-11-01", "2025-11-11", "2025-12-25"] },
        { "IE", 2022, ["2022-01-01", "2022-03-17", "2022-03-18", "2022-04-18", "2022-05-02", "2022-06-06", "2022-08-01", "2022-10-31", "2022-12-25", "2022-12-26"] },
        { "IE", 2025, ["2025-01-01", "2025-02-03", "2025-03-17", "2025-04-21", "2025-05-05", "2025-06-02", "2025-08-04", "2025-10-27", "2025-12-25", "2025-12-26"] },
        { "NL", 2025, ["2025-01-01", "2025-04-18", "2025-04-21", "2025-04-26", "2025-05-05", "2025-05-29", "2025-06-09", "2025-12-25", "2025-12-26"] },
        { "NL", 2010, ["2010-01-01", "2010-04-02", "2010-04-05", "2010-04-30", "2010-05-05", "2010-05-13", "2010-05-24", "2010-12-25", "2010-12-26"] },
    };

    [Theory]
    [MemberData(nameof(FullYears))]
    public void a_calendar_lists_exactly_the_observed_holidays_of_a_year(string jurisdiction, int year, string[] expected)
    {
        var dates = HolidayCalendars.For(jurisdiction).HolidaysIn(year).Select(holiday => holiday.Date);

        dates.Should().Equal(expected.Select(Day), because: "{0} {1} is checked against the official list (OPM, gov.uk, Citizens Information, Algemene termijnenwet)", jurisdiction, year);
    }

    [Theory]
    [InlineData("US", "2021-12-24", "Christmas Day (observed)")]
    [InlineData("US", "2021-12-31", "New Year's Day (observed)")]
    [InlineData("US", "2022-12-26", "Christmas Day (observed)")]
    [InlineData("US", "2022-06-20", "Juneteenth National Independence Day (observed)")]
    [InlineData("US", "2021-06-18", "Juneteenth National Independence Day (observed)")]
    [InlineData("US", "2026-07-03", "Independence Day (observed)")]
    [InlineData("US", "2026-11-26", "Thanksgiving Day")]
    [InlineData("GB", "2021-12-27", "Christmas Day (substitute day)")]
    [InlineData("GB", "2021-12-28", "Boxing Day (substitute day)")]
    [InlineData("GB", "2022-01-03", "New Year's Day (substitute day)")]
    [InlineData("GB", "2022-06-03", "Platinum Jubilee of Queen Elizabeth II")]
    [InlineData("GB", "2022-09-19", "State funeral of Queen Elizabeth II")]
    [InlineData("GB", "2023-05-08", "Coronation of King Charles III")]
    [InlineData("GB", "2020-05-08", "Early May bank holiday (VE Day)")]
    [InlineData("GB", "2011-04-29", "Wedding of Prince William and Catherine Middleton")]
    [InlineData("GB", "2002-06-03", "Golden Jubilee of Queen Elizabeth II")]
    [InlineData("GB", "2002-06-04", "Spring bank holiday")]
    [InlineData("DE", "2017-10-31", "Reformation Day 500th anniversary (Reformationstag)")]
    [InlineData("IE", "2030-02-01", "St Brigid's Day")]
    [InlineData("NL", "2006-04-29", "Queen's Day (Koninginnedag)")]
    [InlineData("NL", "2014-04-26", "King's Day (Koningsdag)")]
    public void a_holiday_is_reported_on_the_day_it_is_observed(string jurisdiction, string date, string name)
    {
        var calendar = HolidayCalendars.For(jurisdiction);

        calendar.IsHoliday(Day(date)).Should().BeTrue(because: "{0} is a day off in {1}", date, jurisdiction);
        calendar.HolidaysIn(Day(date).Year).Should().Contain(new Holiday(Day(date), name));
    }

    [Theory]
    [InlineData("US", "2021-12-25", "the federal holiday moved to Friday 24 December")]
    [InlineData("US", "2022-06-19", "Juneteenth 2022 was a Sunday, observed on Monday 20 June")]
    [InlineData("US", "2020-06-19", "Juneteenth became a federal holiday only in 2021")]
    [InlineData("US", "2025-12-24", "one-off executive-order closures are not modelled")]
    [InlineData("GB", "2020-05-04", "the 2020 early May holiday moved to VE Day, 8 May")]
    [InlineData("GB", "2022-05-30", "the 2022 spring holiday moved to 2 June")]
    [InlineData("GB", "2021-12-25", "Christmas 2021 was a Saturday and its substitute is 27 December")]
    [InlineData("DE", "2025-12-24", "Christmas Eve is not a public holiday")]
    [InlineData("DE", "2025-01-06", "Epiphany is a holiday in only three Länder")]
    [InlineData("DE", "2025-10-31", "Reformation Day is nationwide only in 2017")]
    [InlineData("FR", "2025-04-18", "Good Friday is a holiday only in Alsace-Moselle")]
    [InlineData("IE", "2025-04-18", "Good Friday is not a public holiday in Ireland")]
    [InlineData("IE", "2024-03-18", "Irish law gives no automatic substitute for St Patrick's Day on a Sunday")]
    [InlineData("IE", "2022-02-07", "St Brigid's Day became a public holiday in 2023")]
    [InlineData("NL", "2025-04-27", "King's Day moves to Saturday when 27 April is a Sunday")]
    public void a_day_that_is_not_an_observed_holiday_is_a_working_day(string jurisdiction, string date, string because)
    {
        HolidayCalendars.For(jurisdiction).IsHoliday(Day(date)).Should().BeFalse(because);
    }

    [Theory]
    [InlineData(2000, "2000-04-23")]
    [InlineData(2008, "2008-03-23")]
    [InlineData(2011, "2011-04-24")]
    [InlineData(2016, "2016-03-27")]
    [InlineData(2019, "2019-04-21")]
    [InlineData(2024, "2024-03-31")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2026, "2026-04-05")]
    [InlineData(2027, "2027-03-28")]
    [InlineData(2038, "2038-04-25")]
    [InlineData(2100, "2100-03-28")]
    public void easter_sunday_follows_the_anonymous_gregorian_algorithm(int year, string expected)
    {
        HolidayRules.EasterSunday(year).Should().Be(Day(expected), because: "published Easter dates include the earliest (23 March 2008) and latest (25 April 2038) of the range");
    }

    [Theory]
    [InlineData("US")]
    [InlineData("GB")]
    public void a_moved_holiday_always_lands_on_a_weekday(string jurisdiction)
    {
        var calendar = HolidayCalendars.For(jurisdiction);

        var all = Enumerable.Range(2000, 101).SelectMany(calendar.HolidaysIn);

        all.Should().OnlyContain(holiday => holiday.Date.DayOfWeek != DayOfWeek.Saturday && holiday.Date.DayOfWeek != DayOfWeek.Sunday,
            because: "{0} observes a weekend holiday on a weekday", jurisdiction);
    }

    [Theory]
    [InlineData("US")]
    [InlineData("GB")]
    [InlineData("DE")]
    [InlineData("FR")]
    [InlineData("IE")]
    [InlineData("NL")]
    public void every_year_from_2000_to_2100_lists_its_own_holidays_in_date_order(string jurisdiction)
    {
        var calendar = HolidayCalendars.For(jurisdiction);

        foreach (var year in Enumerable.Range(2000, 101))
        {
            var holidays = calendar.HolidaysIn(year);
            holidays.Should().HaveCountGreaterThanOrEqualTo(8, because: "every modelled country has at least eight public holidays ({0} {1})", jurisdiction, year);
            holidays.Should().OnlyContain(holiday => holiday.Date.Year == year);
            holidays.Select(holiday => holiday.Date).Should().BeInAscendingOrder();
        }
    }

    [Theory]
    [InlineData(1999)]
    [InlineData(2101)]
    public void a_year_outside_2000_to_2100_is_refused_rather_than_guessed(int year)
    {
        var act = () => HolidayCalendars.UsFederal.HolidaysIn(year);

        act.Should().Throw<ArgumentOutOfRangeException>(because: "the rules are only known for 2000–2100").WithMessage("*2000–2100*");
    }

    [Theory]
    [InlineData("US", "US federal holidays (5 U.S.C. 6103; state holidays not modelled)")]
    [InlineData("US-CA", "US federal holidays (5 U.S.C. 6103; state holidays not modelled)")]
    [InlineData("US-VT", "US federal holidays (5 U.S.C. 6103; state holidays not modelled)")]
    [InlineData("US-SEC", "US federal holidays (5 U.S.C. 6103; state holidays not modelled)")]
    [InlineData("us-ny-dfs", "US federal holidays (5 U.S.C. 6103; state holidays not modelled)")]
    [InlineData("GB", "England and Wales bank holidays")]
    [InlineData("DE", "Germany nationwide public holidays (state holidays not modelled)")]
    [InlineData("FR", "France public holidays (Code du travail L3133-1; Alsace-Moselle extras not modelled)")]
    [InlineData("IE", "Ireland public holidays (no weekend substitutes)")]
    [InlineData("NL", "Netherlands public holidays (Algemene termijnenwet art. 3; decreed bridge days not modelled)")]
    public void a_jurisdiction_with_a_modelled_calendar_gets_it_and_says_what_it_covers(string jurisdiction, string name)
    {
        var calendar = HolidayCalendars.For(jurisdiction);

        calendar.Name.Should().Be(name);
        calendar.IsWeekendOnly.Should().BeFalse();
    }

    [Theory]
    [InlineData("EU")]
    [InlineData("EU-DORA")]
    [InlineData("CH")]
    [InlineData("BR")]
    [InlineData("PCI-VISA")]
    [InlineData("SG")]
    [InlineData("XX")]
    public void any_other_jurisdiction_visibly_skips_weekends_only(string jurisdiction)
    {
        var calendar = HolidayCalendars.For(jurisdiction);

        calendar.IsWeekendOnly.Should().BeTrue(because: "a deadline counted without {0}'s holidays must be flagged, not silently trusted", jurisdiction);
        calendar.Name.Should().StartWith("weekends only");
        calendar.IsHoliday(Day("2025-12-25")).Should().BeFalse();
        calendar.HolidaysIn(2025).Should().BeEmpty();
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void a_blank_jurisdiction_code_is_refused(string jurisdiction)
    {
        var act = () => HolidayCalendars.For(jurisdiction);

        act.Should().Throw<ArgumentException>();
    }
}
