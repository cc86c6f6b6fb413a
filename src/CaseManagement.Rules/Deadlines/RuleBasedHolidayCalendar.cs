namespace CaseManagement.Rules.Deadlines;

/// <summary>A calendar whose holidays follow from fixed rules for each year.</summary>
internal abstract class RuleBasedHolidayCalendar : IHolidayCalendar
{
    public abstract string Name { get; }

    public bool IsWeekendOnly => false;

    public IReadOnlyList<Holiday> HolidaysIn(int year)
    {
        HolidayRules.EnsureSupported(year);
        // A holiday defined for one year can be observed in the next or previous one
        // (US New Year's Day 2022 was observed on Friday 2021-12-31), so look one year either side.
        return Enumerable.Range(year - 1, 3)
            .SelectMany(HolidaysDefinedFor)
            .Where(holiday => holiday.Date.Year == year)
            .OrderBy(holiday => holiday.Date)
            .ToList();
    }

    public bool IsHoliday(DateOnly date) => HolidaysIn(date.Year).Any(holiday => holiday.Date == date);

    /// <summary>The holidays the rules define for <paramref name="year"/>, each on its observed date.</summary>
    protected abstract IEnumerable<Holiday> HolidaysDefinedFor(int year);
}
