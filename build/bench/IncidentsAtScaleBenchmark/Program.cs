using System.Diagnostics;
using System.Globalization;
using CaseManagement.Incidents.Listing;
using CaseManagement.Incidents.Reviewing;
using CaseManagement.Infrastructure;
using CaseManagement.Obligations.Timeline;
using IncidentsAtScaleBenchmark;
using JasperFx;
using JasperFx.Events.Projections;
using Marten;
using Npgsql;

// Issue 19's benchmark, incidents at scale: one organisation with N incidents of M events; the incident list, the deadline
// board and an as-of read, each against a raw SQL read of the same rows, and the async daemon rebuilding every async
// projection from scratch against a raw sequential read of mt_events, all in one process run. See docs/benchmarks.md.
const string Title = "## Incidents at scale: list, board, as-of and daemon rebuild vs raw SQL";
const string Tenant = "bench-scale";
if (!OptionReader.TryParse(args, Options.Parse, Options.Usage, out var options))
{
    return 2;
}

var ct = OptionReader.CancelOnCtrlC();
var machine = HostMachine.Read();
var loadBefore = HostMachine.LoadAverageNow();
var connection = await BenchDatabase.EnsureAsync($"casemanagement_bench_scale_{options.Incidents}x{options.Events}{(options.Chains ? "_linked" : "")}");
var clock = new RecordingClock();
var storeOptions = EventStoreConfiguration.Options(connection, clock, AutoCreate.CreateOrUpdate);
if (options.Chains)
{
    ChainRead.Link(storeOptions);
}

await using var store = new DocumentStore(storeOptions);
await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
await using var raw = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connection) { CommandTimeout = 0 }.ConnectionString);
var schema = EventStoreConfiguration.Schema;

var seed = new ScaleSeed(store, raw, clock, Tenant, options.Incidents, options.Events) { BatchSize = options.Batch, Writers = options.Writers };
var seedTime = await seed.EnsureAsync(ct);
var totalEvents = await ScalarAsync($"select count(*) from {schema}.mt_events");
Console.WriteLine($"{(seedTime.Reused ? "reusing the seed of" : "seeded")} {totalEvents:N0} events in {seedTime.Elapsed.TotalSeconds:N0} s" +
                  (seedTime.Resumed ? " (the last, resumed part)" : $": {totalEvents / seedTime.Elapsed.TotalSeconds:N0} events/s"));

// The raw sequential read of every event, then the daemon rebuilding each async projection from scratch in turn: one
// pass each, as a rebuild is run (at full size one pass takes long; the report says it is one).
var rebuilds = new List<(string Name, TimeSpan Elapsed)>();
TimeSpan? rawScan = null;
if (!options.SkipRebuild && !options.Chains)
{
    rawScan = await RawScanAsync();
    Console.WriteLine($"raw sequential read of mt_events: {rawScan.Value.TotalSeconds:N1} s, {totalEvents / rawScan.Value.TotalSeconds:N0} events/s");
    using var daemon = await store.BuildProjectionDaemonAsync();
    var names = store.Options.Projections.All.Where(p => p.Lifecycle == ProjectionLifecycle.Async).Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
    if (options.Rebuild is { } only && !names.Contains(only))
    {
        Console.Error.WriteLine($"No async projection is named '{only}'; they are: {string.Join(", ", names)}");
        return 2;
    }

    foreach (var name in names.Where(n => options.Rebuild is null || n == options.Rebuild))
    {
        var watch = Stopwatch.StartNew();
        await daemon.RebuildProjectionAsync(name, TimeSpan.FromHours(2), ct);
        rebuilds.Add((name, watch.Elapsed));
        Console.WriteLine($"rebuilt {name} in {watch.Elapsed.TotalSeconds:N1} s: {totalEvents / watch.Elapsed.TotalSeconds:N0} events/s");
    }
}

