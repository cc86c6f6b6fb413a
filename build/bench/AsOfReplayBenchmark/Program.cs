using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CaseManagement.Incidents;
using CaseManagement.Incidents.Reviewing;
using CaseManagement.Infrastructure;
using CaseManagement.Obligations.Facts;
using JasperFx;
using Marten;
using Npgsql;

// Issue 13's as-of benchmark: the incident as it was at an instant or a version, read the way GET /api/incidents/{id}?asOf=
// and ?version= read it (IncidentTimeTravel: the newest checkpoint before the point, then Marten's live aggregation of the
// events after it, ADR 31), against the full fold from the detection and a raw SQL read of every row up to the point,
// interleaved in one process run. See docs/benchmarks.md.
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
await EnsureCheckpointsAsync();
await using (var first = await raw.OpenConnectionAsync())
{
    Console.WriteLine($"incident {incidentId}: {count:N0} events; PostgreSQL {first.ServerVersion}; {runs} runs per side and point");
}

// After the last event (a checkpoint at the end), half a batch of 500 past a checkpoint, and by version one event before the
// next checkpoint: the most a read folds (events share their batch's recording time, so no instant falls inside a batch).
var every = IncidentCheckpointProjection.Every;
var halfway = count - count % every - every + every / 2;
Point[] points =
[
    new($"all {count:N0} events (instant)", await TimestampOfAsync(count), null, count, count % every),
    new($"first {halfway:N0} events (instant)", await TimestampOfAsync(halfway), null, halfway, halfway % every),
    new($"version {count - 1:N0}", null, count - 1, count - 1, (count - 1) % every),
];
foreach (var point in points)
{
    for (var warmUp = 0; warmUp < 3; warmUp++)
    {
        await ReplayAsync(point);
        await FullFoldAsync(point);
        await RawAsync(point);
    }

    await AssertSameAsFullFoldAsync(point);

    for (var run = 1; run <= runs; run++)
    {
        foreach (var side in run % 2 == 1 ? new[] { Side.Raw, Side.FullFold, Side.Replay } : [Side.Replay, Side.FullFold, Side.Raw])
        {
            var result = side switch { Side.Raw => await RawAsync(point), Side.FullFold => await FullFoldAsync(point), _ => await ReplayAsync(point) };
            point.Runs(side).Add(result);
        }
    }

    Console.WriteLine($"  {point.Label,-20} replay {Ms(Time(point.Replays))}, full fold {Ms(Time(point.FullFolds))}, raw {Ms(Time(point.Raws))}, ratio raw/replay {Ratio(point):0.00}x, " +
                      $"allocated per replay {Allocated(point.Replays) / 1e6:N1} MB");
}

