using System.Diagnostics;
using System.Globalization;
using CaseManagement.Incidents;
using CaseManagement.Infrastructure;
using CaseManagement.Obligations.Facts;
using JasperFx;
using Marten;
using Npgsql;

// Issue 13's as-of benchmark: the incident as it was at an instant, replayed the way GET /api/incidents/{id}?asOf=
// replays it (GetIncidentEndpoint: session.Events.AggregateStreamAsync<Incident>(id, timestamp: asOf)), against a raw
// SQL read of the same rows, interleaved in one process run. See docs/benchmarks.md.
const string Title = "## Incidents: as-of replay vs raw SQL read";
const string Tenant = "bench";
if (!OptionReader.TryParse(args, Options.Parse, Options.Usage, out var options))
{
    return 2;
}

var (count, runs, output) = (options.Events, options.Runs, options.Output);
var machine = HostMachine.Read();
var loadBefore = HostMachine.LoadAverageNow();
var connection = await BenchDatabase.EnsureAsync("casemanagement_bench");
var clock = new SteppingClock(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero), TimeSpan.FromMinutes(1));
await using var store = new DocumentStore(EventStoreConfiguration.Options(connection, clock, AutoCreate.CreateOrUpdate));
await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
await using var raw = NpgsqlDataSource.Create(connection);

var incidentId = Guid.Parse($"019a0000-0000-7000-8000-{count:D12}");
await EnsureIncidentAsync();
await using (var first = await raw.OpenConnectionAsync())
{
    Console.WriteLine($"incident {incidentId}: {count:N0} events; PostgreSQL {first.ServerVersion}; {runs} runs per side and point");
}

// Two instants: after the last event (the whole stream is replayed) and just after the middle one.
Point[] points = [new($"all {count:N0} events", await TimestampOfAsync(count), count), new($"first {count / 2:N0} events", await TimestampOfAsync(count / 2), count / 2)];
foreach (var point in points)
{
    for (var warmUp = 0; warmUp < 3; warmUp++)
    {
        await ReplayAsync(point);
        await FetchAsync(point);
        await RawAsync(point);
    }

    for (var run = 1; run <= runs; run++)
    {
        foreach (var side in run % 2 == 1 ? new[] { Side.Raw, Side.Fetch, Side.Replay } : [Side.Replay, Side.Fetch, Side.Raw])
        {
            var result = side switch { Side.Raw => await RawAsync(point), Side.Fetch => await FetchAsync(point), _ => await ReplayAsync(point) };
            point.Runs(side).Add(result);
        }
    }

    Console.WriteLine($"  {point.Label,-20} replay {Ms(Time(point.Replays))}, fetch {Ms(Time(point.Fetches))}, raw {Ms(Time(point.Raws))}, ratio raw/replay {Ratio(point):0.00}x, " +
                      $"allocated per replay {Allocated(point.Replays) / 1e6:N1} MB");
}

