using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace MailSink;

/// <summary>
/// An SMTP server on 127.0.0.1 that accepts every message (RFC 5321 with PIPELINING, 8BITMIME, SIZE, SMTPUTF8),
/// keeps the newest ones in memory and optionally writes each to a folder. Tests start it on port 0, send through
/// a real client and read <see cref="Messages"/>; they can make it refuse recipients or fail temporarily.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly SmtpSinkOptions options;
    private readonly TcpListener listener;
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentDictionary<long, Task> sessions = new();
    private readonly ConcurrentDictionary<string, int> senderReplies = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, int> recipientReplies = new(StringComparer.OrdinalIgnoreCase);
    private readonly Queue<ReceivedMessage> stored = new();
    private readonly Task accepting;
    private long sequence;
    private long received;
    private long connections;
    private volatile int temporaryFailure;
    private int disposed;

    private SmtpSink(SmtpSinkOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxStoredMessages);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxMessageBytes);
        this.options = options;
        if (options.MailDirectory is { } folder)
        {
            Directory.CreateDirectory(folder);
            // A restarted sink numbers on after what the folder holds: a name already taken would refuse every message.
            sequence = LastNumberIn(folder);
        }

        listener = new TcpListener(IPAddress.Loopback, options.Port);
        listener.Start(backlog: 512);
        EndPoint = (IPEndPoint)listener.LocalEndpoint;
        accepting = AcceptAsync();
    }

    public IPEndPoint EndPoint { get; }

    public int Port => EndPoint.Port;

    /// <summary>Messages accepted since start, including those no longer kept in memory.</summary>
    public long ReceivedCount => Interlocked.Read(ref received);

    /// <summary>Connections accepted since start: shows whether a client reused its connections.</summary>
    public long ConnectionCount => Interlocked.Read(ref connections);

    /// <summary>The kept messages, oldest first (at most <see cref="SmtpSinkOptions.MaxStoredMessages"/>).</summary>
    public IReadOnlyList<ReceivedMessage> Messages
    {
        get
        {
            lock (stored)
            {
                return stored.ToArray();
            }
        }
    }

    internal int TemporaryFailure => temporaryFailure;

    /// <summary>Starts listening on 127.0.0.1 before returning, so a client may connect at once.</summary>
    public static SmtpSink Start(SmtpSinkOptions? options = null) => new(options ?? new SmtpSinkOptions());

    /// <summary>From now on RCPT TO for <paramref name="address"/> is answered with <paramref name="code"/>: 550 or 553 refuse for good, 450, 451 or 452 ask to try later.</summary>
    public void RejectRecipient(string address, int code = 550) => recipientReplies[address] = RefusalCode(code);

    /// <summary>From now on MAIL FROM with <paramref name="address"/> is answered with <paramref name="code"/> (4xx or 5xx).</summary>
    public void RejectSender(string address, int code = 550) => senderReplies[address] = RefusalCode(code);

    /// <summary>
    /// 421: new connections are greeted with 421 and closed, open sessions answer their next command with 421 and close
    /// (a server shutting down). 451: MAIL FROM is answered with 451 and the session stays open (a local problem).
    /// </summary>
    public void FailTemporarily(int code)
    {
        if (code is not (421 or 451))
        {
            throw new ArgumentOutOfRangeException(nameof(code), code, "The sink fails temporarily with 421 or 451.");
        }

        temporaryFailure = code;
    }

    /// <summary>Accepts every recipient and command again.</summary>
    public void ClearFailures()
    {
        senderReplies.Clear();
        recipientReplies.Clear();
        temporaryFailure = 0;
    }

    /// <summary>Stops listening and closes every open session.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        await stopping.CancelAsync();
        listener.Stop();
        await accepting;
        await Task.WhenAll(sessions.Values);
        stopping.Dispose();
    }

    internal int? SenderReply(string address) => senderReplies.TryGetValue(address, out var code) ? code : null;

    internal int? RecipientReply(string address) => recipientReplies.TryGetValue(address, out var code) ? code : null;

    /// <summary>Keeps and writes one message, then counts it; returns the queue id for the 250 reply.</summary>
    internal async Task<string> AcceptMessageAsync(string from, IReadOnlyList<string> recipients, ReadOnlyMemory<byte> raw, CancellationToken ct)
    {
        var number = Interlocked.Increment(ref sequence);
        var queueId = number.ToString("X8", System.Globalization.CultureInfo.InvariantCulture);
        if (options.MaxStoredMessages > 0 || options.MailDirectory is not null)
        {
            var message = new ReceivedMessage(number, queueId, from, recipients.ToArray(), raw.ToArray(), DateTimeOffset.UtcNow);
            if (options.MailDirectory is { } folder)
            {
                await WriteAsync(folder, message, ct);
            }

            Keep(message);
        }

        Interlocked.Increment(ref received);
        return queueId;
    }

    private static int RefusalCode(int code)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(code, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(code, 599);
        return code;
    }

    private static long LastNumberIn(string folder) => Directory.EnumerateFiles(folder, "*.eml")
        .Select(file => long.TryParse(Path.GetFileName(file).Split('-')[0], System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : 0)
        .DefaultIfEmpty(0).Max();

    private static async Task WriteAsync(string folder, ReceivedMessage message, CancellationToken ct)
    {
        // Written under a temporary name and renamed, so a reader of the folder never sees half a message.
        var name = $"{message.Sequence:D10}-{message.QueueId}.eml";
        var temporary = Path.Combine(folder, "." + name + ".tmp");
        await File.WriteAllBytesAsync(temporary, message.Raw, ct);
        File.Move(temporary, Path.Combine(folder, name));
    }

    private void Keep(ReceivedMessage message)
    {
        lock (stored)
        {
            stored.Enqueue(message);
            while (stored.Count > options.MaxStoredMessages)
            {
                stored.Dequeue();
            }
        }
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException || stopping.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                // One failed accept (the client gave up while queued) must not stop the server.
                continue;
            }

            // Replies are small; without NoDelay a pipelined client can wait on delayed ACKs.
            socket.NoDelay = true;
            var id = Interlocked.Increment(ref connections);
            var session = Task.Run(() => new SmtpSession(this, socket, options).RunAsync(stopping.Token));
            sessions[id] = session;
            _ = session.ContinueWith(_ => sessions.TryRemove(id, out var _), TaskScheduler.Default);
        }
    }
}
