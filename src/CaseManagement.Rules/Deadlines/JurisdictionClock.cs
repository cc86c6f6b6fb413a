namespace CaseManagement.Rules.Deadlines;

/// <summary>
/// Where a jurisdiction's deadlines are counted: its IANA time zone (which local day an instant falls
/// on, and when that day ends) and the holiday calendar that stops its business-day clocks.
/// </summary>
public sealed record JurisdictionClock(string JurisdictionCode, TimeZoneInfo Zone, IHolidayCalendar Holidays)
{
    // UTC offsets in use lie between -12:00 and +14:00.
    private static readonly TimeSpan EarliestOffset = TimeSpan.FromHours(-12);
    private static readonly TimeSpan LatestOffset = TimeSpan.FromHours(14);

    /// <summary>The local calendar date of <paramref name="instant"/> in this jurisdiction.</summary>
    public DateOnly LocalDate(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    /// <summary>Monday to Friday and not a holiday of <see cref="Holidays"/>.</summary>
    public bool IsBusinessDay(DateOnly date) => !HolidayRules.IsWeekend(date) && !Holidays.IsHoliday(date);

    /// <summary>
    /// The last instant (in UTC, to the tick) whose local date is <paramref name="date"/> or earlier:
    /// normally 23:59:59.9999999 local time. Found by bisection rather than by converting that wall time,
    /// so that a day a transition cuts short or lengthens (a DST change at midnight, or Samoa skipping
    /// 2011-12-30) still ends at the right instant.
    /// </summary>
    public DateTimeOffset EndOfLocalDay(DateOnly date)
    {
        var nextMidnight = date.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var onOrBefore = (nextMidnight - LatestOffset - TimeSpan.FromHours(1)).Ticks;
        var after = (nextMidnight - EarliestOffset + TimeSpan.FromHours(1)).Ticks;
        while (after - onOrBefore > 1)
        {
            var middle = onOrBefore + (after - onOrBefore) / 2;
            if (LocalDate(new DateTimeOffset(middle, TimeSpan.Zero)) <= date)
                onOrBefore = middle;
            else
                after = middle;
        }
        return new DateTimeOffset(onOrBefore, TimeSpan.Zero);
    }
}
