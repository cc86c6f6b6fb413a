using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MonitoringBenchmark;

/// <summary>
/// A pass-through TCP proxy in front of MariaDB that writes down every SELECT the client sends (COM_QUERY packets). MySqlConnector
/// puts parameter values into the statement text on the client, so what is recorded is exactly what the server ran: the raw
/// baseline replays it. Used for one unmeasured pass; TLS is off on the recorded connections so the packets can be read.
/// </summary>
internal sealed class StatementRecorder : IAsyncDisposable
{
    private const byte ComQuery = 0x03;

    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly int serverPort;
    private readonly List<string> statements = [];
    private readonly List<Task> connections = [];
    private readonly CancellationTokenSource stop = new();
    private readonly Task accepting;

    public StatementRecorder(int serverPort)
    {
        this.serverPort = serverPort;
        listener.Start();
        accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>The SELECT statements in the order the client sent them.</summary>
    public IReadOnlyList<string> Statements
    {
        get
        {
            lock (statements)
            {
                return [.. statements];
            }
        }
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            lock (connections)
            {
                connections.Add(RelayAsync(client));
            }
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var _ = client;
        using var server = new TcpClient();
        await server.ConnectAsync(IPAddress.Loopback, serverPort);
        var fromClient = client.GetStream();
        var toServer = server.GetStream();
        // Whichever side closes first ends the connection for both.
        await Task.WhenAny(RecordAsync(fromClient, toServer), toServer.CopyToAsync(fromClient));
    }

    /// <summary>Copies client packets to the server; after the handshake response, each COM_QUERY's text is recorded.</summary>
    private async Task RecordAsync(Stream from, Stream to)
    {
        var header = new byte[4];
        var handshake = true;
        try
        {
            while (true)
            {
                await from.ReadExactlyAsync(header);
                var length = header[0] | header[1] << 8 | header[2] << 16;
                var payload = new byte[length];
                await from.ReadExactlyAsync(payload);
                if (!handshake && length > 1 && payload[0] == ComQuery && Encoding.UTF8.GetString(payload, 1, length - 1) is var sql
                    && sql.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
                {
                    lock (statements)
                    {
                        statements.Add(sql);
                    }
                }

                handshake = false;
                await to.WriteAsync(header);
                await to.WriteAsync(payload);
            }
        }
        catch (Exception ex) when (ex is EndOfStreamException or IOException or ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await accepting;
        Task[] open;
        lock (connections)
        {
            open = [.. connections];
        }

        await Task.WhenAll(open).WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
        stop.Dispose();
    }
}
