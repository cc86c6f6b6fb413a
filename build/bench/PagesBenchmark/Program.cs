using System.Diagnostics;
using System.Globalization;
using CaseManagement.Incidents;
using CaseManagement.Infrastructure;
using CaseManagement.Obligations.Facts;
using CaseManagement.Obligations.Timeline;
using CaseManagement.Rules.Evaluation;
using CaseManagement.Web.Pages.Incidents;
using JasperFx;
using Marten;
using Npgsql;

// Issue 16's page benchmark: everything the incident page reads and computes for an incident of N events (the dossier:
// as-of point, stream, history replay, deadline timeline, facts fold, whole record and its sentences), now and as of
// the middle version, against a raw SQL read of the same rows, interleaved in one process run. See docs/benchmarks.md.
const string Title = "## Pages: incident page data vs raw SQL read";
const string Tenant = "bench";
if (!OptionReader.TryParse(args, Options.Parse, Options.Usage, out var options))
{
    return 2;
}

var (count, runs, output) = (options.Events, options.Runs, options.Output);
var machine = HostMachine.Read();
var loadBefore = HostMachine.LoadAverageNow();
var connection = await BenchDatabase.EnsureAsync("casemanagement_bench_pages");
var clock = new SteppingClock(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero), TimeSpan.FromMinutes(1));
await using var store = new DocumentStore(EventStoreConfiguration.Options(connection, clock, AutoCreate.CreateOrUpdate));
await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
await using var raw = NpgsqlDataSource.Create(connection);
var incidentId = Guid.Parse($"019a0000-0000-7000-8001-{count:D12}");
await EnsureIncidentAsync();
var now = clock.Start + TimeSpan.FromMinutes(count + 60);

Point[] points = [new($"now ({count:N0} events)", null, count), new($"as of version {count / 2:N0}", count / 2, count / 2)];
foreach (var point in points)
{
    for (var warmUp = 0; warmUp < 3; warmUp++)
    {
        await PageAsync(point);
        await RawAsync(point);
    }

    for (var run = 1; run <= runs; run++)
    {
        foreach (var page in run % 2 == 1 ? new[] { false, true } : [true, false])
        {
            (page ? point.Pages : point.Raws).Add(page ? await PageAsync(point) : await RawAsync(point));
        }
    }

    Console.WriteLine($"  {point.Label,-24} page data {Ms(Median.Of(point.Pages))}, raw {Ms(Median.Of(point.Raws))}");
}

