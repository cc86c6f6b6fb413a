using MailSink;
using NotificationBenchmark;

if (!OptionReader.TryParse(args, BenchmarkOptions.Parse, BenchmarkOptions.Usage, out var options))
{
    return 2;
}

if (!PeakRss.Available)
{
    Console.Error.WriteLine("This benchmark reads peak memory from /proc/self (Linux).");
    return 2;
}

var ct = OptionReader.CancelOnCtrlC();

var machine = HostMachine.Read();
var loadBefore = HostMachine.LoadAverageNow();
// The sink only counts: keeping 100,000 messages would charge its memory to whichever side ran last.
await using var sink = SmtpSink.Start(new SmtpSinkOptions { MaxStoredMessages = 0 });
var measurement = new Measurement(sink, options);
Console.WriteLine($"MailSink on 127.0.0.1:{sink.Port}; {options.Messages:N0} emails per run; channel: {options.Connections} connections, " +
                  $"{options.Concurrency} in flight; {options.Runs} runs per side; load average {loadBefore}");

// Warm-up: JIT, tiered compilation and the thread pool for both sides before anything is timed.
Console.WriteLine($"  warm-up: {options.WarmUpMessages:N0} emails per side");
await measurement.RunAsync(Side.PlainLoop, options.WarmUpMessages, 0, ct);
await measurement.RunAsync(Side.Channel, options.WarmUpMessages, 0, ct);

var plain = new List<Run>();
var channel = new List<Run>();
for (var round = 1; round <= options.Runs; round++)
{
    // Interleaved, the order swapped every run, so drift in the shared machine's load falls on both sides alike.
    Side[] order = round % 2 == 1 ? [Side.PlainLoop, Side.Channel] : [Side.Channel, Side.PlainLoop];
    foreach (var side in order)
    {
        var run = await measurement.RunAsync(side, options.Messages, round, ct);
        (side == Side.PlainLoop ? plain : channel).Add(run);
        Console.WriteLine($"  run {round}: {(side == Side.PlainLoop ? "plain loop" : "channel   ")} {run.Elapsed.TotalSeconds,7:N2} s, " +
                          $"{run.MessagesPerSecond,8:N0} emails/s, process CPU {run.ProcessCpu.TotalSeconds:N2} s, peak RSS {run.PeakRss / 1e6:N0} MB");
    }
}

var comparison = new Comparison(plain, channel);
Console.WriteLine();
Console.WriteLine(Report.ConsoleSummary(comparison));
if (options.Output is { } output)
{
    MarkdownSection.Write(output, Report.SectionTitle, Report.Markdown(options, machine, loadBefore, HostMachine.LoadAverageNow(), comparison));
    Console.WriteLine($"Wrote the results to {output}.");
}

return 0;
