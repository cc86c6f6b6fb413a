using static BenchSupport.Figures;
using System.Globalization;
using System.Text;

namespace NotificationBenchmark;

internal static class Report
{
    public const string SectionTitle = "## Notifications: email channel vs plain MailKit loop";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string ConsoleSummary(Comparison c) =>
        string.Create(Invariant, $"plain MailKit loop {Seconds(c.PlainMedian)} ({Rate(c.PlainMedian, c.Plain[0].Messages)}/s), ") +
        string.Create(Invariant, $"channel {Seconds(c.ChannelMedian)} ({Rate(c.ChannelMedian, c.Channel[0].Messages)}/s); ") +
        string.Create(Invariant, $"ratio {c.Ratio:0.00}x (goal >= {Comparison.MinimumRatio:0.00}x): {(c.MeetsGoal ? "met" : "MISSED")}; ") +
        string.Create(Invariant, $"peak RSS plain {Megabytes(c.Plain.Max(r => r.PeakRss))}, channel {Megabytes(c.Channel.Max(r => r.PeakRss))}");

    public static string Markdown(BenchmarkOptions options, HostMachine machine, string loadBefore, string loadAfter, Comparison c)
    {
        var md = new StringBuilder();
        var channelSide = $"`SmtpEmailChannel` ({options.Connections} pooled connections, {options.Concurrency} sends in flight)";
        md.AppendLine(SectionTitle).AppendLine();
        md.AppendLine(Invariant, $"Goal (product issue): sending breach notices through `SmtpEmailChannel` (pooled connections, one delivery result " +
                                 $"per notice) is at least {Comparison.MinimumRatio:0.00}× as fast as a plain MailKit loop (one `SmtpClient`, connected " +
                                 $"once, sending one message after another); ratio = plain time / channel time.").AppendLine();
        md.AppendLine(Invariant, $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC with {options.Messages:N0} emails per run and side" +
                                 $"{(options.Messages == BenchmarkOptions.FullSize ? "" : " (**not the issue's full size of 100,000**)")}; " +
                                 $"medians of {options.Runs} runs per side after one warm-up of {options.WarmUpMessages:N0} emails each, both sides " +
                                 $"in one process, interleaved, the order swapped every run.").AppendLine();
        md.AppendLine("| Side | Median time | Emails/s | Peak RSS (highest run) |");
        md.AppendLine("|---|--:|--:|--:|");
        md.AppendLine(Invariant, $"| Plain MailKit loop (1 connection, sequential) | {Seconds(c.PlainMedian)} | {Rate(c.PlainMedian, options.Messages)} | {Megabytes(c.Plain.Max(r => r.PeakRss))} |");
        md.AppendLine(Invariant, $"| {channelSide} | {Seconds(c.ChannelMedian)} | {Rate(c.ChannelMedian, options.Messages)} | {Megabytes(c.Channel.Max(r => r.PeakRss))} |");
        md.AppendLine().AppendLine(Invariant, $"**Ratio plain/channel: {c.Ratio:0.00}×** (goal ≥ {Comparison.MinimumRatio:0.00}×): {(c.MeetsGoal ? "met" : "**missed**")}.").AppendLine();

        md.AppendLine("All measured runs, in the order they ran (warm-ups excluded):").AppendLine();
        md.AppendLine("| Run | Side | Time | Emails/s | Process CPU | Allocated per email | Peak RSS |");
        md.AppendLine("|--:|---|--:|--:|--:|--:|--:|");
        var number = 0;
        foreach (var run in Interleaved(c))
        {
            md.AppendLine(Invariant, $"| {number++ / 2 + 1} | {(run.Side == Side.PlainLoop ? "plain loop" : "channel")} | {Seconds(run.Elapsed)} | " +
                                     $"{run.MessagesPerSecond:N0} | {Seconds(run.ProcessCpu)} | {(double)run.AllocatedBytes / run.Messages:N0} B | {Megabytes(run.PeakRss)} |");
        }

        md.AppendLine().AppendLine("### Machine").AppendLine();
        machine.MarkdownLines().ToList().ForEach(line => md.AppendLine(line));
        md.AppendLine(Invariant, $"- Load average (1, 5, 15 min) {loadBefore} before and {loadAfter} after: the machine is shared, so the " +
                                 $"sides are interleaved and only their ratio is the result.");
        md.AppendLine("- The mail server is MailSink (`build/tools/MailSink`) in the same process on 127.0.0.1, keeping no messages (it counts " +
                      "them), so server, client and kernel share the cores.");

        md.AppendLine().AppendLine("### Reproduce").AppendLine();
        md.AppendLine("```sh");
        md.AppendLine("dotnet run -c Release --project build/bench/NotificationBenchmark -- --output docs/benchmarks.md");
        md.AppendLine("```").AppendLine();
        md.AppendLine("Options: `--messages N` (100000), `--connections P` (4), `--concurrency C` (the pool size), `--runs K` (3). " +
                      "`--connections 1 --concurrency 1` compares the channel's own cost per message with the loop's, without concurrency.").AppendLine();

        md.AppendLine("### What is measured").AppendLine();
        md.AppendLine("- **Both sides** send the same messages, built by `NoticeEmail.Create` (From and To with UTF-8 display names, a UTF-8 " +
                      "subject, the Message-Id from the notice key, `X-Notice-Id`, a plain-text body of about 1 KB sent as 8bit), one recipient each. " +
                      "A run is timed from creating the client or channel to the last reply and QUIT, so connecting is included on both sides.");
        md.AppendLine(Invariant, $"- **Channel**: {channelSide}; {options.Concurrency} workers each take the next notice and await " +
                                 $"`SendAsync`, as a campaign would; every result must be accepted.");
        md.AppendLine("- **Plain loop**: `SmtpClient.ConnectAsync`, then `SendAsync` for each message in turn, then `DisconnectAsync`.");
        md.AppendLine("- **Correctness**: the sink's count must grow by exactly the number sent in every run (warm-ups too), or the benchmark " +
                      "exits non-zero without a report.");
        md.AppendLine("- **Peak RSS**: the kernel's high-water mark (VmHWM) of the whole process, sink included, reset before each run by " +
                      "writing 5 to /proc/self/clear_refs. \"Process CPU\" and \"Allocated\" are also the whole process's, sink included.");
        md.AppendLine().AppendLine("### What is not measured").AppendLine();
        md.AppendLine("- A real relay, a network, TLS and login: on loopback a round trip costs microseconds, so the plain loop waits little. " +
                      "Across a network every message costs the loop at least two round trips, which the channel's concurrent connections " +
                      "overlap; there the channel's lead would be larger.");
        md.AppendLine("- The campaign machinery around the channel (choosing recipients, rendering templates, recording results).");

        md.AppendLine().AppendLine("### Verdict").AppendLine();
        md.AppendLine(Finding(options, c));
        return md.ToString();
    }

    /// <summary>The runs in the order they ran: odd runs plain first, even runs channel first.</summary>
    private static IEnumerable<Run> Interleaved(Comparison c) =>
        c.Plain.Zip(c.Channel, (plain, channel) => (plain, channel))
            .SelectMany((pair, i) => i % 2 == 0 ? new[] { pair.plain, pair.channel } : [pair.channel, pair.plain]);

    private static string Finding(BenchmarkOptions options, Comparison c)
    {
        static double PerEmail(IEnumerable<Run> runs, Func<Run, double> value) => runs.Average(r => value(r) / r.Messages);
        static double CoresBusy(IEnumerable<Run> runs) => runs.Sum(r => r.ProcessCpu.TotalSeconds) / runs.Sum(r => r.Elapsed.TotalSeconds);

        var extraAllocation = PerEmail(c.Channel, r => r.AllocatedBytes) - PerEmail(c.Plain, r => r.AllocatedBytes);
        var md = new StringBuilder();
        md.AppendLine(Invariant, $"- The channel runs at {c.Ratio:0.00}× the plain loop's speed ({(c.MeetsGoal ? "meets" : "misses")} the goal of " +
                                 $"{Comparison.MinimumRatio:0.00}×) with {options.Concurrency} sends in flight over {options.Connections} connections.");
        md.AppendLine(Invariant, $"- CPU per email (whole process, sink included): {PerEmail(c.Channel, r => r.ProcessCpu.TotalSeconds) * 1e6:N0} µs through " +
                                 $"the channel, {PerEmail(c.Plain, r => r.ProcessCpu.TotalSeconds) * 1e6:N0} µs in the plain loop; the process kept " +
                                 $"{CoresBusy(c.Channel):0.00} and {CoresBusy(c.Plain):0.00} of the {Environment.ProcessorCount} cores busy.");
        md.AppendLine(Invariant, $"- The channel allocates {extraAllocation:N0} B per email more than the loop (its timeout, reply text and result); " +
                                 $"the rest, about {PerEmail(c.Plain, r => r.AllocatedBytes) / 1024:N0} KiB per email, is MimeKit and MailKit building " +
                                 $"and writing the message, and the sink. Peak RSS (highest run) was {Megabytes(c.Channel.Max(r => r.PeakRss))} through " +
                                 $"the channel and {Megabytes(c.Plain.Max(r => r.PeakRss))} in the plain loop; the channel keeps no message past its send.");
        return md.ToString().TrimEnd();
    }

    private static string Rate(TimeSpan elapsed, int messages) => (messages / elapsed.TotalSeconds).ToString("N0", Invariant);
}
