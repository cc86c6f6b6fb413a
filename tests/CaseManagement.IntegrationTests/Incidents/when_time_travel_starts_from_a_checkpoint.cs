using System.Text.Json;
using CaseManagement.Incidents;
using CaseManagement.Incidents.Reviewing;
using CaseManagement.Infrastructure;
using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Obligations.Facts;
using CaseManagement.Rules.Catalogue;
using CaseManagement.Scoping;
using FluentAssertions;
using JasperFx;
using JasperFx.Events;
using Marten;

namespace CaseManagement.IntegrationTests.Incidents;

/// <summary>
/// Checkpoints (ADR 31) are a shortcut: the incident read from the newest checkpoint before a point must be exactly the
/// incident Marten's live aggregation folds from the detection, at every version and every instant, also where a node's
/// clock ran behind so that recording times do not rise with the versions. The store is the service's own mapping on a
/// database of its own; the checkpoints are built by the async daemon, as in the service.
/// </summary>
public sealed class when_time_travel_starts_from_a_checkpoint : IAsyncLifetime
{
    private const string Tenant = "checkpoints";
    private const int Events = 2_650;
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly SetClock _clock = new();
    private DocumentStore _store = null!;
    private readonly Guid _id = Guid.CreateVersion7();
    private readonly List<IEvent> _written = [];

