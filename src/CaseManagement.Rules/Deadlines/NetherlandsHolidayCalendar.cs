using static CaseManagement.Rules.Deadlines.HolidayRules;

namespace CaseManagement.Rules.Deadlines;

/// <summary>
/// The Netherlands: the "algemeen erkende feestdagen" of the Algemene termijnenwet, art. 3(1), plus Good
/// Friday, which art. 3(2) treats the same. Bridge days that a royal decree equates under art. 3(3)
/// are not modelled; they count as business days, which can only make a deadline earlier.
/// </summary>
internal sealed class NetherlandsHolidayCalendar : RuleBasedHolidayCalendar
{
    public override string Name => "Netherlands public holidays (Algemene termijnenwet art. 3; decreed bridge days not modelled)";

    protected override IEnumerable<Holiday> HolidaysDefinedFor(int year)
    {
        var easter = EasterSunday(year);
        yield return new Holiday(new DateOnly(year, 1, 1), "New Year's Day (Nieuwjaarsdag)");
        yield return new Holiday(easter.AddDays(-2), "Good Friday (Goede Vrijdag)");
        yield return new Holiday(easter.AddDays(1), "Easter Monday (Tweede Paasdag)");
        yield return MonarchsBirthday(year);
        yield return new Holiday(new DateOnly(year, 5, 5), "Liberation Day (Bevrijdingsdag)");
        yield return new Holiday(easter.AddDays(39), "Ascension Day (Hemelvaartsdag)");
        yield return new Holiday(easter.AddDays(50), "Whit Monday (Tweede Pinksterdag)");
        yield return new Holiday(new DateOnly(year, 12, 25), "Christmas Day (Eerste Kerstdag)");
        yield return new Holiday(new DateOnly(year, 12, 26), "Boxing Day (Tweede Kerstdag)");
    }

    // Celebrated on the Saturday before when the date is a Sunday: 27 April for King Willem-Alexander
    // since 2014, 30 April (Queen's Day) before.
    private static Holiday MonarchsBirthday(int year)
    {
        var (date, name) = year >= 2014
            ? (new DateOnly(year, 4, 27), "King's Day (Koningsdag)")
            : (new DateOnly(year, 4, 30), "Queen's Day (Koninginnedag)");
        return new Holiday(date.DayOfWeek == DayOfWeek.Sunday ? date.AddDays(-1) : date, name);
    }
}
