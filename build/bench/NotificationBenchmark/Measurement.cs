using System.Diagnostics;
using CaseManagement.Notifications.Channels;
using MailKit.Net.Smtp;
using MailKit.Security;
using MailSink;

namespace NotificationBenchmark;

internal enum Side
{
    PlainLoop,
    Channel,
}

/// <summary>One timed run of one side.</summary>
/// <param name="ProcessCpu">CPU time of the whole process during the run, the in-process mail sink included.</param>
/// <param name="PeakRss">Kernel peak RSS during the run (VmHWM, reset before it).</param>
internal sealed record Run(Side Side, int Messages, TimeSpan Elapsed, TimeSpan ProcessCpu, long AllocatedBytes, long PeakRss)
{
    public double MessagesPerSecond => Messages / Elapsed.TotalSeconds;
}

/// <summary>Sends the same emails either way to the sink and checks that exactly all of them arrived.</summary>
internal sealed class Measurement(SmtpSink sink, BenchmarkOptions options)
{
    private const string FromAddress = "datenschutz@moebel-mueller.example";

    private readonly SmtpOptions smtp = new()
    {
        Host = "127.0.0.1",
        Port = sink.Port,
        Tls = SmtpTlsMode.None,
        FromAddress = FromAddress,
        FromName = "Möbel Müller GmbH",
        MaxConnections = options.Connections,
        Timeout = TimeSpan.FromSeconds(30),
    };

    public async Task<Run> RunAsync(Side side, int messages, int round, CancellationToken ct)
    {
        Settle();
        var received = sink.ReceivedCount;
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        PeakRss.Reset();
        var watch = Stopwatch.StartNew();
        await (side == Side.PlainLoop ? PlainLoopAsync(messages, round, ct) : ChannelAsync(messages, round, ct));
        var elapsed = watch.Elapsed;
        var peak = PeakRss.Read();
        process.Refresh();
        var arrived = sink.ReceivedCount - received;
        if (arrived != messages)
        {
            throw new InvalidOperationException($"{side}: the sink received {arrived:N0} emails, not {messages:N0}.");
        }

        return new Run(side, messages, elapsed, process.TotalProcessorTime - cpu, GC.GetTotalAllocatedBytes(precise: true) - allocated, peak);
    }

    /// <summary>What a developer writes without a channel: one client, connected once, sending one email after another.</summary>
    private async Task PlainLoopAsync(int messages, int round, CancellationToken ct)
    {
        var from = NoticeEmail.Mailbox(smtp.FromName, smtp.FromAddress);
        using var client = new SmtpClient();
        await client.ConnectAsync(smtp.Host, smtp.Port, SecureSocketOptions.None, ct);
        for (var i = 0; i < messages; i++)
        {
            await client.SendAsync(NoticeEmail.Create(BenchNotice.For(round, i), from), ct);
        }

        await client.DisconnectAsync(quit: true, ct);
    }

    /// <summary>The channel as a campaign would drive it: a fixed number of sends in flight, each taking the next notice.</summary>
    private async Task ChannelAsync(int messages, int round, CancellationToken ct)
    {
        await using var channel = new SmtpEmailChannel(smtp);
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < messages)
            {
                var result = await channel.SendAsync(BenchNotice.For(round, i), ct);
                if (!result.Accepted)
                {
                    throw new InvalidOperationException($"The channel did not deliver notice {i}: {result.ProviderResponse}");
                }
            }
        }, ct)));
    }

    // Each run starts from a collected heap, so one run's garbage is not charged to the next.
    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
