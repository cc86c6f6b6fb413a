using CaseManagement.Rules.Deadlines;
using FluentAssertions;
using static CaseManagement.Rules.Tests.Deadlines.Instants;

namespace CaseManagement.Rules.Tests.Deadlines;

public class the_jurisdiction_clock
{
    private static readonly TimeSpan LastTickOfDay = new TimeOnly(23, 59, 59).Add(TimeSpan.FromTicks(TimeSpan.TicksPerSecond - 1)).ToTimeSpan();

    [Theory]
    [InlineData("EU", "Europe/Brussels")]
    [InlineData("EU-DORA", "Europe/Brussels")]
    [InlineData("EU-NIS2", "Europe/Brussels")]
    [InlineData("eu-dora", "Europe/Brussels")]
    [InlineData("DE", "Europe/Berlin")]
    [InlineData("FR", "Europe/Paris")]
    [InlineData("IE", "Europe/Dublin")]
    [InlineData("NL", "Europe/Amsterdam")]
    [InlineData("GB", "Europe/London")]
    [InlineData("CH", "Europe/Zurich")]
    [InlineData("US", "America/New_York")]
    [InlineData("US-FTC-GLBA", "America/New_York")]
    [InlineData("US-SEC", "America/New_York")]
    [InlineData("US-HIPAA", "America/New_York")]
    [InlineData("US-NY-DFS", "America/New_York")]
    [InlineData("US-CA", "America/Los_Angeles")]
    [InlineData("US-TX", "America/Chicago")]
    [InlineData("US-CO", "America/Denver")]
    [InlineData("US-AZ", "America/Phoenix")]
    [InlineData("US-IN", "America/Indiana/Indianapolis")]
    [InlineData("US-TN", "America/Chicago")]
    [InlineData("US-KY", "America/New_York")]
    [InlineData("US-HI", "Pacific/Honolulu")]
    [InlineData("US-AK", "America/Anchorage")]
    [InlineData("US-DC", "America/New_York")]
    [InlineData("CA", "America/Toronto")]
    [InlineData("CA-QC", "America/Toronto")]
    [InlineData("BR", "America/Sao_Paulo")]
    [InlineData("AU", "Australia/Sydney")]
    [InlineData("SG", "Asia/Singapore")]
    [InlineData("JP", "Asia/Tokyo")]
    [InlineData("IN", "Asia/Kolkata")]
    [InlineData("IN-CERTIN", "Asia/Kolkata")]
    [InlineData("KR", "Asia/Seoul")]
    [InlineData("CN", "Asia/Shanghai")]
    [InlineData("CN-CAC", "Asia/Shanghai")]
    [InlineData("PCI-VISA", "UTC")]
    [InlineData("PCI-MASTERCARD", "UTC")]
    public void a_jurisdiction_counts_its_days_in_its_regulators_time_zone(string jurisdiction, string zone)
    {
        JurisdictionClocks.TimeZoneIdFor(jurisdiction).Should().Be(zone);
        JurisdictionClocks.For(jurisdiction).Zone.Should().NotBeNull(because: "{0} must exist in this machine's tz database", zone);
    }

    public static TheoryData<string> UsStatesAndDc => new(
        "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME",
        "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI",
        "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY");

    [Theory]
    [MemberData(nameof(UsStatesAndDc))]
    public void every_us_state_and_dc_has_a_zone_and_federal_holidays(string state)
    {
        var clock = JurisdictionClocks.For($"US-{state}");

        clock.JurisdictionCode.Should().Be($"US-{state}");
        clock.Zone.Id.Should().StartWith(state == "HI" ? "Pacific/" : "America/");
        clock.Holidays.Should().BeSameAs(HolidayCalendars.UsFederal, because: "state holidays are not modelled");
    }

    [Fact]
    public void a_clock_pairs_the_zone_with_the_jurisdictions_holiday_calendar()
    {
        JurisdictionClocks.For("de").Holidays.Should().BeSameAs(HolidayCalendars.Germany);
        JurisdictionClocks.For("GB").Holidays.Should().BeSameAs(HolidayCalendars.EnglandAndWales);
        JurisdictionClocks.For("EU-DORA").Holidays.IsWeekendOnly.Should().BeTrue(because: "no EU-wide holiday list is modelled and that must stay visible");
        JurisdictionClocks.For("BR").Holidays.IsWeekendOnly.Should().BeTrue(because: "Brazilian national holidays are not modelled");
    }

    [Theory]
    [InlineData("XX")]
    [InlineData("US-ZZ")]
    [InlineData("UK")]
    [InlineData("PCI-AMEX")]
    public void an_unknown_jurisdiction_is_refused_rather_than_given_a_guessed_zone(string jurisdiction)
    {
        var act = () => JurisdictionClocks.For(jurisdiction);

        act.Should().Throw<ArgumentException>(because: "a guessed zone could move a deadline by hours")
            .WithMessage($"*'{jurisdiction}'*");
    }

    [Fact]
    public void a_zone_missing_from_the_tz_database_names_the_zone_and_the_package_to_install()
    {
        var act = () => JurisdictionClocks.FindZone("Mars/Olympus_Mons");

        act.Should().Throw<TimeZoneNotFoundException>()
            .WithMessage("*'Mars/Olympus_Mons'*tzdata*");
    }

