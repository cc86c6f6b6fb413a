using System.Net;

namespace CaseManagement.Notifications.Channels;

public enum SmtpTlsMode
{
    /// <summary>Plain text: only for a relay on the same host (or the local mail sink).</summary>
    None,

    /// <summary>Connect in plain text and require STARTTLS before anything is sent (submission port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,
}

/// <summary>Where and as whom <see cref="SmtpEmailChannel"/> sends.</summary>
public sealed record SmtpOptions
{
    public required string Host { get; init; }

    public int Port { get; init; } = 587;

    public SmtpTlsMode Tls { get; init; } = SmtpTlsMode.StartTls;

    /// <summary>Null when the relay takes mail without logging in. A <see cref="NetworkCredential"/> keeps the password out of ToString.</summary>
    public NetworkCredential? Credentials { get; init; }

    /// <summary>The From address; its domain also names the Message-Id (<c>&lt;key@domain&gt;</c>).</summary>
    public required string FromAddress { get; init; }

    public string? FromName { get; init; }

    /// <summary>Connections kept open and used at once; relays limit connections per client, so keep it small.</summary>
    public int MaxConnections { get; init; } = 4;

    /// <summary>How long one send may take in all, connecting and logging in included, before it counts as a transient failure.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
}
