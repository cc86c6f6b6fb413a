using static CaseManagement.Rules.Deadlines.HolidayRules;

namespace CaseManagement.Rules.Deadlines;

/// <summary>
/// Germany: only the public holidays common to all 16 Länder. German holidays are set by state law
/// (3 October by the Unification Treaty, Art. 2(2)); state-only days such as Epiphany, Corpus Christi,
/// Reformation Day or All Saints' Day are not modelled and count as business days. No substitute days.
/// </summary>
internal sealed class GermanyHolidayCalendar : RuleBasedHolidayCalendar
{
    public override string Name => "Germany nationwide public holidays (state holidays not modelled)";

    protected override IEnumerable<Holiday> HolidaysDefinedFor(int year)
    {
        var easter = EasterSunday(year);
        yield return new Holiday(new DateOnly(year, 1, 1), "New Year's Day (Neujahr)");
        yield return new Holiday(easter.AddDays(-2), "Good Friday (Karfreitag)");
        yield return new Holiday(easter.AddDays(1), "Easter Monday (Ostermontag)");
        yield return new Holiday(new DateOnly(year, 5, 1), "Labour Day (Tag der Arbeit)");
        yield return new Holiday(easter.AddDays(39), "Ascension Day (Christi Himmelfahrt)");
        yield return new Holiday(easter.AddDays(50), "Whit Monday (Pfingstmontag)");
        // The 500th anniversary of the Reformation was a one-off holiday in every Land.
        if (year == 2017)
            yield return new Holiday(new DateOnly(2017, 10, 31), "Reformation Day 500th anniversary (Reformationstag)");
        yield return new Holiday(new DateOnly(year, 10, 3), "German Unity Day (Tag der Deutschen Einheit)");
        yield return new Holiday(new DateOnly(year, 12, 25), "Christmas Day (1. Weihnachtstag)");
        yield return new Holiday(new DateOnly(year, 12, 26), "St Stephen's Day (2. Weihnachtstag)");
    }
}
