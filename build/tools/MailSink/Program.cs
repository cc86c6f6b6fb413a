using System.Globalization;
using System.Runtime.InteropServices;
using MailSink;

const string usage = """
    Usage: dotnet run --project build/tools/MailSink -- [--port N] [--maildir DIR] [--keep N]
      --port N      port on 127.0.0.1 (default 2525; 0 picks a free one)
      --maildir DIR write every accepted message to DIR as .eml
      --keep N      messages kept in memory (default 10000; the count is kept regardless)
    Stops on Ctrl+C or SIGTERM.
    """;

var options = new SmtpSinkOptions { Port = 2525 };
try
{
    for (var i = 0; i < args.Length; i++)
    {
        string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
        int Number() => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new ArgumentException($"{args[i - 1]} needs a whole number.");

        options = args[i] switch
        {
            "--port" => options with { Port = Number() },
            "--maildir" => options with { MailDirectory = Path.GetFullPath(Value()) },
            "--keep" => options with { MaxStoredMessages = Number() },
            var other => throw new ArgumentException($"Unknown option '{other}'."),
        };
    }
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(usage);
    return 2;
}

var stop = new TaskCompletionSource();
void Stop(PosixSignalContext context)
{
    // Handled here so the sink closes its sessions and reports before the process ends.
    context.Cancel = true;
    stop.TrySetResult();
}

using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

var sink = SmtpSink.Start(options);
Console.WriteLine($"MailSink ready on 127.0.0.1:{sink.Port}" + (options.MailDirectory is { } dir ? $", writing to {dir}" : ", keeping messages in memory only"));
await stop.Task;
await sink.DisposeAsync();
Console.WriteLine($"MailSink stopped after {sink.ReceivedCount} messages on {sink.ConnectionCount} connections.");
return 0;
