using System.Globalization;
using System.Security.Cryptography;
using CaseManagement.Audit.Chain;
using CaseManagement.Infrastructure;
using Marten;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace IncidentsAtScaleBenchmark;

/// <summary>
/// With --chains: the organisation's every hash chain verified as the auditor page's "Verify every chain" and
/// <c>verify-chains --org</c> run it, against a raw read of the rows it needs, on a seed whose events were linked as
/// the service links them (the chain-linking listener in the append transaction, ADR 21).
/// </summary>
internal static class ChainRead
{
    public const string Title = "## Incidents at scale: every chain of an organisation verified vs raw SQL";

    public static void Link(StoreOptions options) => options.Listeners.Add(new ChainLinker(NullLogger<ChainLinker>.Instance));

    public static Read Create(IDocumentStore store, NpgsqlDataSource raw, string tenant, CancellationToken ct)
    {
        // No checkpoint is signed in the seed, so the key only has to be well-formed.
        var checkpoints = new ChainCheckpointing(store, new ChainCheckpointSigner(RandomNumberGenerator.GetBytes(ChainCheckpointSigner.KeyBytes)), TimeProvider.System,
            NullLogger<ChainCheckpointing>.Instance);
        var verifier = new ChainVerifier(checkpoints);
        var schema = EventStoreConfiguration.Schema;
        return new Read("Verify every chain of the organisation (`/audit?handler=verify`, `verify-chains --org`)", async () =>
        {
            await using var session = store.QuerySession(tenant);
            var result = await verifier.VerifyOrganisationAsync(session, ct);
            return result.Intact
                ? result.Streams.Sum(s => s.EventsChecked)
                : throw new InvalidOperationException($"the seed's chains do not verify: {result.Streams.Count(s => !s.Intact)} streams broken");
        }, async () =>
        {
            // What the check must read, every column, nothing deserialized or hashed: the events in stream order, the links, the heads.
            var events = await RowsAsync(raw, tenant, "select e.seq_id, e.stream_id, e.version, e.type, e.timestamp, e.tenant_id, e.user_name, e.correlation_id, " +
                                                      $"e.causation_id, e.headers::text, e.data::text from {schema}.mt_events e where tenant_id = @tenant order by stream_id, version, seq_id", ct);
            await RowsAsync(raw, tenant, $"select id, data from {schema}.mt_doc_chainlink where tenant_id = @tenant", ct);
            await RowsAsync(raw, tenant, $"select id, data from {schema}.mt_doc_chainhead where tenant_id = @tenant", ct);
            return events;
        });
    }

    public static async Task<long> StreamsAsync(NpgsqlDataSource raw, string tenant, CancellationToken ct)
    {
        await using var command = raw.CreateCommand($"select count(distinct stream_id) from {EventStoreConfiguration.Schema}.mt_events where tenant_id = @tenant");
        command.Parameters.AddWithValue("tenant", tenant);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    private static async Task<long> RowsAsync(NpgsqlDataSource raw, string tenant, string sql, CancellationToken ct)
    {
        await using var command = raw.CreateCommand(sql);
        command.Parameters.AddWithValue("tenant", tenant);
        return await RawEventRows.ReadAllAsync(command);
    }

    public static void Write(string path, HostMachine machine, string loadBefore, string loadAfter, Options o, long totalEvents, long streams, SeedTime seed, Read read)
    {
        var inv = CultureInfo.InvariantCulture;
        var service = Median.Of(read.ServiceRuns);
        var rawTime = Median.Of(read.RawRuns);
        var busy = machine.BusyWarning(loadBefore, loadAfter) is { } warning ? $"\n\n{warning}" : "";
        var seedLine = seed.Resumed
            ? string.Create(inv, $"Seeding was interrupted and resumed; its last part took {Figures.Seconds(seed.Elapsed)}, so no rate is stated.")
            : string.Create(inv, $"Seeding with every event linked took {Figures.Seconds(seed.Elapsed)}{(seed.Reused ? " (in the earlier run that wrote it; reused here)" : "")}: " +
                                 $"{totalEvents / seed.Elapsed.TotalSeconds:N0} events/s.");
        var md = string.Join('\n',
            Title, "",
            string.Create(inv, $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: one organisation of {o.Incidents:N0} incidents of {o.Events} events ({totalEvents:N0} events in {streams:N0} streams), " +
                               $"every event linked as the service links it. Medians of {o.Runs} runs per side after 3 warm-ups, interleaved, the order swapped every run.{busy}"), "",
            seedLine, "",
            "| Read | Events | Service (median) | Raw SQL (median) | Service / raw | Events/s verified |",
            "|---|--:|--:|--:|--:|--:|",
            string.Create(inv, $"| {read.Label} | {read.ServiceRows[0]:N0} | {Figures.Seconds(service)} | {Figures.Seconds(rawTime)} | {service / rawTime:0.0}× | {read.ServiceRows[0] / service.TotalSeconds:N0} |"), "",
            "- **Service**: `ChainVerifier.VerifyOrganisationAsync` (what the auditor page's \"Verify every chain\" and `build/verify-chains.sh --org` run): " +
            "one repeatable-read snapshot; the organisation's stream ids, then 500 streams at a time their events, links and heads, each stream's chain " +
            "recomputed from the stored bytes (canonical form, SHA-256) and compared with its links, head and the newest valid checkpoint (none here).",
            "- **Raw**: the same rows in three statements, every column read, nothing deserialized or hashed: the organisation's events in stream and " +
            "version order, its `ChainLink` documents, its `ChainHead` documents.", "",
            "Reproduce: `bash build/bench/run.sh scale --chains --incidents N --events M` (its own database, `casemanagement_bench_scale_<N>x<M>_linked`, " +
            "seeded through the same append path with the chain-linking listener; an interrupted seed resumes).", "",
            "Machine:", "",
            string.Join('\n', machine.MarkdownLines()),
            $"- PostgreSQL on 127.0.0.1 on the same machine, sharing its {machine.Cores} cores; load average (1, 5, 15 min) {loadBefore} before and {loadAfter} after.");
        MarkdownSection.Write(path, Title, md);
    }
}
