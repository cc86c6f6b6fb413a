using CaseManagement.Incidents;
using CaseManagement.Incidents.Awareness;
using CaseManagement.Infrastructure;
using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Readiness.Metrics;
using FluentAssertions;
using JasperFx;
using JasperFx.Events.Aggregation;
using Marten;

namespace CaseManagement.IntegrationTests.Readiness;

/// <summary>
/// A metric added later covers past incidents (issue 18, ADR 24): incidents whose events were stored while the measures
/// projection never ran (as when a measure or the projection itself ships after them) are measured once Marten's async
/// daemon rebuilds it, by the name an operator gives the rebuild command, and every document equals a fresh fold of the
/// stored history. The store is the service's own mapping on a database of its own, so the rebuild touches no other test's
/// data.
/// </summary>
public sealed class when_a_measure_is_added_after_the_incidents : IAsyncLifetime
{
    private const string Tenant = "measures-rebuild";
    private static readonly DateTimeOffset From = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly RecordingClock _clock = new();
    private readonly Guid _restated = Guid.CreateVersion7();
    private readonly Guid _withoutStart = Guid.CreateVersion7();
    private readonly Guid _falseAlarm = Guid.CreateVersion7();
    private DocumentStore _store = null!;

    public async Task InitializeAsync()
    {
        var connection = await TestHosts.EnsureDatabaseAsync("casemanagement_measures_rebuild_tests");
        _store = new DocumentStore(EventStoreConfiguration.Options(connection, _clock, AutoCreate.CreateOrUpdate));
        await _store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await _store.Advanced.Clean.DeleteAllEventDataAsync();
        await _store.Advanced.Clean.DeleteDocumentsByTypeAsync(typeof(IncidentMeasures));

        // Began 72 h before detection as last restated, contained 3 h and notified 24 h after it (no awareness recorded).
        await RecordAsync(_restated, At(20, 8), Detected(_restated, At(20, 8)));
        await RecordAsync(_restated, At(20, 9), new BreachStartRecorded(_restated, At(18, 8), "first order with a skimmed card"));
        await RecordAsync(_restated, At(20, 12), new IncidentContained(_restated, At(20, 11), "script removed"),
            new BreachStartRecorded(_restated, At(17, 8), "theme file changed then (host log)", At(18, 8)));
        await RecordAsync(_restated, At(21, 9), new IncidentNotified(_restated, At(21, 8), ["regulator"], "SA notified"));
        // Nobody said when this breach began; contained 24 h after detection.
        await RecordAsync(_withoutStart, At(22, 10), Detected(_withoutStart, At(22, 10)));
        await RecordAsync(_withoutStart, At(23, 11), new IncidentContained(_withoutStart, At(23, 10), "plugin removed"));
        // Contained within the hour and then found to be nothing: counted apart, never in a duration.
        await RecordAsync(_falseAlarm, At(24, 10), Detected(_falseAlarm, At(24, 10)));
        await RecordAsync(_falseAlarm, At(24, 11), new IncidentContained(_falseAlarm, At(24, 10).AddMinutes(30), "blocked the IP"),
            new MarkedFalsePositive(_falseAlarm, "our own load test"));
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task the_rebuild_measures_every_stored_incident_as_a_fresh_fold_would_and_as_worked_out_by_hand()
    {
        await using (var before = _store.QuerySession(Tenant))
        {
            (await before.Query<IncidentMeasures>().CountAsync()).Should().Be(0,
                "the measures projection has not run over these events yet: the test must start where a newly added measure starts");
        }

        using (var daemon = await _store.BuildProjectionDaemonAsync())
        {
            // By name, as the operator's command `projections rebuild -p IncidentMeasures` names it (ADR 24).
            await daemon.RebuildProjectionAsync(nameof(IncidentMeasures), CancellationToken.None);
        }

        await using var query = _store.QuerySession(Tenant);
        var rebuilt = await query.Query<IncidentMeasures>().ToListAsync();
        rebuilt.Select(m => m.Id).Should().BeEquivalentTo([_restated, _withoutStart, _falseAlarm], "every incident stored before is covered");
        var folded = new List<IncidentMeasures>();
        var projection = new IncidentMeasuresProjection();
        projection.AssembleAndAssertValidity();
        var fold = (IAggregator<IncidentMeasures, IQuerySession>)projection;
        foreach (var id in new[] { _restated, _withoutStart, _falseAlarm })
        {
            folded.Add((await fold.BuildAsync(await query.Events.FetchStreamAsync(id), query, null, CancellationToken.None))!);
        }

        rebuilt.Should().BeEquivalentTo(folded, "a rebuilt document is the stored history folded afresh, nothing more and nothing less");
        var figures = MetricFigures.Compute(rebuilt, From, To, MetricGrouping.None, To).Single();
        figures.Should().BeEquivalentTo(MetricFigures.Compute(folded, From, To, MetricGrouping.None, To).Single());
        figures.Should().BeEquivalentTo(new { Incidents = 2, FalsePositives = 1, Duplicates = 0 }, o => o.ExcludingMissingMembers());
        Measure(figures, "detect").Should().BeEquivalentTo(new { Incidents = 1, MedianHours = (double?)72, NeedsFacts = (int?)1 },
            "from the start as last restated (17 Nov 08:00) to the detection (20 Nov 08:00); the other incident needs its breach start, not zero hours");
        Measure(figures, "contain").Should().BeEquivalentTo(new { Incidents = 2, MedianHours = (double?)13.5 },
            "(3 + 24) / 2; the false positive's half hour is no containment time");
        Measure(figures, "notify").MedianHours.Should().Be(24, "from detection, as no awareness was recorded");
    }

    private static MeasureFigure Measure(MetricGroup group, string name) => group.Measures.Single(m => m.Name == name);

    private static DateTimeOffset At(int day, int hour) => new(2026, 11, day, hour, 0, 0, TimeSpan.Zero);

    private static IncidentDetected Detected(Guid id, DateTimeOffset at) =>
        new(id, "Skimmer in checkout footer", "rebuild-shop", IncidentKind.CheckoutSkimmer, at, null, "customer complaint", "card fields sent away", ["payment-card"]);

    // Each batch as a person records it at that instant, straight into the store: no daemon runs while the history is written.
    private async Task RecordAsync(Guid id, DateTimeOffset recordedAt, params object[] events)
    {
        _clock.Now = recordedAt;
        await using var session = _store.LightweightSession(Tenant);
        session.LastModifiedBy = "user:sam@shop.test";
        if (events[0] is IncidentDetected)
        {
            session.Events.StartStream<Incident>(id, events);
        }
        else
        {
            session.Events.Append(id, events);
        }

        await session.SaveChangesAsync();
    }

    private sealed class RecordingClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
