using System.Globalization;

namespace CaseManagement.Notifications.Campaigns.Delivering;

/// <summary>Settings under "Notifications" that shape how campaigns send (the channels have their own sections).</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>Seconds between the attempts of one notice the channel refused for a passing reason; one more attempt than waits.</summary>
    public string SendRetryDelaysSeconds { get; set; } = "2,10";

    /// <summary>How often a batch of a paused campaign looks again whether it may send.</summary>
    public double PausedRecheckSeconds { get; set; } = 5;

    /// <summary>How long a batch waits before trying again when the channel's provider cannot be reached at all.</summary>
    public double ChannelDownRecheckSeconds { get; set; } = 30;

    public IReadOnlyList<TimeSpan> SendRetryDelays =>
    [
        .. SendRetryDelaysSeconds.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(s => TimeSpan.FromSeconds(double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture))),
    ];

    public TimeSpan PausedRecheck => TimeSpan.FromSeconds(PausedRecheckSeconds);

    public TimeSpan ChannelDownRecheck => TimeSpan.FromSeconds(ChannelDownRecheckSeconds);
}
