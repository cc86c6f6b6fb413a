using System.Globalization;
using CaseManagement.Api;

namespace CaseManagement.Audit.Reports.Timeline;

/// <summary>How reports write instants, spans, counts and lists for people: UTC, no locale, no ambiguity.</summary>
public static class Wording
{
    public static string Instant(DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        return utc.ToString(utc.Second == 0 && utc.Millisecond == 0 ? "yyyy-MM-dd HH:mm 'UTC'" : "yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
    }

    public static string Span(TimeSpan span)
    {
        var sign = span < TimeSpan.Zero ? "-" : "";
        span = span.Duration();
        var parts = new List<string>();
        if (span.Days > 0)
        {
            parts.Add($"{span.Days} d");
        }

        if (span.Hours > 0)
        {
            parts.Add($"{span.Hours} h");
        }

        if (span.Minutes > 0 && span.Days == 0)
        {
            parts.Add($"{span.Minutes} min");
        }

        return parts.Count == 0 ? $"{sign}{(int)span.TotalSeconds} s" : sign + string.Join(" ", parts);
    }

    /// <summary>"a", "a and b", "a, b and c"; "none" for nothing.</summary>
    public static string List(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count switch
        {
            0 => "none",
            1 => list[0],
            _ => $"{string.Join(", ", list[..^1])} and {list[^1]}",
        };
    }

    public static string Count(long count, string one, string many) => $"{count.ToString("N0", CultureInfo.InvariantCulture)} {(count == 1 ? one : many)}";

    public static string Word<TEnum>(TEnum value) where TEnum : struct, Enum => ApiJson.WireName(value);

    public static string YesNo(bool? value) => value switch { true => "yes", false => "no", null => "undecided" };

    /// <summary>The first block of an id, enough to tell items apart in a sentence; the full id is in the data.</summary>
    public static string Short(Guid id) => id.ToString("N")[..8];
}
