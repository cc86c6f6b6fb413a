
namespace NotificationBenchmark;

/// <summary>Command-line options; see <see cref="Usage"/>.</summary>
internal sealed record BenchmarkOptions(int Messages, int Connections, int Concurrency, int Runs, string? Output)
{
    public const int FullSize = 100_000;

    public const string Usage = """
        Usage: dotnet run -c Release --project build/bench/NotificationBenchmark -- [options]
          --messages N     emails per run and side (default 100000)
          --connections P  the channel's pool size (default 4)
          --concurrency C  sends in flight through the channel (default: the pool size)
          --runs K         measured runs per side after one warm-up each (default 3)
          --output FILE    write the results into FILE's section "Notifications: email channel vs plain MailKit loop"
        The mail server is MailSink, started in this process on 127.0.0.1 (a free port).
        """;

    /// <summary>The warm-up sends this many per side: enough for the JIT's optimised code, short beside a measured run.</summary>
    public int WarmUpMessages => Math.Min(Messages, 5_000);

    public static BenchmarkOptions Parse(OptionReader args)
    {
        var options = new BenchmarkOptions(FullSize, 4, 0, 3, null);
        while (args.Next() is { } name)
        {
            options = name switch
            {
                "--messages" => options with { Messages = args.Positive() },
                "--connections" => options with { Connections = args.Positive() },
                "--concurrency" => options with { Concurrency = args.Positive() },
                "--runs" => options with { Runs = args.Positive() },
                "--output" => options with { Output = args.Value() },
                _ => throw args.Unknown(),
            };
        }

        return options.Concurrency == 0 ? options with { Concurrency = options.Connections } : options;
    }
}