var headline = points.MaxBy(p => Time(p.Replays))!;
var met = Time(headline.Replays) < TimeSpan.FromMilliseconds(50);
Console.WriteLine($"\nslowest read, {headline.Label}: median {Ms(Time(headline.Replays))} (goal < 50 ms: {(met ? "met" : "missed")})");
if (output is not null)
{
    var inv = CultureInfo.InvariantCulture;
    var loadAfter = HostMachine.LoadAverageNow();
    var busy = machine.BusyWarning(loadBefore, loadAfter) is { } warning ? $"\n\n{warning}" : "";
    var rows = points.Select(p => string.Create(inv,
        $"| {p.Label} | {p.Expected:N0} | {p.Folded:N0} | {Ms(Time(p.Replays))} | {Ms(Time(p.FullFolds))} | {Ms(Time(p.Raws))} | **{Ratio(p):0.00}×** | {Allocated(p.Replays) / 1e6:N1} MB |"));
    var md = string.Join('\n',
        Title, "",
        "Goal (issue 13): the state of an incident with 10,000 events as of an instant, as `GET /api/incidents/{id}?asOf=` computes it, " +
        "in under 50 ms at the median; ratio against a raw SQL read of the same rows in the same run (ratio = raw time / replay time).", "",
        string.Create(inv, $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: one incident of {count:N0} events, a checkpoint every {every:N0} versions (ADR 31); medians of {runs} runs per side and point after 3 warm-ups each, interleaved, the order swapped every run.") + busy, "",
        "| Point | Incident version | Events folded after the checkpoint | Read (median) | Full fold, no checkpoint (median) | Raw SQL read of every row (median) | Ratio raw/read | Allocated per read |",
        "|---|--:|--:|--:|--:|--:|--:|--:|",
        string.Join('\n', rows), "",
        string.Create(inv, $"**Slowest read, {headline.Label}: {Ms(Time(headline.Replays))} at the median** (goal < 50 ms): {(met ? "met" : "**missed**")}."), "",
        "What each side does:", "",
        "- **Read**: what the endpoint runs (`IncidentTimeTravel.AtInstantAsync` for `?asOf=`, `AtVersionAsync` for `?version=`): a new query " +
        "session for the organisation, the newest `IncidentCheckpoint` at or before the point (one indexed document read), then " +
        "`session.Events.AggregateStreamAsync<Incident>(id, timestamp|version, state: checkpoint, fromVersion: checkpoint + 1)` with the " +
        "service's own store mapping (`EventStoreConfiguration.Options`): Marten reads, deserializes and folds only the events after the checkpoint. " +
        "The endpoint's JSON answer and HTTP are not included.",
        "- **Full fold**: the read before checkpoints, `AggregateStreamAsync<Incident>(id, timestamp|version)`: every event from the detection.",
        "- **Raw SQL read**: one statement on a pooled connection, `select seq_id, id, version, timestamp, type, data, correlation_id, causation_id, " +
        "user_name, headers from casemanagement.mt_events where tenant_id = @tenant and stream_id = @id and timestamp <= @asOf (or version <= @version) order by version`, " +
        "every column of every row up to the point read (jsonb as text), nothing deserialized or folded: the floor of any replay without checkpoints.",
        "- **Correctness**: before the measured runs, the read's incident must serialize to exactly the full fold's JSON at each point; every run, " +
        "the read's version and the raw row count must equal the point's, or the benchmark exits non-zero without a report.",
        "- **The checkpoints**: written by the async daemon (`IncidentCheckpointProjection`); the benchmark rebuilds them when the incident lacks " +
        "any, outside the measured runs.",
        "- **The incident**: `IncidentDetected`, then notes (70 %), responder assignments, severity classifications, data categories and affected " +
        "counts, appended in transactions of 500 through the service's store (its inline projections run); the clock steps a minute per " +
        "transaction, so the events of one transaction share their recording time and an instant can only fall between transactions.", "",
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

async Task EnsureCheckpointsAsync()
{
    await using (var query = store.QuerySession(Tenant))
    {
        if (await query.Query<IncidentCheckpoint>().CountAsync(c => c.IncidentId == incidentId) == count / IncidentCheckpointProjection.Every)
        {
            return;
        }
    }

    var watch = Stopwatch.StartNew();
    using var daemon = await store.BuildProjectionDaemonAsync();
    await daemon.RebuildProjectionAsync<IncidentCheckpointProjection>(CancellationToken.None);
    Console.WriteLine($"built the checkpoints in {watch.Elapsed.TotalSeconds:N1} s");
}

async Task<Incident?> ReadAsync(IQuerySession session, Point point) => point.Version is { } version
    ? await IncidentTimeTravel.AtVersionAsync(session, incidentId, version, CancellationToken.None)
    : await IncidentTimeTravel.AtInstantAsync(session, incidentId, point.AsOf!.Value, CancellationToken.None);

async Task<Incident?> FoldAllAsync(IQuerySession session, Point point) =>
    await session.Events.AggregateStreamAsync<Incident>(incidentId, version: point.Version ?? 0, timestamp: point.AsOf);

async Task AssertSameAsFullFoldAsync(Point point)
{
    await using var session = store.QuerySession(Tenant);
    var read = JsonSerializer.Serialize(await ReadAsync(session, point));
    if (read != JsonSerializer.Serialize(await FoldAllAsync(session, point)))
    {
        Console.Error.WriteLine($"{point.Label}: the read from the checkpoint differs from the full fold; no report written.\n{read}");
        Environment.Exit(1);
    }
}

async Task<Run> ReplayAsync(Point point) => await TimeAsync(point, async () =>
{
    await using var session = store.QuerySession(Tenant);
    return (await ReadAsync(session, point))?.Version ?? 0;
});

async Task<Run> FullFoldAsync(Point point) => await TimeAsync(point, async () =>
{
    await using var session = store.QuerySession(Tenant);
    return (await FoldAllAsync(session, point))?.Version ?? 0;
});

async Task<Run> RawAsync(Point point) => await TimeAsync(point, async () =>
{
    var upTo = point.Version is null ? "timestamp <= @asOf" : "version <= @version";
    await using var command = raw.CreateCommand(
        $"select {RawEventRows.Columns} from {EventStoreConfiguration.Schema}.mt_events where tenant_id = @tenant and stream_id = @id and {upTo} order by version");
    command.Parameters.AddWithValue("tenant", Tenant);
    command.Parameters.AddWithValue("id", incidentId);
    if (point.Version is { } version)
    {
        command.Parameters.AddWithValue("version", version);
    }
    else
    {
        command.Parameters.AddWithValue("asOf", point.AsOf!.Value);
    }

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
    FullFold,
    Raw,
}

internal sealed record Run(TimeSpan Elapsed, long Allocated);

/// <param name="AsOf">The instant asked for, or null when asked by <paramref name="Version"/>.</param>
/// <param name="Folded">How many events the read folds after its checkpoint.</param>
internal sealed record Point(string Label, DateTimeOffset? AsOf, long? Version, long Expected, long Folded)
{
    public List<Run> Replays { get; } = [];
    public List<Run> FullFolds { get; } = [];
    public List<Run> Raws { get; } = [];

    public List<Run> Runs(Side side) => side switch { Side.Raw => Raws, Side.FullFold => FullFolds, _ => Replays };
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
