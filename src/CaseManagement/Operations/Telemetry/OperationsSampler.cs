using System.Diagnostics.Metrics;
using CaseManagement.Feed.Subscribing;
using CaseManagement.Infrastructure;
using CaseManagement.Obligations.Timeline;
using Marten;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CaseManagement.Operations.Telemetry;

/// <summary>
/// Reads what the whole cluster shares from PostgreSQL every few seconds (daemon progress, unmet deadlines per organisation,
/// dead letters, live nodes and their agents) and serves it as gauges. Every node reports the same numbers, so dashboards
/// and alerts take <c>max</c> over instances (docs/metrics.md). A failed read keeps the last numbers and is logged.
/// </summary>
public sealed class OperationsSampler : BackgroundService
{
    private const string WolverineSchema = "wolverine";

    /// <summary>The deadline board counts a deadline as due when it falls within this long from now.</summary>
    public static readonly TimeSpan DueWithin = TimeSpan.FromHours(24);

    private readonly IDocumentStore _store;
    private readonly TimeProvider _clock;
    private readonly TelemetryOptions _options;
    private readonly ILogger<OperationsSampler> _logger;
    private readonly HashSet<string> _organisationsSeen = new(StringComparer.Ordinal);
    private volatile Snapshot _latest = Snapshot.Empty;

    public OperationsSampler(IDocumentStore store, TimeProvider clock, IOptions<TelemetryOptions> options, ILogger<OperationsSampler> logger)
    {
        (_store, _clock, _options, _logger) = (store, clock, options.Value, logger);
        var meter = CaseManagementMetrics.Meter;
        meter.CreateObservableGauge("casemanagement.daemon.high_water_mark", () => new Measurement<long>(_latest.HighWaterMark), "{event}",
            "The highest event sequence the async daemon may process (no gaps below it)");
        meter.CreateObservableGauge("casemanagement.events.head", () => new Measurement<long>(_latest.EventsHead), "{event}",
            "The highest event sequence handed out");
        meter.CreateObservableGauge("casemanagement.daemon.position", () => _latest.Shards.Select(s => Tagged(s.Position, "shard", s.Name)), "{event}",
            "The last event each async projection or subscription has processed");
        meter.CreateObservableGauge("casemanagement.daemon.lag", () => _latest.Shards.Select(s => Tagged(s.Lag, "shard", s.Name)), "{event}",
            "Events between the high water mark and each projection or subscription");
        meter.CreateObservableGauge("casemanagement.deadlines.due", () => _latest.Deadlines.Select(d => Tagged(d.Due, "organisation", d.Organisation)),
            "{deadline}", "Unmet obligation deadlines of open incidents due within 24 hours, per organisation");
        meter.CreateObservableGauge("casemanagement.deadlines.overdue", () => _latest.Deadlines.Select(d => Tagged(d.Overdue, "organisation", d.Organisation)),
            "{deadline}", "Unmet obligation deadlines of open incidents already past, per organisation");
        meter.CreateObservableGauge("casemanagement.dead_letters", () => new Measurement<long>(_latest.DeadLetters.Sum(d => d.Count)), "{message}",
            "Messages Wolverine gave up on (replay them or discard them); zero when there are none, so an alert has a series to watch");
        meter.CreateObservableGauge("casemanagement.dead_letters.by_type", () => _latest.DeadLetters.Select(d => Tagged(d.Count, "message_type", d.MessageType)),
            "{message}", "Messages Wolverine gave up on, by message type");
        meter.CreateObservableGauge("casemanagement.feed.subscriptions", () => _latest.Subscriptions.Select(s => Tagged(s.Count, "status", s.Status)),
            "{subscription}", "Integrator feed subscriptions by status (dead-lettered ones wait for their integrator)");
        meter.CreateObservableGauge("casemanagement.cluster.nodes", () => new Measurement<long>(_latest.Nodes), "{node}",
            "Service nodes registered with Wolverine on this database");
        meter.CreateObservableGauge("casemanagement.cluster.agents", () => _latest.Agents.Select(a => Tagged(a.Count, "node", a.Node)), "{agent}",
            "Agents (projections, subscriptions, durability) each node runs, by node number");
        meter.CreateObservableGauge("casemanagement.sampler.age", () => new Measurement<double>(_latest.TakenAt is { } at ? (_clock.GetUtcNow() - at).TotalSeconds : -1),
            "s", "Seconds since these gauges were last read from PostgreSQL (-1: never)");
    }

