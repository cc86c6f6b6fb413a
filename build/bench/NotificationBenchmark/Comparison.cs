namespace NotificationBenchmark;

/// <summary>The measured runs of both sides (warm-ups excluded) and what they say against the goal.</summary>
internal sealed record Comparison(IReadOnlyList<Run> Plain, IReadOnlyList<Run> Channel)
{
    /// <summary>The product issue's goal: the channel at no less than 0.8 times the plain loop's speed.</summary>
    public const double MinimumRatio = 0.8;

    public TimeSpan PlainMedian => Median(Plain);

    public TimeSpan ChannelMedian => Median(Channel);

    /// <summary>Plain time / channel time: above 1 the channel is faster.</summary>
    public double Ratio => PlainMedian / ChannelMedian;

    public bool MeetsGoal => Ratio >= MinimumRatio;

    private static TimeSpan Median(IReadOnlyList<Run> runs)
    {
        var sorted = runs.Select(r => r.Elapsed).Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
