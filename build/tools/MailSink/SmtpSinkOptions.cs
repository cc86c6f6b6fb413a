namespace MailSink;

/// <summary>How a <see cref="SmtpSink"/> listens and what it keeps. It always binds 127.0.0.1.</summary>
public sealed record SmtpSinkOptions
{
    /// <summary>0 picks a free port (tests); read the chosen one from <see cref="SmtpSink.Port"/>.</summary>
    public int Port { get; init; }

    /// <summary>When set, each accepted message is also written there as <c>NNNNNNNNNN-QUEUEID.eml</c> before it is acknowledged.</summary>
    public string? MailDirectory { get; init; }

    /// <summary>How many received messages stay in memory (the newest); 0 keeps none and only counts, as the benchmark wants.</summary>
    public int MaxStoredMessages { get; init; } = 10_000;

    /// <summary>Announced as SIZE; a larger message is refused with 552.</summary>
    public int MaxMessageBytes { get; init; } = 10 * 1024 * 1024;

    /// <summary>A session that sends nothing for this long is closed with 421, as real servers do.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The name in the greeting and the EHLO reply.</summary>
    public string HostName { get; init; } = "mailsink.localhost";
}

/// <summary>One accepted message: the envelope as the client gave it and the message bytes after dot-unstuffing.</summary>
/// <param name="Sequence">1 for the sink's first accepted message, then counting up.</param>
/// <param name="QueueId">The id the sink named in its "250 ... queued as" reply.</param>
/// <param name="EnvelopeFrom">The MAIL FROM path without brackets; empty for the null sender.</param>
public sealed record ReceivedMessage(long Sequence, string QueueId, string EnvelopeFrom, IReadOnlyList<string> Recipients, byte[] Raw, DateTimeOffset ReceivedAt);
