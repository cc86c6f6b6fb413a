using CaseManagement.Incidents;
using CaseManagement.Incidents.Detecting;
using CaseManagement.Incidents.Reviewing;
using CaseManagement.Readiness.Reviews;
using CaseManagement.Rules.Catalogue;
using CaseManagement.Rules.Scenarios;
using Marten;

namespace CaseManagement.Readiness.Exercises.Demo;

/// <summary>
/// Seeds one completed tabletop exercise for the local demo (with the demo incident, CaseManagement:SeedDemoIncident=true), so
/// its report can be read at once (README). The demo seeder plays both the facilitator and the team, recorded as itself: the
/// checkout-skimmer scenario on a paused clock that it moves on before each step, as a facilitator does with clock/advance, so
/// every step reads at its exercise time. The team classifies the severity, records awareness and containment, never runs the
/// playbook (a gap for the report to show); the exercise is completed and reviewed. Idempotent: a fixed exercise id is written once.
/// </summary>
public sealed class DemoExerciseSeeder(IDocumentStore store, TimeProvider real, ILogger<DemoExerciseSeeder> logger) : BackgroundService
{
    public static readonly Guid DemoExerciseId = Guid.Parse("019a0000-0000-7000-8000-00000000de71");

    private const string Actor = "system:demo-seed";
    private const string Organisation = DemoIncidentSeeder.DemoOrganisation;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using (var existing = store.QuerySession(Organisation))
        {
            if (await existing.Events.FetchStreamStateAsync(DemoExerciseId, stoppingToken) is not null)
            {
                logger.LogInformation("Demo exercise {ExerciseId} already present", DemoExerciseId);
                return;
            }
        }

        var scenario = ScenarioCatalogue.Embedded.Find("checkout-skimmer")!;
        var tenant = ExerciseTenants.TenantOf(Organisation, DemoExerciseId);
        var incidentId = IncidentStreams.Derived($"exercise/{DemoExerciseId:N}/incident");
        var start = real.GetUtcNow();
        var mark = new ExerciseMark(DemoExerciseId, scenario.Id, scenario.Version);

        await WriteAsync(Organisation, s => s.Events.StartStream<Exercise>(DemoExerciseId,
            new ExerciseStarted(DemoExerciseId, "Demo: card skimmer in the checkout (played by the demo seeder)", scenario.Id, scenario.Version, scenario.Sha256, false,
                [
                    new ExerciseParticipant("Dana Demo", "facilitator", "dana.demo@demo-shop.example"),
                    new ExerciseParticipant("Alex Responder", "incident lead", "alex.responder@demo-shop.example"),
                    new ExerciseParticipant("Avery Brandt", "observer (auditor)", null),
                ], "demo-sandbox", incidentId, tenant, false, scenario.PagesOnCall),
            new ExerciseClockSet(DemoExerciseId, ClockChange.Started, start, start, 0, "the demo seeder moves the clock on step by step"),
            Delivered(scenario, "acquirer-alert", start)), stoppingToken);
        await WriteAsync(tenant, s => s.Events.StartStream<Incident>(incidentId, new IncidentDetected(incidentId, scenario.Incident.Title, "demo-sandbox",
            IncidentKind.CheckoutSkimmer, start, null, scenario.Incident.Source, scenario.Incident.Summary, scenario.Incident.DataCategories,
            CatalogueVersion: CatalogueStore.Embedded.Latest.Version, Exercise: mark)), stoppingToken);

        await AdvanceAsync(start, TimeSpan.FromMinutes(20), stoppingToken);
        await WriteAsync(tenant, s => s.Events.Append(incidentId, new SeverityClassified(incidentId, Severity.Critical, "card data read at checkout")), stoppingToken);
        await AdvanceAsync(start, TimeSpan.FromMinutes(40), stoppingToken);
        await WriteAsync(Organisation, s => s.Events.Append(DemoExerciseId, Delivered(scenario, "script-found", start)), stoppingToken);
        await AdvanceAsync(start, TimeSpan.FromMinutes(55), stoppingToken);
        await WriteAsync(tenant, s => s.Events.Append(incidentId,
            new AwarenessRecorded(incidentId, start.AddMinutes(45), "the footer script posts the card form to cdn-analytics.example")), stoppingToken);
        await AdvanceAsync(start, TimeSpan.FromHours(3), stoppingToken);
        await WriteAsync(Organisation, s => s.Events.Append(DemoExerciseId, Delivered(scenario, "residences-known", start)), stoppingToken);
        await AdvanceAsync(start, TimeSpan.FromHours(7), stoppingToken);
        await WriteAsync(tenant, s => s.Events.Append(incidentId,
            new IncidentContained(incidentId, start.AddHours(6.5), "footer option emptied and shopadmin2 locked by hand; the playbook was not run")), stoppingToken);

        var stopped = real.GetUtcNow();
        var endedAt = start.AddHours(8);
        const string summary = "First eight hours rehearsed: classified and aware in time, contained late and by hand.";
        await WriteAsync(Organisation, s => s.Events.Append(DemoExerciseId,
            new ExerciseClockSet(DemoExerciseId, ClockChange.Stopped, stopped, endedAt, 0, summary),
            new ExerciseEnded(DemoExerciseId, ExerciseOutcome.Completed, summary, endedAt)), stoppingToken);

        await using (var inside = store.LightweightSession(tenant))
        {
            var record = await IncidentRecord.LoadAsync(inside, incidentId, (DateTimeOffset?)null, stoppingToken);
            var reviewId = ReviewStreams.For(incidentId);
            inside.LastModifiedBy = Actor;
            inside.Events.StartStream<Review>(reviewId,
                await StartReviewEndpoint.Generate(record!, null, endedAt, stoppingToken),
                new ReviewFindingsRecorded(reviewId, "nobody on the call knew the checkout-skimmer playbook existed", ["the playbook is not linked from the on-call notes"],
                    ["severity and awareness recorded within the hour"], ["containment by hand, five hours after its target"]),
                new ReviewActionAdded(reviewId, "action-1", "Link the checkout-skimmer playbook from the on-call notes", "alex.responder@demo-shop.example",
                    endedAt.AddDays(14)),
                new ReviewCompleted(reviewId, "One gap, one action."));
            await inside.SaveChangesAsync(stoppingToken);
        }

        logger.LogInformation("Seeded demo exercise {ExerciseId}: GET /api/exercises/{ExerciseId}/report", DemoExerciseId, DemoExerciseId);
    }

    private static InjectDelivered Delivered(Scenario scenario, string injectId, DateTimeOffset start)
    {
        var inject = scenario.Find(injectId)!;
        return new InjectDelivered(DemoExerciseId, inject.Id, inject.Kind, inject.At, start + inject.At, inject.Text, inject.FailFor is { } span ? start + inject.At + span : null);
    }

    /// <summary>Moves the paused exercise clock on to <paramref name="offset"/> from the start, as a facilitator's clock/advance records it.</summary>
    private Task AdvanceAsync(DateTimeOffset start, TimeSpan offset, CancellationToken ct) =>
        WriteAsync(Organisation, s => s.Events.Append(DemoExerciseId,
            new ExerciseClockSet(DemoExerciseId, ClockChange.Advanced, real.GetUtcNow(), start + offset, 0, "on to the next step")), ct);

    private async Task WriteAsync(string tenant, Action<IDocumentSession> write, CancellationToken ct)
    {
        await using var session = store.LightweightSession(tenant);
        session.LastModifiedBy = Actor;
        session.CorrelationId = "demo-seed";
        write(session);
        await session.SaveChangesAsync(ct);
    }
}
