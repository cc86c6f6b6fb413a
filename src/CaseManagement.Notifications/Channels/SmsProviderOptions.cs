using System.Text;

namespace CaseManagement.Notifications.Channels;

/// <summary>Where and as whom <see cref="HttpSmsChannel"/> sends (docs/sms-provider-contract.md).</summary>
public sealed record SmsProviderOptions
{
    /// <summary>The provider's API root; messages go to <c>{BaseUrl}/messages</c>.</summary>
    public required Uri BaseUrl { get; init; }

    public required string ApiToken { get; init; }

    /// <summary>The "from" of every message: an alphanumeric sender id or a number the provider has registered.</summary>
    public required string SenderId { get; init; }

    /// <summary>How long one request may take before it counts as a transient failure.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(15);

    // A record prints every property; the token must not reach logs that way.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("BaseUrl = ").Append(BaseUrl).Append(", ApiToken = ***, SenderId = ").Append(SenderId).Append(", Timeout = ").Append(Timeout);
        return true;
    }
}
