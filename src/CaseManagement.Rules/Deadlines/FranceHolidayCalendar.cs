using static CaseManagement.Rules.Deadlines.HolidayRules;

namespace CaseManagement.Rules.Deadlines;

/// <summary>
/// France: the eleven jours fériés of the Code du travail, art. L3133-1, on their dates (no substitute
/// days). Whit Monday stays listed although it may be worked as the journée de solidarité. The extra
/// Alsace-Moselle days (Good Friday, 26 December) are not modelled.
/// </summary>
internal sealed class FranceHolidayCalendar : RuleBasedHolidayCalendar
{
    public override string Name => "France public holidays (Code du travail L3133-1; Alsace-Moselle extras not modelled)";

    protected override IEnumerable<Holiday> HolidaysDefinedFor(int year)
    {
        var easter = EasterSunday(year);
        yield return new Holiday(new DateOnly(year, 1, 1), "New Year's Day (Jour de l'an)");
        yield return new Holiday(easter.AddDays(1), "Easter Monday (Lundi de Pâques)");
        yield return new Holiday(new DateOnly(year, 5, 1), "Labour Day (Fête du Travail)");
        yield return new Holiday(new DateOnly(year, 5, 8), "Victory in Europe Day (Victoire 1945)");
        yield return new Holiday(easter.AddDays(39), "Ascension Day (Ascension)");
        yield return new Holiday(easter.AddDays(50), "Whit Monday (Lundi de Pentecôte)");
        yield return new Holiday(new DateOnly(year, 7, 14), "Bastille Day (Fête nationale)");
        yield return new Holiday(new DateOnly(year, 8, 15), "Assumption (Assomption)");
        yield return new Holiday(new DateOnly(year, 11, 1), "All Saints' Day (Toussaint)");
        yield return new Holiday(new DateOnly(year, 11, 11), "Armistice Day (Armistice 1918)");
        yield return new Holiday(new DateOnly(year, 12, 25), "Christmas Day (Noël)");
    }
}
