using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.ShopRegistry;
using CaseManagement.Shops;
using FluentAssertions;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using static CaseManagement.IntegrationTests.Containment.ContainmentApi;

namespace CaseManagement.IntegrationTests.Containment;

/// <summary>
/// The shop's database stops answering in the middle of an incident. Each attempt is retried with backoff and
/// recorded; then the run is blocked with the reason and the options, nothing is half-done, and once the shop is back
/// a person retries and the run finishes. The leaked key itself never appears in the incident's history.
/// </summary>
public sealed class when_the_shop_cannot_be_reached_during_containment(AppFixture fixture) : AttackedShopScenario(fixture, ShopPlatform.WooCommerce, "wp_")
{
    // As if the shop's server moved or went down after it was registered: nothing listens on port 1.
    private async Task MoveShopToAsync(int port)
    {
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().LightweightSession(Organisation);
        var shop = await session.LoadAsync<RegisteredShop>(Shop.Name);
        shop!.Port = port;
        session.Store(shop);
        await session.SaveChangesAsync();
    }

    [Fact]
    public async Task the_run_blocks_with_the_reason_and_finishes_after_a_retry_once_the_shop_is_back()
    {
        var created = await Api.SendAsync(HttpMethod.Post, "/api/incidents", new
        {
            title = "Consumer key pasted in a public repository", shop = Shop.Name, kind = "leaked-api-key", detectedAt = DateTimeOffset.UtcNow.AddHours(-3),
            dataCategories = new[] { "email", "postal-address" },
        }, 201);
        var id = created["id"]!.GetValue<Guid>();
        var port = (int)new MySqlConnector.MySqlConnectionStringBuilder(TestDatabases.Shop).Port;
        await MoveShopToAsync(1);

        await Api.StartAsync(id, "leaked-api-key", new { leakedKey = AttackedShop.LeakedKey });
        var blocked = await Api.WaitForRunAsync(id, "blocked");

        blocked["latest"]!["blockedReason"]!.GetValue<string>().Should().Contain("unreachable").And.Contain("preserve-evidence");
        blocked["latest"]!["blockedOptions"]!.AsArray().Should().HaveCount(3, "retry, skip with justification, roll back");
        var evidence = StepOf(blocked, "preserve-evidence");
        evidence["status"]!.GetValue<string>().Should().Be("failed");
        evidence["attempts"]!.GetValue<int>().Should().Be(3, "two retries with backoff before giving up");
        evidence["options"]!.AsArray().Select(o => o!.GetValue<string>()).Should().BeEquivalentTo(["retry", "skip"]);
        StepOf(blocked, "revoke-leaked-key")["status"]!.GetValue<string>().Should().Be("pending", "nothing after the failed step ran");
        (await Shop.ScalarAsync("SELECT COUNT(*) FROM `{p}woocommerce_api_keys`")).Should().Be("1", "the key is untouched while the run is blocked");
        (await Api.GetAsync($"/api/incidents/{id}"))["status"]!.GetValue<string>().Should().Be("detected");
        var history = await Api.HistoryAsync(id);
        Events(history, "containment_step_attempt_failed").Should().HaveCount(2, "each failed attempt is on record with its reason");
        Events(history, "containment_blocked").Should().ContainSingle();
        history.ToJsonString().Should().NotContain(AttackedShop.LeakedKey, "the leaked key is kept encrypted, never in the history");

        await MoveShopToAsync(port);
        await Api.DecideAsync(id, "preserve-evidence", "retry", new { reason = "database host back after failover" });
        var waiting = await Api.WaitForStepAsync(id, "reissue-integration-key", "awaiting-completion");

        StepOf(waiting, "preserve-evidence").ShouldHaveSucceeded();
        StepOf(waiting, "revoke-leaked-key").ShouldHaveSucceeded();
        (await Shop.ScalarAsync("SELECT COUNT(*) FROM `{p}woocommerce_api_keys`")).Should().Be("0", "the leaked key is revoked");

        await Api.DecideAsync(id, "reissue-integration-key", "skip", new { justification = "the integration was retired last month" });
        await Api.WaitForRunAsync(id, "completed");
        // The run's completion reaches the incident by a message, a moment after the run reads completed.
        await Api.WaitForAsync($"/api/incidents/{id}", i => i["status"]?.GetValue<string>() == "contained");

        await Api.DecideAsync(id, "revoke-leaked-key", "rollback", new { reason = "testing the undo" });
        var rolledBack = await Api.WaitForStepAsync(id, "revoke-leaked-key", "rolled-back");
        (await Shop.ScalarAsync("SELECT COUNT(*) FROM `{p}woocommerce_api_keys`")).Should().Be("0", "a leaked key comes back only when a person explicitly asks");
        StepOf(rolledBack, "revoke-leaked-key")["summary"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
    }
}
