using static CaseManagement.Rules.Deadlines.HolidayRules;

namespace CaseManagement.Rules.Deadlines;

/// <summary>
/// Bank holidays in England and Wales, as gov.uk lists them. Easter Monday, the spring and summer bank
/// holidays, Boxing Day and the 27 December substitute come from the Banking and Financial Dealings Act
/// 1971, s.1 and Sch. 1; New Year's Day, the early May holiday, other substitute days, moved days and
/// one-offs are appointed by royal proclamation under s.1(3); Good Friday and Christmas Day are
/// common-law holidays. Scotland and Northern Ireland have different lists and are not modelled.
/// </summary>
internal sealed class EnglandAndWalesHolidayCalendar : RuleBasedHolidayCalendar
{
    public override string Name => "England and Wales bank holidays";

    protected override IEnumerable<Holiday> HolidaysDefinedFor(int year)
    {
        var newYear = new DateOnly(year, 1, 1);
        yield return newYear.DayOfWeek switch
        {
            DayOfWeek.Saturday => new Holiday(newYear.AddDays(2), "New Year's Day (substitute day)"),
            DayOfWeek.Sunday => new Holiday(newYear.AddDays(1), "New Year's Day (substitute day)"),
            _ => new Holiday(newYear, "New Year's Day"),
        };

        var easter = EasterSunday(year);
        yield return new Holiday(easter.AddDays(-2), "Good Friday");
        yield return new Holiday(easter.AddDays(1), "Easter Monday");

        yield return year == 2020
            ? new Holiday(new DateOnly(2020, 5, 8), "Early May bank holiday (VE Day)") // moved by proclamation for VE Day's 75th anniversary
            : new Holiday(NthWeekday(year, 5, DayOfWeek.Monday, 1), "Early May bank holiday");

        // The spring holiday was moved by proclamation for each of the late Queen's jubilees.
        yield return year switch
        {
            2002 => new Holiday(new DateOnly(2002, 6, 4), "Spring bank holiday"),
            2012 => new Holiday(new DateOnly(2012, 6, 4), "Spring bank holiday"),
            2022 => new Holiday(new DateOnly(2022, 6, 2), "Spring bank holiday"),
            _ => new Holiday(LastWeekday(year, 5, DayOfWeek.Monday), "Spring bank holiday"),
        };

        yield return new Holiday(LastWeekday(year, 8, DayOfWeek.Monday), "Summer bank holiday");

        foreach (var holiday in ChristmasAndBoxingDay(year))
            yield return holiday;

        foreach (var holiday in ProclaimedOneOffs.Where(holiday => holiday.Date.Year == year))
            yield return holiday;
    }

    // A weekend Christmas or Boxing Day is replaced by the next weekday that is not already a holiday.
    private static IEnumerable<Holiday> ChristmasAndBoxingDay(int year)
    {
        var christmas = new DateOnly(year, 12, 25);
        return christmas.DayOfWeek switch
        {
            DayOfWeek.Friday =>
            [
                new Holiday(christmas, "Christmas Day"),
                new Holiday(new DateOnly(year, 12, 28), "Boxing Day (substitute day)"),
            ],
            DayOfWeek.Saturday =>
            [
                new Holiday(new DateOnly(year, 12, 27), "Christmas Day (substitute day)"),
                new Holiday(new DateOnly(year, 12, 28), "Boxing Day (substitute day)"),
            ],
            DayOfWeek.Sunday =>
            [
                new Holiday(new DateOnly(year, 12, 26), "Boxing Day"),
                new Holiday(new DateOnly(year, 12, 27), "Christmas Day (substitute day)"),
            ],
            _ =>
            [
                new Holiday(christmas, "Christmas Day"),
                new Holiday(new DateOnly(year, 12, 26), "Boxing Day"),
            ],
        };
    }

    // Extra bank holidays appointed by proclamation since 2000. Only days that are certain are listed;
    // a missing one-off would count as a business day, which can only make a deadline earlier.
    private static readonly Holiday[] ProclaimedOneOffs =
    [
        new(new DateOnly(2002, 6, 3), "Golden Jubilee of Queen Elizabeth II"),
        new(new DateOnly(2011, 4, 29), "Wedding of Prince William and Catherine Middleton"),
        new(new DateOnly(2012, 6, 5), "Diamond Jubilee of Queen Elizabeth II"),
        new(new DateOnly(2022, 6, 3), "Platinum Jubilee of Queen Elizabeth II"),
        new(new DateOnly(2022, 9, 19), "State funeral of Queen Elizabeth II"),
        new(new DateOnly(2023, 5, 8), "Coronation of King Charles III"),
    ];
}