var worst = points.Max(p => Median.Of(p.Pages));
var met = worst < TimeSpan.FromMilliseconds(200);
Console.WriteLine($"\nslowest page data: median {Ms(worst)} (goal < 200 ms server time: {(met ? "met" : "missed")})");
if (output is not null)
{
    var inv = CultureInfo.InvariantCulture;
    var loadAfter = HostMachine.LoadAverageNow();
    var busy = machine.BusyWarning(loadBefore, loadAfter) is { } warning ? $"\n\n{warning}" : "";
    var rows = points.Select(p => string.Create(inv,
        $"| {p.Label} | {p.Expected:N0} | {Ms(Median.Of(p.Pages))} | {Ms(Median.Of(p.Raws))} | {Median.Of(p.Pages) / Median.Of(p.Raws):0.0}× |"));
    var md = string.Join('\n',
        Title, "",
        "Goal (issue 16): every page renders in under 200 ms server time for an incident with 1,000 events. Measured here: the incident " +
        "page's data, `IncidentDossier.LoadAsync` (what `/incidents/{id}` and `?version=N` run before rendering), against a raw SQL read of " +
        "the incident's rows in the same run. Razor's rendering of the result and HTTP are not included.", "",
        string.Create(inv, $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: one incident of {count:N0} events; medians of {runs} runs per side and point after 3 warm-ups, interleaved, the order swapped every run.") + busy, "",
        "| Point | Events | Page data (median) | Raw SQL read (median) | Page / raw |", "|---|--:|--:|--:|--:|",
        string.Join('\n', rows), "",
        string.Create(inv, $"**Slowest: {Ms(worst)} at the median** (goal < 200 ms, rendering not included): {(met ? "met" : "**missed**")}."), "",
        "- **Page data**: a new query session; the point resolved by `IncidentAsOf` (one row for `?version=N`), the stream's state, the whole " +
        "record (`IncidentRecord.LoadAsync`: its streams found in one batched round trip, then their events up to the point in one read, the " +
        "incident's own events taken from it), its history replayed event by event (`IncidentHistory`), the deadline timeline " +
        "(`DeadlineTimeline.Build` over the deadline history kept inline by `DeadlineHistoryProjection`, ADR 40: one document read, cut at the " +
        "version for an as-of point, and one evaluation of the obligations at the instant asked), the facts fold and one sentence per event (`AuditTimeline`).",
        "- **Raw SQL read**: one statement on a pooled connection reading every column of the incident's rows up to the version, nothing " +
        "deserialized.",
        "- **The incident**: `IncidentDetected`, then notes, responder assignments, severity classifications, data categories, encryption and " +
        "affected counts, one a minute of the service clock.", "",
        "Reproduce: `bash build/bench/run.sh pages` (options after the name: `--events N`, `--runs K`).", "",
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
        // A stream written before the deadline history was projected (ADR 40) has no history kept: written again.
        if ((await query.Events.FetchStreamStateAsync(incidentId))?.Version == count && await DeadlineHistory.KeptAsync(query, incidentId, CancellationToken.None) is not null)
        {
            return;
        }
    }

    await store.Advanced.Clean.DeleteAllEventDataAsync();
    await using var session = store.LightweightSession(Tenant);
    session.Events.StartStream<Incident>(incidentId, [.. Events(incidentId, clock.Start)]);
    await session.SaveChangesAsync();
}

IEnumerable<object> Events(Guid id, DateTimeOffset start)
{
    yield return new IncidentDetected(id, "Card skimmer injected into checkout", "shop-bench", IncidentKind.CheckoutSkimmer, start, start,
        "monitoring", "A script on the checkout page sent card fields to an unknown host.", ["payment-card", "contact"]);
    for (var i = 1; i < count; i++)
    {
        yield return (i % 25) switch
        {
            0 => new SeverityClassified(id, (Severity)(i / 25 % 3), $"Reassessed after finding {i}"),
            1 => new ResponderAssigned(id, $"responder-{i % 37}@shop.example", null),
            2 => new DataCategoriesRecorded(id, ["payment-card", "contact", i % 2 == 0 ? "address" : "account"], "Found in the exfiltration log"),
            3 => new EncryptionStatusRecorded(id, i % 2 == 0 ? EncryptionStatus.Unencrypted : EncryptionStatus.EncryptedKeySafe, "Checked the vault"),
            4 => new AffectedCountsRecorded(id, [new AffectedCount("DE", 1_200 + i), new AffectedCount("US-CA", 300 + i)], "scoping", "Orders while live"),
            _ => new NoteAdded(id, $"Note {i}: checked the access log for the skimmer's host; nothing after the plugin was disabled."),
        };
    }
}

async Task<TimeSpan> PageAsync(Point point)
{
    var watch = Stopwatch.StartNew();
    await using var session = store.QuerySession(Tenant);
    var (dossier, problem) = await IncidentDossier.LoadAsync(session, incidentId, null, point.Version, now, CancellationToken.None);
    var elapsed = watch.Elapsed;
    if (problem is not null || dossier!.Incident.Version != point.Expected || dossier.Timeline.Count != point.Expected)
    {
        Console.Error.WriteLine($"{point.Label}: the page read version {dossier?.Incident.Version} with {dossier?.Timeline.Count} sentences ({problem?.Detail}); no report written.");
        Environment.Exit(1);
    }

    return elapsed;
}

async Task<TimeSpan> RawAsync(Point point)
{
    var watch = Stopwatch.StartNew();
    await using var command = raw.CreateCommand(
        $"select {RawEventRows.Columns} from {EventStoreConfiguration.Schema}.mt_events where tenant_id = @tenant and stream_id = @id and version <= @version order by version");
    command.Parameters.AddWithValue("tenant", Tenant);
    command.Parameters.AddWithValue("id", incidentId);
    command.Parameters.AddWithValue("version", point.Expected);
    var rows = await RawEventRows.ReadAllAsync(command);

    return rows == point.Expected ? watch.Elapsed : throw new InvalidOperationException($"raw read saw {rows} rows, expected {point.Expected}");
}

static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("0.0 ms", CultureInfo.InvariantCulture);

internal sealed record Point(string Label, long? Version, long Expected)
{
    public List<TimeSpan> Pages { get; } = [];
    public List<TimeSpan> Raws { get; } = [];
}

internal sealed record Options(int Events, int Runs, string? Output)
{
    public const string Usage = """
        Usage: dotnet run -c Release --project build/bench/PagesBenchmark -- [options]
          --events N       events in the incident's stream (default 1000)
          --runs K         measured runs per side and point after 3 warm-ups (default 21)
          --output FILE    write the results into FILE's section "Pages: incident page data vs raw SQL read"
        """;

    public static Options Parse(OptionReader args)
    {
        var options = new Options(1_000, 21, null);
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
