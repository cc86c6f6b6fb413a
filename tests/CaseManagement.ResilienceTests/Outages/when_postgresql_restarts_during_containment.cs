using System.Net;
using CaseManagement.IntegrationTests.Containment;
using CaseManagement.IntegrationTests.Infrastructure;
using FluentAssertions;
using static CaseManagement.IntegrationTests.Containment.ContainmentApi;

namespace CaseManagement.ResilienceTests.Outages;

/// <summary>
/// PostgreSQL stops right after a containment run starts, while its steps work on the shop, and comes back 15 seconds
/// later (issue 15: the service used to exit for good). Meanwhile requests are told to come back (503 with Retry-After),
/// readiness names what is down, and the host lives on; afterwards the run finishes by itself, every step once.
/// </summary>
[Collection(OutageCollection.Name)]
public sealed class when_postgresql_restarts_during_containment(OutageFixture fixture) : IAsyncLifetime
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(15);
    private AttackedShop _shop = null!;

    public async Task InitializeAsync() => _shop = await fixture.RegisteredShopAsync();

    public async Task DisposeAsync() => await _shop.DisposeAsync();

    [OutageFact]
    public async Task requests_are_told_to_come_back_and_the_run_finishes_afterwards_with_every_step_once()
    {
        var api = fixture.Api();
        var id = await OutageFixture.LeakedKeyIncidentAsync(api, _shop, "Consumer key in a public gist");
        var checkpointsBefore = (await api.GetAsync("/api/chain/checkpoints")).AsArray().Count;

        await api.StartAsync(id, "leaked-api-key", new { leakedKey = AttackedShop.LeakedKey });
        await LocalServers.StopPostgresAsync();
        try
        {
            var (status, retryAfter, problem) = await fixture.ProbeAsync($"/api/incidents/{id}/containment", api);
            status.Should().Be(HttpStatusCode.ServiceUnavailable, "a request that cannot reach the event store is told to come back, not that the service failed");
            retryAfter.Should().NotBeNull("the client is told when to come back");
            problem!["title"]!.GetValue<string>().Should().Contain("unavailable");
            var note = await api.ActAsync(id, "add-note", new { text = "written while the database is down" }, 503);
            note["detail"]!.GetValue<string>().Should().Contain("Idempotency-Key", "a client repeating a POST is told how to do it safely");

            var (readyStatus, _, ready) = await fixture.ProbeAsync("/health/ready");
            readyStatus.Should().Be(HttpStatusCode.ServiceUnavailable);
            ready!["checks"]!["postgresql"]!["status"]!.GetValue<string>().Should().Be("Unhealthy", "readiness says what is down: {0}", ready.ToJsonString());

            // A checkpoint tick falls in the outage: the loop that ended the host before waits it out now.
            await Task.Delay(Outage);
            fixture.IsStopping.Should().BeFalse("no background loop may stop the host because the database went away");
            var (_, _, waiting) = await fixture.ProbeAsync("/health/ready");
            waiting!["checks"]!["background-loops"]!["description"]!.GetValue<string>().Should().Contain("chain checkpoint schedule",
                "readiness names the loop that is waiting: {0}", waiting.ToJsonString());
        }
        finally
        {
            await LocalServers.StartPostgresAsync();
        }

        var recovered = await fixture.WaitUntilReadyAsync();
        var done = await api.WaitForStepAsync(id, "reissue-integration-key", "awaiting-completion");

        recovered.Should().BeLessThan(TimeSpan.FromSeconds(30), "readiness follows PostgreSQL back");
        StepOf(done, "preserve-evidence").ShouldHaveSucceeded();
        StepOf(done, "revoke-leaked-key").ShouldHaveSucceeded();
        (await _shop.ScalarAsync("SELECT COUNT(*) FROM `{p}woocommerce_api_keys`")).Should().Be("0", "the leaked key is revoked");
        var history = await api.HistoryAsync(id);
        foreach (var step in new[] { "preserve-evidence", "revoke-leaked-key" })
        {
            Events(history, "containment_step_succeeded").Count(e => e["data"]!["stepId"]!.GetValue<string>() == step)
                .Should().Be(1, "step {0} is recorded done once, however often the outage made it retry", step);
        }

        (await api.WaitForAsync($"/api/incidents/{id}/evidence", e => e.AsArray().Count > 0)).AsArray().Should().ContainSingle("the evidence is preserved once, not again on a retry");
        history.Should().NotContain(e => e!["type"]!.GetValue<string>() == "incident_note_added", "the note refused with 503 was not recorded");

        await api.DecideAsync(id, "reissue-integration-key", "skip", new { justification = "the integration was retired" });
        await api.WaitForRunAsync(id, "completed");
        // The incident hears of the completed run by a cascaded message, a moment after the run's own record says so.
        await api.WaitForAsync($"/api/incidents/{id}", i => i["status"]?.GetValue<string>() == "contained");
        await api.WaitForAsync("/api/chain/checkpoints", c => c.AsArray().Count > checkpointsBefore);
        (await fixture.ProbeAsync("/health/ready")).Status.Should().Be(HttpStatusCode.OK, "nothing is left waiting once the database is back");
    }
}