var now = ScaleSeed.Now;
var openIncidents = Enumerable.Range(0, options.Incidents).Count(seed.IsOpen);
var probe = options.Incidents / 2;
var probeId = ScaleSeed.IdOf(probe);
var halfway = options.Events / 2;
var boardTotal = -1L;
Read[] reads = options.Chains
    ? [ChainRead.Create(store, raw, Tenant, ct)]
    :
    [
        new("Incident list, page 1 of 50 (`GET /api/incidents`)", ListAsync, RawListAsync),
        new("Deadline board, next 72 hours, page 1 of 50 incidents (`/deadlines`)", BoardAsync, RawBoardAsync),
        new("Deadline board, next 72 hours, one jurisdiction, page 1 (`/deadlines?jurisdiction=EU`)", BoardOfOneJurisdictionAsync, RawBoardOfOneJurisdictionAsync),
        new($"One incident as of version {halfway} (`?version={halfway}`)", AsOfVersionAsync, RawAsOfVersionAsync),
        new($"One incident as of its recording instant (`?asOf=`, all {options.Events} events)", AsOfInstantAsync, RawAsOfInstantAsync),
    ];
foreach (var read in reads)
{
    for (var warmUp = 0; warmUp < 3; warmUp++)
    {
        await read.Service();
        await read.Raw();
    }

    for (var run = 1; run <= options.Runs; run++)
    {
        foreach (var service in run % 2 == 1 ? new[] { false, true } : [true, false])
        {
            var watch = Stopwatch.StartNew();
            var rows = await (service ? read.Service() : read.Raw());
            (service ? read.ServiceRuns : read.RawRuns).Add(watch.Elapsed);
            (service ? read.ServiceRows : read.RawRows).Add(rows);
        }
    }

    if (read.ServiceRows.Distinct().Count() != 1 || read.RawRows.Distinct().Count() != 1 || read.ServiceRows[0] != read.RawRows[0])
    {
        Console.Error.WriteLine($"{read.Label}: the service read {read.ServiceRows[0]} rows, the raw read {read.RawRows[0]}; no report written.");
        return 1;
    }

    Console.WriteLine($"  {read.Label}: {read.ServiceRows[0]:N0} rows, service {Ms(Median.Of(read.ServiceRuns))}, raw {Ms(Median.Of(read.RawRuns))}");
}

if (options.Output is not null)
{
    var loadAfter = HostMachine.LoadAverageNow();
    if (options.Chains)
    {
        ChainRead.Write(options.Output, machine, loadBefore, loadAfter, options, totalEvents, await ChainRead.StreamsAsync(raw, Tenant, ct), seedTime, reads[0]);
    }
    else
    {
        Report.Write(options.Output, Title, new Report.Results(machine, loadBefore, loadAfter, options, totalEvents, seedTime, openIncidents, reads, rebuilds, rawScan));
    }
}

return 0;

async Task<long> ListAsync()
{
    await using var session = store.QuerySession(Tenant);
    var page = await new IncidentListQuery(null, null, null, null, null).RunAsync(session, now, ct);
    return page.TotalItems == options.Incidents ? page.Items.Count : throw new InvalidOperationException($"the list counted {page.TotalItems} incidents");
}

// The list's page as hand-written statements on the same indexed expression: the newest 50 by detection (id breaks
// ties), every column read, then the organisation's total.
async Task<long> RawListAsync()
{
    var rows = await RawRowsAsync(
        $"select id, data from {schema}.mt_doc_incidentsummary where tenant_id = @tenant " +
        $"order by {schema}.mt_immutable_timestamptz(data ->> 'detectedAt') desc, id limit 50");
    var total = await ScalarAsync($"select count(*) from {schema}.mt_doc_incidentsummary where tenant_id = @tenant", ("tenant", Tenant));
    return total == options.Incidents ? rows : throw new InvalidOperationException($"the raw count saw {total} incidents");
}

async Task<long> BoardAsync()
{
    await using var session = store.QuerySession(Tenant);
    var board = await DeadlineBoardEndpoint.Get(72, null, null, null, null, session, now, ct);
    boardTotal = board.TotalIncidents;
    return board.Items.Select(i => i.IncidentId).Distinct().Count();
}

