namespace CaseManagement.Rules.Deadlines;

/// <summary>A public holiday on the day it is observed, e.g. "Independence Day (observed)" on 2026-07-03.</summary>
public sealed record Holiday(DateOnly Date, string Name);

/// <summary>
/// The public holidays that stop a business-day clock in one jurisdiction. The national calendars are
/// computed by rule for 2000–2100 and throw <see cref="ArgumentOutOfRangeException"/> for other years,
/// because their rules (Juneteenth, St Brigid's Day, one-off proclamations) are only known for that range.
/// </summary>
public interface IHolidayCalendar
{
    /// <summary>What the calendar covers, in words a compliance lead can check (e.g. "US federal holidays").</summary>
    string Name { get; }

    /// <summary>
    /// True when no holiday list is modelled for the jurisdiction: only Saturdays and Sundays are skipped,
    /// and a business-day deadline may land on a local holiday. Show it next to such a deadline.
    /// </summary>
    bool IsWeekendOnly { get; }

    /// <summary>
    /// The holidays whose observed date falls in <paramref name="year"/>, in date order. Where the
    /// jurisdiction moves a weekend holiday to a weekday (US federal, England and Wales), only the
    /// observed weekday is listed, as OPM and gov.uk list them.
    /// </summary>
    IReadOnlyList<Holiday> HolidaysIn(int year);

    /// <summary>True when <paramref name="date"/> is an observed public holiday.</summary>
    bool IsHoliday(DateOnly date);
}
