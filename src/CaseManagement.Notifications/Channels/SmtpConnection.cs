using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace CaseManagement.Notifications.Channels;

/// <summary>
/// One connected, logged-in <see cref="SmtpClient"/>. The channel opens the socket itself so that it can see, without a
/// round trip, whether the server has closed an idle connection (a restart, an idle timeout).
/// </summary>
internal sealed class SmtpConnection : IDisposable
{
    private readonly Socket socket;

    private SmtpConnection(Socket socket, SmtpClient client)
    {
        this.socket = socket;
        Client = client;
    }

    public SmtpClient Client { get; }

    /// <summary>
    /// Still connected as far as both sides know. An idle SMTP connection has nothing to read: readable means the server
    /// closed it or announced that it will (421), and a send on it would fail.
    /// </summary>
    public bool IsUsable => Client.IsConnected && !socket.Poll(0, SelectMode.SelectRead);

    public static async Task<SmtpConnection> OpenAsync(SmtpOptions options, CancellationToken ct)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        // No per-command Timeout on the client: the channel's token bounds each whole send, so a slow server is reported one way.
        var client = new SmtpClient();
        try
        {
            await socket.ConnectAsync(options.Host, options.Port, ct);
            await client.ConnectAsync(socket, options.Host, options.Port, SecureSocket(options.Tls), ct);
            if (options.Credentials is { } credentials)
            {
                await client.AuthenticateAsync(credentials, ct);
            }

            return new SmtpConnection(socket, client);
        }
        catch
        {
            client.Dispose();
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Says QUIT when the connection is still up; a server that is gone already is no failure here.</summary>
    public async Task CloseAsync(CancellationToken ct)
    {
        try
        {
            if (IsUsable)
            {
                await Client.DisconnectAsync(quit: true, ct);
            }
        }
        catch (Exception ex) when (SmtpEmailChannel.IsDeliveryFailure(ex) || ex is OperationCanceledException)
        {
            // Closing anyway.
        }
        finally
        {
            Dispose();
        }
    }

    public void Dispose()
    {
        Client.Dispose();
        socket.Dispose();
    }

    private static SecureSocketOptions SecureSocket(SmtpTlsMode tls) => tls switch
    {
        SmtpTlsMode.None => SecureSocketOptions.None,
        SmtpTlsMode.StartTls => SecureSocketOptions.StartTls,
        SmtpTlsMode.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => throw new ArgumentOutOfRangeException(nameof(tls), tls, null),
    };
}
