using CaseManagement.IntegrationTests.Containment;
using CaseManagement.IntegrationTests.Infrastructure;
using FluentAssertions;
using static CaseManagement.IntegrationTests.Containment.ContainmentApi;

namespace CaseManagement.ResilienceTests.Outages;

/// <summary>
/// The shop's MariaDB server stops as a containment run starts and comes back six seconds later: the steps that could not
/// reach it are retried with backoff, each failed attempt is on record, and the run finishes by itself with the shop
/// changed once.
/// </summary>
[Collection(OutageCollection.Name)]
public sealed class when_the_shop_database_goes_away_during_containment(OutageFixture fixture) : IAsyncLifetime
{
    private AttackedShop _shop = null!;

    public async Task InitializeAsync() => _shop = await fixture.RegisteredShopAsync();

    public async Task DisposeAsync() => await _shop.DisposeAsync();

    [OutageFact]
    public async Task the_steps_wait_for_the_shop_and_the_run_finishes_with_the_shop_changed_once()
    {
        var api = fixture.Api();
        var id = await OutageFixture.LeakedKeyIncidentAsync(api, _shop, "Consumer key in a support ticket");

        await LocalServers.StopMariaDbAsync();
        try
        {
            await api.StartAsync(id, "leaked-api-key", new { leakedKey = AttackedShop.LeakedKey });
            await api.WaitForAsync($"/api/incidents/{id}/containment", v => Step(v, "preserve-evidence")?["attempts"]?.GetValue<int>() >= 2);
        }
        finally
        {
            await LocalServers.StartMariaDbAsync();
        }

        var done = await api.WaitForStepAsync(id, "reissue-integration-key", "awaiting-completion");

        var evidence = StepOf(done, "preserve-evidence");
        evidence.ShouldHaveSucceeded();
        evidence["attempts"]!.GetValue<int>().Should().BeGreaterThan(1, "the attempts while the shop was away count");
        StepOf(done, "revoke-leaked-key").ShouldHaveSucceeded();
        (await _shop.ScalarAsync("SELECT COUNT(*) FROM `{p}woocommerce_api_keys`")).Should().Be("0");
        var history = await api.HistoryAsync(id);
        Events(history, "containment_step_attempt_failed").Should().NotBeEmpty("each attempt that found the shop away is on record with its reason");
        Events(history, "containment_blocked").Should().BeEmpty("the shop came back within the retries, so no person had to step in");
        (await api.WaitForAsync($"/api/incidents/{id}/evidence", e => e.AsArray().Count > 0)).AsArray().Should().ContainSingle("the evidence is copied once");
    }
}
