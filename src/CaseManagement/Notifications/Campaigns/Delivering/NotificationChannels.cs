using CaseManagement.Notifications.Channels;

namespace CaseManagement.Notifications.Campaigns.Delivering;

/// <summary>The channels this node is configured for, by the name campaigns use ("email", "sms").</summary>
public sealed class NotificationChannels(IEnumerable<INotificationChannel> channels)
{
    private readonly Dictionary<string, INotificationChannel> _byName = channels.ToDictionary(c => c.Name, StringComparer.Ordinal);

    public INotificationChannel For(string name) =>
        _byName.TryGetValue(name, out var channel)
            ? channel
            : throw new InvalidOperationException($"No '{name}' channel is configured on this node (Notifications:Smtp / Notifications:Sms).");
}
