using System.Net.Sockets;
using System.Text.RegularExpressions;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace CaseManagement.Notifications.Channels;

/// <summary>
/// Sends notices as plain-text email through one SMTP relay with MailKit, over a small pool of connections that stay
/// open between sends. Safe for concurrent use; concurrency beyond <see cref="SmtpOptions.MaxConnections"/> waits.
/// </summary>
public sealed partial class SmtpEmailChannel : INotificationChannel, IAsyncDisposable
{
    private readonly SmtpOptions options;
    private readonly MailboxAddress from;
    private readonly SmtpConnectionPool pool;

    /// <exception cref="ArgumentException">The options cannot work (no valid From address, no connections, no time).</exception>
    public SmtpEmailChannel(SmtpOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConnections, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Timeout, TimeSpan.Zero);
        this.options = options;
        from = NoticeEmail.Mailbox(options.FromName, options.FromAddress);
        pool = new SmtpConnectionPool(options);
    }

    public string Name => "email";

    public async Task<DeliveryResult> SendAsync(OutgoingNotice notice, CancellationToken ct)
    {
        MimeMessage message;
        try
        {
            message = NoticeEmail.Create(notice, from);
        }
        catch (ArgumentException ex)
        {
            return Delivery.Permanent("Not sent: " + ex.Message);
        }

        await pool.EnterAsync(ct);
        SmtpConnection? connection = null;
        var reusable = false;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(options.Timeout);
            connection = await pool.ConnectionAsync(timeout.Token);
            var reply = await connection.Client.SendAsync(message, timeout.Token);
            reusable = true;
            // MailKit returns normally only when the server answered the message's data with 250.
            return Delivery.Accepted("250 " + reply, QueueId(reply));
        }
        catch (SmtpCommandException ex) when (connection is not null)
        {
            // MailKit ends a refused transaction itself; the connection serves on unless the server is closing it (421).
            reusable = connection.Client.IsConnected && ex.StatusCode != SmtpStatusCode.ServiceNotAvailable;
            return Refused(ex);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            var silence = $"No answer from {options.Host}:{options.Port} within {options.Timeout.TotalSeconds:0.###} s.";
            return connection is null ? Delivery.Unreachable(silence) : Delivery.Transient(silence);
        }
        catch (Exception ex) when (IsDeliveryFailure(ex))
        {
            // Failing to connect, log in or keep the connection says nothing about the person, whatever the reply code.
            return connection is null
                ? Delivery.Unreachable(Delivery.Excerpt($"Could not connect to {options.Host}:{options.Port}: {Describe(ex)}"))
                : Delivery.Transient(Delivery.Excerpt($"Lost the connection to {options.Host}:{options.Port}: {Describe(ex)}"));
        }
        finally
        {
            pool.Leave(connection, reusable);
        }
    }

    public ValueTask DisposeAsync() => pool.DisposeAsync();

    /// <summary>The failures of a connection or an SMTP exchange, as opposed to faults in this program.</summary>
    internal static bool IsDeliveryFailure(Exception ex) =>
        ex is SmtpCommandException or SmtpProtocolException or IOException or SocketException or TimeoutException
            or ServiceNotConnectedException or ServiceNotAuthenticatedException or AuthenticationException or SaslException
            or SslHandshakeException or NotSupportedException;

    /// <summary>5xx refuses the notice for good, 4xx asks to try later; a refused sender is our configuration, not the person.</summary>
    private static DeliveryResult Refused(SmtpCommandException ex)
    {
        var response = Delivery.Excerpt(Describe(ex));
        var permanent = (int)ex.StatusCode is >= 500 and < 600;
        if (permanent && ex.ErrorCode == SmtpErrorCode.SenderNotAccepted)
        {
            // Every notice would fail alike; marking people unreachable for it would stop their notices for good.
            return Delivery.Transient("Sender refused: " + response);
        }

        return permanent ? Delivery.Permanent(response) : Delivery.Transient(response);
    }

    /// <summary>An SMTP refusal as the server put it ("550 5.1.1 ..."); other failures by their message.</summary>
    private static string Describe(Exception ex) => ex is SmtpCommandException command ? $"{(int)command.StatusCode} {command.Message}" : ex.Message;

    /// <summary>The queue id from replies such as Postfix's "2.0.0 Ok: queued as 4Xyz" or Exim's "OK id=1abc-00-Ab".</summary>
    private static string? QueueId(string reply) => QueueIdPattern().Match(reply) is { Success: true } match ? match.Groups["id"].Value : null;

    [GeneratedRegex(@"(?:queued as|\bid=)\s*(?<id>[^\s;,]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QueueIdPattern();
}