    /// <summary>The numbers last read.</summary>
    public Snapshot Latest => _latest;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.SampleInterval, _clock);
        var failing = false;
        do
        {
            try
            {
                _latest = await SampleAsync(stoppingToken);
                failing = false;
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException && !stoppingToken.IsCancellationRequested)
            {
                // The schema may not exist yet on a first start; one warning per streak, the gauges keep their last numbers.
                if (!failing)
                {
                    _logger.LogWarning("Reading the operations gauges failed ({Error}); keeping the last numbers", ex.Message);
                }

                failing = true;
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<Snapshot> SampleAsync(CancellationToken ct)
    {
        using var activity = CaseManagementMetrics.ActivitySource.StartActivity("casemanagement.sample-gauges");
        var schema = EventStoreConfiguration.Schema;
        var board = _store.Options.Schema.For<DeadlineBoardEntry>();
        var subscriptions = _store.Options.Schema.For<FeedSubscription>();
        var now = _clock.GetUtcNow();
        await using var connection = _store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);

        var progress = await ReadAsync(connection, $"select name, last_seq_id from {schema}.mt_event_progression", r => (r.GetString(0), r.GetInt64(1)), ct);
        var highWaterMark = progress.FirstOrDefault(p => p.Item1 == "HighWaterMark").Item2;
        // Marten keeps its own bookkeeping rows (the high water mark, its allocation fence) beside the shards' "Name:All" rows.
        var shards = progress.Where(p => !p.Item1.StartsWith("HighWater", StringComparison.Ordinal)).OrderBy(p => p.Item1, StringComparer.Ordinal)
            .Select(p => new Shard(p.Item1, p.Item2, Math.Max(0, highWaterMark - p.Item2))).ToList();
        var head = (await ReadAsync(connection, $"select last_value from {schema}.mt_events_sequence", r => r.GetInt64(0), ct)).Single();

        // Only board rows whose next deadline falls within the window: the rest cannot add to either count. Internal targets
        // (our own goals for duties ordered before a notice) are never counted as due or overdue.
        var deadlines = await ReadAsync(connection, $"""
            select b.tenant_id,
                   count(*) filter (where (d ->> 'dueAt')::timestamptz < @now),
                   count(*) filter (where (d ->> 'dueAt')::timestamptz >= @now)
            from {board} b cross join lateral jsonb_array_elements(b.data -> 'open') d
            where not coalesce((b.data ->> 'closed')::boolean, false)
              and (b.data ->> 'nextDueAt') is not null and (b.data ->> 'nextDueAt')::timestamptz < @until
              and (d ->> 'dueAt')::timestamptz < @until
              and coalesce(d ->> 'basis', 'deadline') = 'deadline'
            group by b.tenant_id
            """, r => new DeadlineCount(r.GetString(0), r.GetInt64(2), r.GetInt64(1)), ct, ("now", now), ("until", now + DueWithin));
        // An organisation whose deadlines were all met reports zeros, so an alert on it resolves instead of going stale.
        _organisationsSeen.UnionWith(deadlines.Select(d => d.Organisation));
        deadlines.AddRange(_organisationsSeen.Except(deadlines.Select(d => d.Organisation)).Select(o => new DeadlineCount(o, 0, 0)));

        var deadLetters = await ReadAsync(connection, $"select message_type, count(*) from {WolverineSchema}.wolverine_dead_letters group by message_type",
            r => new DeadLetterCount(r.GetString(0), r.GetInt64(1)), ct);
        var feed = await ReadAsync(connection, $"select data ->> 'status', count(*) from {subscriptions} group by 1",
            r => new SubscriptionCount(Enum.TryParse<FeedSubscriptionStatus>(r.IsDBNull(0) ? "" : r.GetString(0), out var status) ? ApiJson.WireName(status) : "unknown", r.GetInt64(1)), ct);
        var nodes = (await ReadAsync(connection, $"select count(*) from {WolverineSchema}.wolverine_nodes", r => r.GetInt64(0), ct)).Single();
        var agents = await ReadAsync(connection, $"""
            select n.node_number::text, count(a.id) from {WolverineSchema}.wolverine_nodes n
            left join {WolverineSchema}.wolverine_node_assignments a on a.node_id = n.id group by n.node_number
            """, r => new AgentCount(r.GetString(0), r.GetInt64(1)), ct);

        return new Snapshot(now, highWaterMark, head, shards, [.. deadlines.OrderBy(d => d.Organisation, StringComparer.Ordinal)], deadLetters, feed, nodes, agents);
    }

    private static async Task<List<T>> ReadAsync<T>(NpgsqlConnection connection, string sql, Func<NpgsqlDataReader, T> row, CancellationToken ct,
        params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(row(reader));
        }

        return rows;
    }

    private static Measurement<long> Tagged(long value, string tag, string tagValue) => new(value, new KeyValuePair<string, object?>(tag, tagValue));

    public sealed record Shard(string Name, long Position, long Lag);

    public sealed record DeadlineCount(string Organisation, long Due, long Overdue);

    public sealed record DeadLetterCount(string MessageType, long Count);

    public sealed record SubscriptionCount(string Status, long Count);

    public sealed record AgentCount(string Node, long Count);

    public sealed record Snapshot(
        DateTimeOffset? TakenAt,
        long HighWaterMark,
        long EventsHead,
        IReadOnlyList<Shard> Shards,
        IReadOnlyList<DeadlineCount> Deadlines,
        IReadOnlyList<DeadLetterCount> DeadLetters,
        IReadOnlyList<SubscriptionCount> Subscriptions,
        long Nodes,
        IReadOnlyList<AgentCount> Agents)
    {
        public static readonly Snapshot Empty = new(null, 0, 0, [], [], [], [], 0, []);
    }
}