// The board's page as hand-written statements on the same indexed expression: the 50 open incidents with the earliest
// next duty within the window (id breaks ties), every column read, then how many there are in all.
async Task<long> RawBoardAsync()
{
    const string window = "tenant_id = @tenant and (data ->> 'closed')::boolean = false and ";
    var due = $"{schema}.mt_immutable_timestamptz(data ->> 'nextDueAt')";
    var rows = await RawRowsAsync($"select id, data from {schema}.mt_doc_deadlineboardentry where {window}{due} <= @until order by {due}, id limit 50",
        ("until", now.AddHours(72)));
    var total = await ScalarAsync($"select count(*) from {schema}.mt_doc_deadlineboardentry where {window}{due} <= @until",
        ("tenant", Tenant), ("until", now.AddHours(72)));
    return total == boardTotal ? rows : throw new InvalidOperationException($"the raw count saw {total} incidents on the board, the service {boardTotal}");
}

// Filtered to a jurisdiction, the board reads every open incident's row in the window before it pages (an incident's next
// duty may be another jurisdiction's). Rows: the incidents on the board in all, which is every row read while each open
// incident of the seed has an EU duty due (its people in Germany); the benchmark refuses to report if that stops holding.
async Task<long> BoardOfOneJurisdictionAsync()
{
    await using var session = store.QuerySession(Tenant);
    return (await DeadlineBoardEndpoint.Get(72, null, "EU", null, null, session, now, ct)).TotalIncidents;
}

async Task<long> RawBoardOfOneJurisdictionAsync() => await RawRowsAsync(
    $"select id, data from {schema}.mt_doc_deadlineboardentry where tenant_id = @tenant and (data ->> 'closed')::boolean = false " +
    $"and {schema}.mt_immutable_timestamptz(data ->> 'nextDueAt') <= @until", ("until", now.AddHours(72)));

async Task<long> AsOfVersionAsync()
{
    await using var session = store.QuerySession(Tenant);
    return (await IncidentTimeTravel.AtVersionAsync(session, probeId, halfway, ct))?.Version ?? 0;
}

async Task<long> RawAsOfVersionAsync() => await RawRowsAsync(
    $"select {RawEventRows.Columns} from {schema}.mt_events where tenant_id = @tenant and stream_id = @id and version <= @version order by version",
    ("id", probeId), ("version", (long)halfway));

async Task<long> AsOfInstantAsync()
{
    await using var session = store.QuerySession(Tenant);
    return (await IncidentTimeTravel.AtInstantAsync(session, probeId, seed.RecordedAt(probe), ct))?.Version ?? 0;
}

async Task<long> RawAsOfInstantAsync() => await RawRowsAsync(
    $"select {RawEventRows.Columns} from {schema}.mt_events where tenant_id = @tenant and stream_id = @id and timestamp <= @asOf order by version",
    ("id", probeId), ("asOf", seed.RecordedAt(probe)));

async Task<long> RawRowsAsync(string sql, params (string Name, object Value)[] parameters)
{
    await using var command = raw.CreateCommand(sql);
    command.Parameters.AddWithValue("tenant", Tenant);
    foreach (var (name, value) in parameters)
    {
        command.Parameters.AddWithValue(name, value);
    }

    return await RawEventRows.ReadAllAsync(command);
}

async Task<TimeSpan> RawScanAsync()
{
    var watch = Stopwatch.StartNew();
    await using var command = raw.CreateCommand($"select {RawEventRows.Columns} from {schema}.mt_events order by seq_id");
    var rows = await RawEventRows.ReadAllAsync(command);
    return rows == totalEvents ? watch.Elapsed : throw new InvalidOperationException($"the raw read saw {rows} events, expected {totalEvents}");
}

async Task<long> ScalarAsync(string sql, params (string Name, object Value)[] parameters)
{
    await using var command = raw.CreateCommand(sql);
    foreach (var (name, value) in parameters)
    {
        command.Parameters.AddWithValue(name, value);
    }

    return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
}

static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("0.0 ms", CultureInfo.InvariantCulture);
