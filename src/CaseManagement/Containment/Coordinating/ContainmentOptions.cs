using System.Globalization;

namespace CaseManagement.Containment.Coordinating;

/// <summary>Settings under "Containment".</summary>
public sealed class ContainmentOptions
{
    public const string Section = "Containment";

    /// <summary>Seconds to wait before each retry of a step that failed for a passing reason, comma-separated; one more attempt than waits.</summary>
    public string RetryBackoffSeconds { get; set; } = "5,30,120";

    public IReadOnlyList<TimeSpan> RetryBackoff =>
    [
        .. RetryBackoffSeconds.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
                ? TimeSpan.FromSeconds(seconds)
                : throw new InvalidOperationException($"Containment:RetryBackoffSeconds must be seconds separated by commas (got '{RetryBackoffSeconds}').")),
    ];

    public int MaximumAttempts => RetryBackoff.Count + 1;
}