var headline = points[0];
var met = Time(headline.Replays) < TimeSpan.FromMilliseconds(50);
Console.WriteLine($"\nreplay of {headline.Label}: median {Ms(Time(headline.Replays))} (goal < 50 ms: {(met ? "met" : "missed")})");
if (output is not null)
{
    var inv = CultureInfo.InvariantCulture;
    var loadAfter = HostMachine.LoadAverageNow();
    var busy = machine.BusyWarning(loadBefore, loadAfter) is { } warning ? $"\n\n{warning}" : "";
    var rows = points.Select(p => string.Create(inv,
        $"| {p.Label} | {p.Expected:N0} | {Ms(Time(p.Replays))} | {Ms(Time(p.Fetches))} | {Ms(Time(p.Raws))} | **{Ratio(p):0.00}×** | {Allocated(p.Replays) / 1e6:N1} MB |"));
    var md = string.Join('\n',
        Title, "",
        "Goal (issue 13): the state of an incident with 10,000 events as of an instant, as `GET /api/incidents/{id}?asOf=` computes it, " +
        "in under 50 ms at the median; ratio against a raw SQL read of the same rows in the same run (ratio = raw time / replay time).", "",
        string.Create(inv, $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: one incident of {count:N0} events; medians of {runs} runs per side and instant after 3 warm-ups each, interleaved, the order swapped every run.") + busy, "",
        "| Instant | Events replayed | Replay (median) | Fetch only (median) | Raw SQL read (median) | Ratio raw/replay | Allocated per replay |", "|---|--:|--:|--:|--:|--:|--:|",
        string.Join('\n', rows), "",
        string.Create(inv, $"**Replay of {headline.Label}: {Ms(Time(headline.Replays))} at the median** (goal < 50 ms): {(met ? "met" : "**missed**")}."), "",
        "What each side does:", "",
        "- **Replay**: what the endpoint runs for `?asOf=`: a new query session for the organisation, then " +
        "`session.Events.AggregateStreamAsync<Incident>(id, timestamp: asOf)` with the service's own store mapping " +
        "(`EventStoreConfiguration.Options`): Marten reads the stream's rows up to the instant with their metadata, deserializes every event " +
        "and folds it through `Incident`'s Apply methods. The endpoint's JSON answer and HTTP are not included.",
        "- **Fetch only**: the replay's first half alone, `session.Events.FetchStreamAsync(id, timestamp: asOf)`: the same rows read and every " +
        "event deserialized, nothing folded; replay minus fetch is the fold.",
        "- **Raw SQL read**: one statement on a pooled connection, `select seq_id, id, version, timestamp, type, data, correlation_id, causation_id, " +
        "user_name, headers from casemanagement.mt_events where tenant_id = @tenant and stream_id = @id and timestamp <= @asOf order by version`, " +
        "every column read (jsonb as text), nothing deserialized or folded: the floor any replay has to stand on.",
        "- **Correctness**: every run, the replayed incident's version and the raw row count must equal the events up to the instant, or the " +
        "benchmark exits non-zero without a report.",
        "- **The incident**: `IncidentDetected`, then notes (70 %), responder assignments, severity classifications, data categories and affected " +
        "counts, one a minute of the service clock, appended in transactions of 500 through the service's store (its inline projections run).", "",
        "Reproduce: `bash build/bench/run.sh asof` (starts the local PostgreSQL; options after the name, e.g. `--events N`, `--runs K`). " +
        "The incident is written once into the database `casemanagement_bench` and reused while it has exactly that many events.", "",
        "Machine:", "",
        string.Join('\n', machine.MarkdownLines()),
        $"- PostgreSQL on 127.0.0.1 on the same machine, sharing its {machine.Cores} cores; load average (1, 5, 15 min) " +
        $"{loadBefore} before and {loadAfter} after.");
    MarkdownSection.Write(output, Title, md);
}

return 0;

async Task EnsureIncidentAsync()
{
    await using (var query = store.QuerySession(Tenant))
    {
        if ((await query.Events.FetchStreamStateAsync(incidentId))?.Version == count)
        {
            return;
        }
    }

    await store.Advanced.Clean.DeleteAllEventDataAsync();
    var watch = Stopwatch.StartNew();
    var events = IncidentEvents(incidentId, clock.Start).ToList();
    for (var start = 0; start < count; start += 500)
    {
        await using var session = store.LightweightSession(Tenant);
        var batch = events.Skip(start).Take(Math.Min(500, count - start)).ToArray();
        if (start == 0)
        {
            session.Events.StartStream<Incident>(incidentId, batch);
        }
        else
        {
            session.Events.Append(incidentId, batch);
        }

        await session.SaveChangesAsync();
    }

    Console.WriteLine($"wrote {count:N0} events in {watch.Elapsed.TotalSeconds:N1} s");
}

IEnumerable<object> IncidentEvents(Guid id, DateTimeOffset start)
{
    yield return new IncidentDetected(id, "Card skimmer injected into checkout", "shop-bench", IncidentKind.CheckoutSkimmer, start, start,
        "monitoring", "A script on the checkout page sent card fields to an unknown host.", ["payment-card", "contact"]);
    for (var i = 1; i < count; i++)
    {
        yield return (i % 20) switch
        {
            0 => new SeverityClassified(id, (Severity)(i / 20 % 3), $"Reassessed after finding {i}"),
            1 or 2 => new ResponderAssigned(id, $"responder-{i % 37}@shop.example", i % 2 == 0 ? "lead" : null),
            3 => new DataCategoriesRecorded(id, ["payment-card", "contact", i % 3 == 0 ? "address" : "account"], "Found in the skimmer's exfiltration log"),
            4 => new AffectedCountsRecorded(id, [new AffectedCount("DE", 1_200 + i), new AffectedCount("US-CA", 300 + i), new AffectedCount("FR", 90)],
                "scoping", "Orders placed while the script was live"),
            _ => new NoteAdded(id, $"Note {i}: checked the web server's access log for the skimmer's host; requests from 4 more sessions, " +
                                  "none after the plugin was disabled. Forwarded the sample to the payment processor."),
        };
    }
}

async Task<DateTimeOffset> TimestampOfAsync(long version)
{
    await using var command = raw.CreateCommand(
        $"select timestamp from {EventStoreConfiguration.Schema}.mt_events where tenant_id = @tenant and stream_id = @id and version = @version");
    command.Parameters.AddWithValue("tenant", Tenant);
    command.Parameters.AddWithValue("id", incidentId);
    command.Parameters.AddWithValue("version", version);
    await using var reader = await command.ExecuteReaderAsync();
    return await reader.ReadAsync() ? reader.GetFieldValue<DateTimeOffset>(0) : throw new InvalidOperationException($"no event at version {version}");
}

async Task<Run> ReplayAsync(Point point) => await TimeAsync(point, async () =>
{
    await using var session = store.QuerySession(Tenant);
    var incident = await session.Events.AggregateStreamAsync<Incident>(incidentId, timestamp: point.AsOf);
    return incident?.Version ?? 0;
});

// The replay's first half alone: the rows read and every event deserialized, nothing folded.
async Task<Run> FetchAsync(Point point) => await TimeAsync(point, async () =>
{
    await using var session = store.QuerySession(Tenant);
    return (await session.Events.FetchStreamAsync(incidentId, timestamp: point.AsOf)).Count;
});

async Task<Run> RawAsync(Point point) => await TimeAsync(point, async () =>
{
    await using var command = raw.CreateCommand(
        $"select {RawEventRows.Columns} from {EventStoreConfiguration.Schema}.mt_events where tenant_id = @tenant and stream_id = @id and timestamp <= @asOf order by version");
    command.Parameters.AddWithValue("tenant", Tenant);
    command.Parameters.AddWithValue("id", incidentId);
    command.Parameters.AddWithValue("asOf", point.AsOf);
    return await RawEventRows.ReadAllAsync(command);
});

static async Task<Run> TimeAsync(Point point, Func<Task<long>> work)
{
    var allocated = GC.GetTotalAllocatedBytes(precise: true);
    var watch = Stopwatch.StartNew();
    var seen = await work();
    var elapsed = watch.Elapsed;
    if (seen != point.Expected)
    {
        Console.Error.WriteLine($"{point.Label}: expected {point.Expected:N0} events, the side saw {seen:N0}; no report written.");
        Environment.Exit(1);
    }

    return new Run(elapsed, GC.GetTotalAllocatedBytes(precise: true) - allocated);
}

static TimeSpan Time(List<Run> runs) => Median.Of(runs.Select(r => r.Elapsed));

static long Allocated(List<Run> runs) => Median.Of(runs.Select(r => r.Allocated));

static double Ratio(Point point) => Time(point.Raws).TotalMilliseconds / Time(point.Replays).TotalMilliseconds;

static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("0.0 ms", CultureInfo.InvariantCulture);

internal enum Side
{
    Replay,
    Fetch,
    Raw,
}

internal sealed record Run(TimeSpan Elapsed, long Allocated);

internal sealed record Point(string Label, DateTimeOffset AsOf, long Expected)
{
    public List<Run> Replays { get; } = [];
    public List<Run> Fetches { get; } = [];
    public List<Run> Raws { get; } = [];

    public List<Run> Runs(Side side) => side switch { Side.Raw => Raws, Side.Fetch => Fetches, _ => Replays };
}

internal sealed record Options(int Events, int Runs, string? Output)
{
    public const string Usage = """
        Usage: dotnet run -c Release --project build/bench/AsOfReplayBenchmark -- [options]
          --events N       events in the incident's stream (default 10000)
          --runs K         measured runs per side and instant after 3 warm-ups (default 21)
          --output FILE    write the results into FILE's section "Incidents: as-of replay vs raw SQL read"
        PostgreSQL: ConnectionStrings__MartenTests names the server (its database casemanagement_bench is used), else the local one build/db-up.sh starts.
        """;

    public static Options Parse(OptionReader args)
    {
        var options = new Options(10_000, 21, null);
        while (args.Next() is { } name)
        {
            options = name switch
            {
                "--events" => options with { Events = args.Positive() },
                "--runs" => options with { Runs = args.Positive() },
                "--output" => options with { Output = args.Value() },
                _ => throw args.Unknown(),
            };
        }

        return options;
    }
}
