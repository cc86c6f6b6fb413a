using System.Diagnostics;
using CaseManagement.Incidents;
using CaseManagement.Obligations.Facts;
using CaseManagement.Rules.Evaluation;
using Marten;
using Npgsql;

namespace IncidentsAtScaleBenchmark;

/// <summary>
/// One organisation's incidents, N of M events each, detected evenly over five years up to <see cref="End"/>; each is closed
/// 30 days after its detection, so the ones detected in the last 30 days are open (the board's rows). Written through
/// Marten's append API, many streams per session, by a few writers at once; a marker table written only when every
/// incident is in decides reuse, and an interrupted seed resumes at the batches that are missing.
/// </summary>
internal sealed class ScaleSeed(IDocumentStore store, NpgsqlDataSource raw, RecordingClock clock, string tenant, int incidents, int events)
{
    private const string Marker = "public.bench_scale_seed";
    private static readonly TimeSpan Span = TimeSpan.FromDays(5 * 365);
    private static readonly TimeSpan OpenFor = TimeSpan.FromDays(30);

    public static readonly DateTimeOffset End = new(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The instant the reads ask at: a day after the last detection.</summary>
    public static DateTimeOffset Now => End.AddDays(1);

    public int Incidents => incidents;
    public int Events => events;

    public static Guid IdOf(int index) => Guid.Parse($"019b0000-0000-7000-8000-{index:D12}");

    public DateTimeOffset DetectedAt(int index) => End - Span + Span * ((index + 1) / (double)incidents);

    public bool IsOpen(int index) => DetectedAt(index) > Now - OpenFor;

    /// <summary>When the incident's events were recorded: all in one session, six hours after the last detection of its batch.</summary>
    public DateTimeOffset RecordedAt(int index) => DetectedAt(BatchEnd(index / BatchSize) - 1).AddHours(6);

    public int BatchSize { get; init; } = 100;

    public int Writers { get; init; } = 2;

    /// <summary>Seeds what is missing; how long the seed took, now or when it was written (kept in the marker).</summary>
    public async Task<SeedTime> EnsureAsync(CancellationToken ct)
    {
        await using (var create = raw.CreateCommand(
                         $"create table if not exists {Marker} (incidents int not null, events int not null, seconds double precision not null, written_at timestamptz not null); " +
                         $"alter table {Marker} add column if not exists resumed boolean not null default false"))
        {
            await create.ExecuteNonQueryAsync(ct);
        }

        await using (var marked = raw.CreateCommand($"select seconds, resumed from {Marker} where incidents = @n and events = @m"))
        {
            marked.Parameters.AddWithValue("n", incidents);
            marked.Parameters.AddWithValue("m", events);
            await using var reader = await marked.ExecuteReaderAsync(ct);
            if (await reader.ReadAsync(ct))
            {
                return new SeedTime(TimeSpan.FromSeconds(reader.GetDouble(0)), Reused: true, Resumed: reader.GetBoolean(1));
            }
        }

        var present = await PresentStreamsAsync(ct);
        var batches = (incidents + BatchSize - 1) / BatchSize;
        var missing = new Queue<int>(Enumerable.Range(0, batches).Where(b => !present.Contains(IdOf(b * BatchSize))));
        var resumedFrom = batches - missing.Count;
        Console.WriteLine($"seeding {incidents:N0} incidents x {events} events in batches of {BatchSize} incidents, {Writers} writers" +
                          (resumedFrom > 0 ? $" (resuming: {resumedFrom:N0} of {batches:N0} batches are in)" : ""));
        var watch = Stopwatch.StartNew();
        var written = 0L;
        var gate = new object();
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                int batch;
                lock (gate)
                {
                    if (missing.Count == 0)
                    {
                        return;
                    }

                    batch = missing.Dequeue();
                }

                await WriteBatchAsync(batch, ct);
                var total = Interlocked.Add(ref written, (long)(BatchEnd(batch) - batch * BatchSize) * events);
                if (total % 200_000 < (long)BatchSize * events)
                {
                    Console.WriteLine($"  {total:N0} events in {watch.Elapsed.TotalSeconds:N0} s ({total / watch.Elapsed.TotalSeconds:N0} events/s)");
                }
            }
        }, ct)));

        // A resumed seed's time is only the last run's share, and the marker says so.
        var seeded = new SeedTime(watch.Elapsed, Reused: false, Resumed: resumedFrom > 0);
        await using (var mark = raw.CreateCommand($"insert into {Marker} (incidents, events, seconds, written_at, resumed) values (@n, @m, @s, now(), @r)"))
        {
            mark.Parameters.AddWithValue("n", incidents);
            mark.Parameters.AddWithValue("m", events);
            mark.Parameters.AddWithValue("s", seeded.Elapsed.TotalSeconds);
            mark.Parameters.AddWithValue("r", seeded.Resumed);
            await mark.ExecuteNonQueryAsync(ct);
        }

        return seeded;
    }

    private int BatchEnd(int batch) => Math.Min(incidents, (batch + 1) * BatchSize);

    private async Task<HashSet<Guid>> PresentStreamsAsync(CancellationToken ct)
    {
        await using var command = raw.CreateCommand($"select id from {CaseManagement.Infrastructure.EventStoreConfiguration.Schema}.mt_streams where tenant_id = @tenant");
        command.Parameters.AddWithValue("tenant", tenant);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var ids = new HashSet<Guid>();
        while (await reader.ReadAsync(ct))
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    private async Task WriteBatchAsync(int batch, CancellationToken ct)
    {
        // The recording instant is per writer (the clock reads an async-local), so writers in parallel do not share one.
        clock.RecordingAt = RecordedAt(batch * BatchSize);
        await using var session = store.LightweightSession(tenant);
        for (var index = batch * BatchSize; index < BatchEnd(batch); index++)
        {
            session.Events.StartStream<Incident>(IdOf(index), [.. EventsOf(index)]);
        }

        await session.SaveChangesAsync(ct);
    }

    /// <summary>An incident's events: detection, awareness, triage, then notes, assignments, severity and facts; the closed ones end contained and closed.</summary>
    public IEnumerable<object> EventsOf(int index)
    {
        var id = IdOf(index);
        var detected = DetectedAt(index);
        var kinds = Enum.GetValues<IncidentKind>();
        yield return new IncidentDetected(id, $"Incident {index}: card skimmer on checkout", $"shop-{index % 7}", kinds[index % kinds.Length], detected, null,
            "monitoring", "A script on the checkout page sent card fields to an unknown host.", ["contact"]);
        yield return new AwarenessRecorded(id, detected.AddHours(2), "Confirmed by the on-call responder");
        var closing = IsOpen(index) ? 0 : 2;
        for (var i = 2; i < events - closing; i++)
        {
            yield return (i % 10) switch
            {
                2 => new SeverityClassified(id, (Severity)((index + i) % 4), $"Assessed after finding {i}"),
                3 or 7 => new ResponderAssigned(id, $"responder-{(index + i) % 41}@shop.example", i == 3 ? "lead" : null),
                4 => new DataCategoriesRecorded(id, ["payment-card", "contact", i % 20 == 4 ? "address" : "account"], "Found in the exfiltration log"),
                5 => new AffectedCountsRecorded(id, [new AffectedCount("DE", 1_200 + i), new AffectedCount("US-CA", 300 + index % 500), new AffectedCount("FR", 90)],
                    "scoping", "Orders placed while the script was live"),
                6 => new EncryptionStatusRecorded(id, i % 20 == 6 ? EncryptionStatus.Unencrypted : EncryptionStatus.EncryptedKeySafe, "Checked the vault"),
                _ => new NoteAdded(id, $"Note {i}: checked the web server's access log for the skimmer's host; requests from {i % 9} more sessions, " +
                                       "none after the plugin was disabled."),
            };
        }

        if (closing > 0)
        {
            yield return new IncidentContained(id, detected.AddDays(3), "Plugin removed, keys rotated");
            yield return new IncidentClosed(id, "Handled; no further action");
        }
    }
}

/// <param name="Reused">Found complete from an earlier run; <paramref name="Elapsed"/> is that run's.</param>
/// <param name="Resumed">The seed was interrupted and finished later; <paramref name="Elapsed"/> is the last part only.</param>
internal sealed record SeedTime(TimeSpan Elapsed, bool Reused, bool Resumed);

/// <summary>The store's clock while seeding: each writer's recording instant (async-local), else the real time.</summary>
internal sealed class RecordingClock : TimeProvider
{
    private readonly AsyncLocal<DateTimeOffset?> _recordingAt = new();

    public DateTimeOffset? RecordingAt
    {
        get => _recordingAt.Value;
        set => _recordingAt.Value = value;
    }

    public override DateTimeOffset GetUtcNow() => _recordingAt.Value ?? System.GetUtcNow();
}
