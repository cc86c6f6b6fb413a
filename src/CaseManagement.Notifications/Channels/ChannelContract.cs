namespace CaseManagement.Notifications.Channels;

/// <summary>
/// One notice to one person on one channel. <paramref name="IdempotencyKey"/> is derived from the campaign and the person,
/// so a redelivered send carries the same key (the email's Message-Id, the SMS provider's idempotency key).
/// </summary>
/// <param name="To">An email address or an E.164 phone number.</param>
public sealed record OutgoingNotice(string IdempotencyKey, string To, string? ToName, string? Subject, string Body);

/// <summary>What the channel learned from the provider. A refused notice is not retried when <paramref name="Transient"/> is false.</summary>
/// <param name="ProviderResponse">The provider's own words (SMTP reply line, HTTP status and body excerpt), kept as delivery proof.</param>
/// <param name="ProviderMessageId">The provider's id for the message when it gives one (SMTP queue id, SMS message id).</param>
/// <param name="Unreachable">
/// The provider could not be reached at all (no connection, no answer): nothing was learned about the person, and every
/// notice would fail alike until the provider is back, so a campaign waits for it rather than recording anyone as failed.
/// </param>
public sealed record DeliveryResult(bool Accepted, bool Transient, string ProviderResponse, string? ProviderMessageId, bool Unreachable = false);

/// <summary>A way to reach people. Implementations are safe for concurrent use.</summary>
public interface INotificationChannel
{
    /// <summary>"email" or "sms".</summary>
    string Name { get; }

    /// <summary>Sends one notice. Connection and protocol failures come back as a transient, not-accepted result, never as an exception.</summary>
    Task<DeliveryResult> SendAsync(OutgoingNotice notice, CancellationToken ct);
}
