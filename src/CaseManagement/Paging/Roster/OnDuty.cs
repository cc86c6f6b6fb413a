using System.Globalization;

namespace CaseManagement.Paging.Roster;

/// <summary>Who a page goes to, in order, at one instant. Pure: the roster's hours in each person's own time zone, and the clock.</summary>
public static class OnDuty
{
    /// <summary>
    /// The people on duty at <paramref name="now"/>, in roster order. When nobody is, the whole roster in order, so a page is never
    /// dropped for want of hours; <paramref name="outsideHours"/> says so, and the page says it too.
    /// </summary>
    public static IReadOnlyList<OnCallPerson> At(IReadOnlyList<OnCallPerson> people, DateTimeOffset now, out bool outsideHours)
    {
        var onDuty = people.Where(p => IsOnDuty(p, now)).ToList();
        outsideHours = onDuty.Count == 0 && people.Count > 0;
        return outsideHours ? people : onDuty;
    }

    /// <remarks>The roster is validated when set (a known time zone, both hours or neither); an unknown zone here counts as UTC.</remarks>
    public static bool IsOnDuty(OnCallPerson person, DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, TryZone(person.TimeZone, out var zone) ? zone : TimeZoneInfo.Utc);
        if (person.From is null || person.Until is null)
        {
            return OnDay(person, local.DayOfWeek);
        }

        var from = TimeOnly.ParseExact(person.From, "HH:mm", CultureInfo.InvariantCulture);
        var until = TimeOnly.ParseExact(person.Until, "HH:mm", CultureInfo.InvariantCulture);
        var time = TimeOnly.FromDateTime(local.DateTime);
        // A shift past midnight belongs to the day it started: after midnight, the day before is the shift's day.
        var (inShift, shiftDay) = until > from
            ? (time >= from && time < until, local.DayOfWeek)
            : time >= from ? (true, local.DayOfWeek) : (time < until, local.AddDays(-1).DayOfWeek);
        return inShift && OnDay(person, shiftDay);
    }

    private static bool OnDay(OnCallPerson person, DayOfWeek day) => person.Days is not { Count: > 0 } || person.Days.Contains(day);

    /// <summary>Why <paramref name="hours"/> ("HH:mm") cannot be used, or null.</summary>
    public static string? HoursProblem(string? hours) =>
        hours is null || TimeOnly.TryParseExact(hours, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            ? null
            : $"'{hours}' is not a time of day as HH:mm (for example 08:00)";

    public static bool TryZone(string id, out TimeZoneInfo zone)
    {
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            zone = TimeZoneInfo.Utc;
            return false;
        }
    }
}
