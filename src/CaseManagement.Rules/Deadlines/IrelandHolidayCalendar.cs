using static CaseManagement.Rules.Deadlines.HolidayRules;

namespace CaseManagement.Rules.Deadlines;

/// <summary>
/// Ireland: the public holidays of the Organisation of Working Time Act 1997, Sch. 2 as amended, on
/// their dates. Irish law gives no automatic substitute weekday for a weekend holiday (Citizens
/// Information), so none is added, although banks often close on the following Monday; counting that
/// Monday as a business day can only make a deadline earlier. Good Friday is not a public holiday.
/// </summary>
internal sealed class IrelandHolidayCalendar : RuleBasedHolidayCalendar
{
    public override string Name => "Ireland public holidays (no weekend substitutes)";

    protected override IEnumerable<Holiday> HolidaysDefinedFor(int year)
    {
        yield return new Holiday(new DateOnly(year, 1, 1), "New Year's Day");
        // From 2023: the first Monday in February, or 1 February when that is a Friday.
        if (year >= 2023)
        {
            var brigid = new DateOnly(year, 2, 1);
            yield return new Holiday(
                brigid.DayOfWeek == DayOfWeek.Friday ? brigid : NthWeekday(year, 2, DayOfWeek.Monday, 1),
                "St Brigid's Day");
        }
        yield return new Holiday(new DateOnly(year, 3, 17), "St Patrick's Day");
        // A once-off public holiday for the public's effort during the COVID-19 pandemic.
        if (year == 2022)
            yield return new Holiday(new DateOnly(2022, 3, 18), "Day of Remembrance and Recognition");
        yield return new Holiday(EasterSunday(year).AddDays(1), "Easter Monday");
        yield return new Holiday(NthWeekday(year, 5, DayOfWeek.Monday, 1), "May bank holiday");
        yield return new Holiday(NthWeekday(year, 6, DayOfWeek.Monday, 1), "June bank holiday");
        yield return new Holiday(NthWeekday(year, 8, DayOfWeek.Monday, 1), "August bank holiday");
        yield return new Holiday(LastWeekday(year, 10, DayOfWeek.Monday), "October bank holiday");
        yield return new Holiday(new DateOnly(year, 12, 25), "Christmas Day");
        yield return new Holiday(new DateOnly(year, 12, 26), "St Stephen's Day");
    }
}
