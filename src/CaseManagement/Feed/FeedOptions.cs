namespace CaseManagement.Feed;

/// <summary>Settings under "Feed" (docs/integrator-feed.md).</summary>
public sealed class FeedOptions
{
    public const string Section = "Feed";

    /// <summary>
    /// Loopback and private-network targets, and plain http to them. Development and tests only: in production a
    /// subscription must not turn the service into a probe of its own network.
    /// </summary>
    public bool AllowPrivateTargets { get; set; }

    /// <summary>How long one POST may take before it counts as a failed attempt.</summary>
    public double DeliveryTimeoutSeconds { get; set; } = 10;

    /// <summary>The wait after the first failure; it doubles with each further consecutive failure.</summary>
    public double RetryBaseDelaySeconds { get; set; } = 5;

    /// <summary>The longest wait between two attempts.</summary>
    public double RetryMaxDelaySeconds { get; set; } = 3600;

    /// <summary>Consecutive failures after which delivery stops until the integrator resumes the subscription.</summary>
    public int DeadLetterAfterAttempts { get; set; } = 30;

    /// <summary>Hours of failing after which delivery stops, whatever the number of attempts.</summary>
    public double DeadLetterAfterHours { get; set; } = 24;

    /// <summary>Events one wake-up delivers before it hands the queue to the next subscription.</summary>
    public int EventsPerWake { get; set; } = 100;

    public TimeSpan DeliveryTimeout => TimeSpan.FromSeconds(DeliveryTimeoutSeconds);

    public RetryPolicy Retries => new(TimeSpan.FromSeconds(RetryBaseDelaySeconds), TimeSpan.FromSeconds(RetryMaxDelaySeconds), DeadLetterAfterAttempts,
        TimeSpan.FromHours(DeadLetterAfterHours));
}

/// <summary>Exponential backoff between attempts, and when to stop trying.</summary>
public sealed record RetryPolicy(TimeSpan BaseDelay, TimeSpan MaxDelay, int DeadLetterAfterAttempts, TimeSpan DeadLetterAfter)
{
    /// <summary>The wait after the <paramref name="failures"/>-th consecutive failure: base, 2×base, 4×base, … up to the maximum.</summary>
    public TimeSpan DelayAfter(int failures)
    {
        var doublings = Math.Min(Math.Max(failures - 1, 0), 30);
        var delay = BaseDelay * Math.Pow(2, doublings);
        return delay < MaxDelay ? delay : MaxDelay;
    }
}
