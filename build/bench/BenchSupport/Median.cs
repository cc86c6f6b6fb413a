namespace BenchSupport;

/// <summary>The middle value of a benchmark's runs (the upper middle of an even count), as every report states it.</summary>
public static class Median
{
    public static T Of<T>(IEnumerable<T> values)
    {
        var ordered = values.Order().ToList();
        return ordered.Count > 0 ? ordered[ordered.Count / 2] : throw new ArgumentException("No runs to take the median of.", nameof(values));
    }
}
