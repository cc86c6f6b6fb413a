namespace IncidentsAtScaleBenchmark;

/// <param name="Rebuild">Only this async projection is rebuilt (after a change to it); null: all of them.</param>
/// <param name="Chains">Link every event as the service does (a database of its own) and measure verifying every chain instead of the reads and rebuild.</param>
internal sealed record Options(int Incidents, int Events, int Runs, int Batch, int Writers, bool SkipRebuild, string? Rebuild, string? Output, bool Chains = false)
{
    public const string Usage = """
        Usage: dotnet run -c Release --project build/bench/IncidentsAtScaleBenchmark -- [options]
          --incidents N    incidents in the organisation (default 100000)
          --events M       events per incident, at least 10 (default 100)
          --runs K         measured runs per read and side after 3 warm-ups (default 21)
          --batch B        incidents per seeding session (default 100)
          --writers W      seeding sessions at once (default 2)
          --skip-rebuild   measure the reads only (the async projections must have been built by an earlier run)
          --rebuild NAME   rebuild only the async projection NAME (e.g. DeadlineBoardEntry, after changing it), then read
          --chains         seed with every event hash-chain linked (database casemanagement_bench_scale_<N>x<M>_linked) and measure
                           verifying every chain of the organisation, not the reads and the rebuild
          --output FILE    write the results into FILE's section "Incidents at scale: list, board, as-of and daemon rebuild vs raw SQL"
                           (with --chains: "Incidents at scale: every chain of an organisation verified vs raw SQL")
        PostgreSQL: ConnectionStrings__MartenTests names the server (its database casemanagement_bench_scale_<N>x<M> is used), else the local one build/db-up.sh starts.
        """;

    public static Options Parse(OptionReader args)
    {
        var options = new Options(100_000, 100, 21, 100, 2, false, null, null);
        while (args.Next() is { } name)
        {
            options = name switch
            {
                "--incidents" => options with { Incidents = args.Positive() },
                "--events" => options with { Events = args.Positive() },
                "--runs" => options with { Runs = args.Positive() },
                "--batch" => options with { Batch = args.Positive() },
                "--writers" => options with { Writers = args.Positive() },
                "--skip-rebuild" => options with { SkipRebuild = true },
                "--chains" => options with { Chains = true },
                "--rebuild" => options with { Rebuild = args.Value() },
                "--output" => options with { Output = args.Value() },
                _ => throw args.Unknown(),
            };
        }

        return options.Events >= 10 ? options : throw new ArgumentException("--events needs at least 10 (detection, awareness, triage, facts, closing).");
    }
}

/// <summary>One read as the service runs it and as a raw SQL statement; each side answers how many rows it returned.</summary>
internal sealed record Read(string Label, Func<Task<long>> Service, Func<Task<long>> Raw)
{
    public List<TimeSpan> ServiceRuns { get; } = [];
    public List<TimeSpan> RawRuns { get; } = [];
    public List<long> ServiceRows { get; } = [];
    public List<long> RawRows { get; } = [];
}