    [Theory]
    [InlineData("US-CA", "2026-03-01T06:30:00Z", "2026-02-28", "06:30 UTC is still 22:30 the evening before in Los Angeles")]
    [InlineData("US-NY", "2026-03-06T03:00:00Z", "2026-03-05", "03:00 UTC is 22:00 the evening before in New York")]
    [InlineData("DE", "2026-03-01T23:30:00Z", "2026-03-02", "23:30 UTC is already 00:30 the next day in Berlin")]
    [InlineData("JP", "2026-06-30T15:00:00Z", "2026-07-01", "15:00 UTC is midnight in Tokyo")]
    [InlineData("US-HI", "2026-01-01T09:59:59Z", "2025-12-31", "Honolulu is ten hours behind UTC")]
    public void the_local_date_of_an_instant_is_the_jurisdictions_calendar_date(string jurisdiction, string instant, string localDate, string because)
    {
        JurisdictionClocks.For(jurisdiction).LocalDate(At(instant)).Should().Be(Day(localDate), because);
    }

    [Theory]
    [InlineData("DE", "2026-01-15", "2026-01-15T22:59:59.9999999Z", "a winter day in Berlin ends at 23:00 UTC")]
    [InlineData("DE", "2026-03-29", "2026-03-29T21:59:59.9999999Z", "the spring-forward day is 23 hours long and ends in CEST")]
    [InlineData("DE", "2026-10-25", "2026-10-25T22:59:59.9999999Z", "the fall-back day is 25 hours long and ends in CET")]
    [InlineData("US-NY", "2026-03-08", "2026-03-09T03:59:59.9999999Z", "New York's spring-forward day ends in EDT")]
    [InlineData("US-NY", "2026-11-01", "2026-11-02T04:59:59.9999999Z", "New York's fall-back day ends in EST")]
    [InlineData("US-CA", "2026-03-08", "2026-03-09T06:59:59.9999999Z", "Los Angeles' spring-forward day ends in PDT")]
    [InlineData("US-CA", "2026-11-01", "2026-11-02T07:59:59.9999999Z", "Los Angeles' fall-back day ends in PST")]
    [InlineData("AU", "2026-04-05", "2026-04-05T13:59:59.9999999Z", "Sydney leaves daylight saving on the first Sunday of April")]
    [InlineData("BR", "2018-02-17", "2018-02-18T02:59:59.9999999Z", "when Sao Paulo fell back at midnight the last hour of the Saturday repeated, and the day ends after the second one")]
    [InlineData("BR", "2018-11-03", "2018-11-04T02:59:59.9999999Z", "when Sao Paulo sprang forward at midnight the next day started at 01:00")]
    [InlineData("PCI-VISA", "2026-06-03", "2026-06-03T23:59:59.9999999Z", "card-brand days are UTC days")]
    public void a_local_day_ends_at_its_last_local_instant(string jurisdiction, string date, string endUtc, string because)
    {
        var clock = JurisdictionClocks.For(jurisdiction);

        var end = clock.EndOfLocalDay(Day(date));

        end.Should().BeExactly(At(endUtc), because);
        clock.LocalDate(end).Should().Be(Day(date));
        clock.LocalDate(end.AddTicks(1)).Should().Be(Day(date).AddDays(1));
    }

    [Fact]
    public void a_local_day_that_a_time_zone_skipped_ends_when_the_day_before_ends()
    {
        // Samoa moved across the date line: 2011-12-29 was followed directly by 2011-12-31.
        var apia = new JurisdictionClock("WS", TimeZoneInfo.FindSystemTimeZoneById("Pacific/Apia"), HolidayCalendars.WeekendsOnly);

        apia.EndOfLocalDay(Day("2011-12-30")).Should().BeExactly(At("2011-12-30T09:59:59.9999999Z"));
        apia.EndOfLocalDay(Day("2011-12-30")).Should().Be(apia.EndOfLocalDay(Day("2011-12-29")));
    }

    [Theory]
    [InlineData("America/Los_Angeles")]
    [InlineData("America/New_York")]
    [InlineData("Europe/Berlin")]
    [InlineData("Europe/London")]
    [InlineData("Australia/Sydney")]
    [InlineData("Asia/Kolkata")]
    public void every_day_of_a_year_ends_at_23_59_59_9999999_local_time(string zone)
    {
        var clock = new JurisdictionClock("TEST", TimeZoneInfo.FindSystemTimeZoneById(zone), HolidayCalendars.WeekendsOnly);

        for (var date = Day("2026-01-01"); date.Year == 2026; date = date.AddDays(1))
        {
            var local = TimeZoneInfo.ConvertTime(clock.EndOfLocalDay(date), clock.Zone);
            local.DateTime.Should().Be(date.ToDateTime(TimeOnly.MinValue) + LastTickOfDay, because: "DST in {0} changes the UTC instant of the day's end, not its local time", zone);
        }
    }

    [Theory]
    [InlineData("US-SEC", "2026-11-26", false, "Thanksgiving")]
    [InlineData("US-SEC", "2026-11-27", true, "the day after Thanksgiving is not a federal holiday")]
    [InlineData("US-SEC", "2026-11-28", false, "a Saturday")]
    [InlineData("US-SEC", "2026-11-29", false, "a Sunday")]
    [InlineData("GB", "2025-04-18", false, "Good Friday")]
    [InlineData("DE", "2025-06-09", false, "Whit Monday")]
    [InlineData("PCI-VISA", "2025-12-25", true, "no holiday calendar is modelled for card brands")]
    public void a_business_day_is_a_weekday_that_is_not_a_holiday(string jurisdiction, string date, bool isBusinessDay, string because)
    {
        JurisdictionClocks.For(jurisdiction).IsBusinessDay(Day(date)).Should().Be(isBusinessDay, because);
    }
}
