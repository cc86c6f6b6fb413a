using static CaseManagement.Rules.Deadlines.HolidayRules;

namespace CaseManagement.Rules.Deadlines;

/// <summary>
/// US federal legal public holidays, 5 U.S.C. 6103(a), with the Monday–Friday observance rule
/// (6103(b) and E.O. 11582): a Saturday holiday is observed the Friday before, a Sunday holiday the
/// Monday after. Not modelled: state holidays, Inauguration Day (6103(c), Washington DC area only)
/// and one-off executive-order closures (e.g. a Christmas Eve); those days count as business days,
/// which can only make a deadline earlier, never later.
/// </summary>
internal sealed class UsFederalHolidayCalendar : RuleBasedHolidayCalendar
{
    public override string Name => "US federal holidays (5 U.S.C. 6103; state holidays not modelled)";

    protected override IEnumerable<Holiday> HolidaysDefinedFor(int year)
    {
        yield return Observed(new DateOnly(year, 1, 1), "New Year's Day");
        yield return new Holiday(NthWeekday(year, 1, DayOfWeek.Monday, 3), "Birthday of Martin Luther King, Jr.");
        yield return new Holiday(NthWeekday(year, 2, DayOfWeek.Monday, 3), "Washington's Birthday");
        yield return new Holiday(LastWeekday(year, 5, DayOfWeek.Monday), "Memorial Day");
        // Added by the Juneteenth National Independence Day Act, signed 2021-06-17 and observed that year.
        if (year >= 2021)
            yield return Observed(new DateOnly(year, 6, 19), "Juneteenth National Independence Day");
        yield return Observed(new DateOnly(year, 7, 4), "Independence Day");
        yield return new Holiday(NthWeekday(year, 9, DayOfWeek.Monday, 1), "Labor Day");
        yield return new Holiday(NthWeekday(year, 10, DayOfWeek.Monday, 2), "Columbus Day");
        yield return Observed(new DateOnly(year, 11, 11), "Veterans Day");
        yield return new Holiday(NthWeekday(year, 11, DayOfWeek.Thursday, 4), "Thanksgiving Day");
        yield return Observed(new DateOnly(year, 12, 25), "Christmas Day");
    }

    private static Holiday Observed(DateOnly date, string name) => date.DayOfWeek switch
    {
        DayOfWeek.Saturday => new Holiday(date.AddDays(-1), $"{name} (observed)"),
        DayOfWeek.Sunday => new Holiday(date.AddDays(1), $"{name} (observed)"),
        _ => new Holiday(date, name),
    };
}
