namespace BenchSupport;

/// <summary>The service clock while a benchmark writes its incident: one step later at every reading, so events spread over time.</summary>
public sealed class SteppingClock(DateTimeOffset start, TimeSpan step) : TimeProvider
{
    private long _readings;

    public DateTimeOffset Start => start;

    public override DateTimeOffset GetUtcNow() => start + step * Interlocked.Increment(ref _readings);
}