    public async Task InitializeAsync()
    {
        var connection = await TestHosts.EnsureDatabaseAsync("casemanagement_checkpoint_tests");
        _store = new DocumentStore(EventStoreConfiguration.Options(connection, _clock, AutoCreate.CreateOrUpdate));
        await _store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await _store.Advanced.Clean.DeleteAllEventDataAsync();
        await _store.Advanced.Clean.DeleteDocumentsByTypeAsync(typeof(IncidentCheckpoint));
        await WriteIncidentAsync();
        using var daemon = await _store.BuildProjectionDaemonAsync();
        await daemon.RebuildProjectionAsync<IncidentCheckpointProjection>(CancellationToken.None);
        await using var query = _store.QuerySession(Tenant);
        _written.AddRange(await query.Events.FetchStreamAsync(_id));
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task a_checkpoint_is_kept_every_thousand_versions_with_the_latest_recording_time_it_folded()
    {
        await using var query = _store.QuerySession(Tenant);

        var checkpoints = await query.Query<IncidentCheckpoint>().Where(c => c.IncidentId == _id).OrderBy(c => c.Version).ToListAsync();

        checkpoints.Select(c => c.Version).Should().Equal([1_000L, 2_000L], "the stream has {0} events and one checkpoint is kept per thousand", Events);
        checkpoints[0].RecordedUpTo.Should().Be(_written.Take(1_000).Max(e => e.Timestamp),
            "the batch holding version 1,000 was recorded by a clock running behind, so the checkpoint holds events recorded later than its last");
        checkpoints[0].RecordedUpTo.Should().BeAfter(_written[999].Timestamp, "the test must exercise a clock that ran behind at the checkpoint");
    }

    [Fact]
    public async Task at_every_version_the_incident_is_the_full_fold()
    {
        await using var query = _store.QuerySession(Tenant);
        foreach (var version in Versions())
        {
            var full = await query.Events.AggregateStreamAsync<Incident>(_id, version: version);
            var fromCheckpoint = await IncidentTimeTravel.AtVersionAsync(query, _id, version, CancellationToken.None);

            Json(fromCheckpoint).Should().Be(Json(full), "the incident at version {0} must not depend on where the fold started", version);
        }
    }

    [Fact]
    public async Task at_every_instant_the_incident_is_the_full_fold()
    {
        await using var query = _store.QuerySession(Tenant);
        foreach (var instant in Instants())
        {
            var full = await query.Events.AggregateStreamAsync<Incident>(_id, timestamp: instant);
            var fromCheckpoint = await IncidentTimeTravel.AtInstantAsync(query, _id, instant, CancellationToken.None);

            Json(fromCheckpoint).Should().Be(Json(full), "the incident as of {0:O} must not depend on where the fold started", instant);
        }
    }

    [Fact]
    public async Task a_version_beyond_the_stream_is_none_even_from_its_last_checkpoint()
    {
        await using var query = _store.QuerySession(Tenant);

        (await IncidentTimeTravel.AtVersionAsync(query, _id, Events + 1, CancellationToken.None)).Should().BeNull("version {0} was never written", Events + 1);
        (await IncidentTimeTravel.AtInstantAsync(query, _id, Start.AddDays(-1), CancellationToken.None)).Should().BeNull("nothing was recorded before the detection");
    }

    // Around each checkpoint, the last versions, and a spread in between.
    private static IEnumerable<long> Versions() =>
        new[] { 1L, 2L, Events - 1L, Events }
            .Concat(Enumerable.Range(990, 20).Select(v => (long)v))
            .Concat(Enumerable.Range(1_990, 20).Select(v => (long)v))
            .Concat(Enumerable.Range(0, 40).Select(i => 1L + (i * 677L % Events)))
            .Distinct();

    // Each distinct recording time, a tick before and after it, and instants before the first and after the last event.
    private IEnumerable<DateTimeOffset> Instants() =>
        _written.Select(e => e.Timestamp).Distinct()
            .SelectMany(t => new[] { t.AddTicks(-1), t, t.AddTicks(1) })
            .Append(Start.AddMinutes(-1))
            .Append(_written.Max(e => e.Timestamp).AddDays(1))
            .Distinct();

    private static string Json(Incident? incident) => JsonSerializer.Serialize(incident);

    // Commands append a few events at one recording time; the clock steps a minute per command, except that the command
    // holding version 1,000 runs on a node whose clock is half an hour behind (recording times then fall back).
    private async Task WriteIncidentAsync()
    {
        var version = 0;
        var batch = 0;
        while (version < Events)
        {
            var size = Math.Min(Events - version, 1 + batch % 37);
            var holdsCheckpoint = version < 1_000 && version + size >= 1_000;
            _clock.Now = Start.AddMinutes(batch) - (holdsCheckpoint ? TimeSpan.FromMinutes(30) : TimeSpan.Zero);
            await using var session = _store.LightweightSession(Tenant);
            var events = Enumerable.Range(version + 1, size).Select(Event).ToArray();
            if (version == 0)
            {
                session.Events.StartStream<Incident>(_id, events);
            }
            else
            {
                session.Events.Append(_id, events);
            }

            await session.SaveChangesAsync();
            version += size;
            batch++;
        }
    }

    // Decisions and facts, with corrections of earlier ones, so each part of the incident changes along the stream.
    private object Event(int version) => version == 1
        ? new IncidentDetected(_id, "Card skimmer in checkout", "checkpoint-shop", IncidentKind.CheckoutSkimmer, Start.AddHours(-3), null,
            "monitoring", "A script sent card fields to an unknown host.", ["payment-card"])
        : (version % 11) switch
        {
            0 => new SeverityClassified(_id, (Severity)(version % 3), $"Reassessed at {version}"),
            1 => new ResponderAssigned(_id, $"responder-{version % 13}@shop.test", null),
            2 => new AwarenessRecorded(_id, Start.AddHours(-2).AddMinutes(version % 50), null),
            3 => new AwarenessCorrected(_id, Start.AddHours(-2), Start.AddHours(-2).AddMinutes(version % 47), $"the log showed an earlier alert ({version})"),
            4 => new ClockInstantRecorded(_id, ClockStart.Discovery, Start.AddHours(-1).AddMinutes(version % 23), null),
            5 => new ClockInstantCorrected(_id, ClockStart.Discovery, Start.AddHours(-1), Start.AddHours(-1).AddMinutes(version % 29), $"corrected at {version}"),
            6 => new DataCategoriesRecorded(_id, ["payment-card", version % 2 == 0 ? "contact" : "address"], "exfiltration log"),
            7 => version % 2 == 0 ? new IncidentClosed(_id, "done") : new IncidentReopened(_id, "more hosts found"),
            8 => new ScopingRunRequested(_id, Guid.CreateVersion7(), "checkpoint-shop", Start, Start.AddDays(1), ["payment-card"]),
            _ => new NoteAdded(_id, $"Note {version}"),
        };

    private sealed class SetClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = Start;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
