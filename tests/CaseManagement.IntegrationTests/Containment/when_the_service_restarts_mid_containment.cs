using System.Text.Json.Nodes;
using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Security;
using CaseManagement.Shops;
using CaseManagement.Shops.Php;
using FluentAssertions;
using MySqlConnector;
using static CaseManagement.IntegrationTests.Containment.ContainmentApi;

namespace CaseManagement.IntegrationTests.Containment;

/// <summary>
/// The service stops in the middle of a containment run, once while the run waits for an approval and once while a
/// step is changing the shop. A fresh node on the same database carries on: the saga's state, the durable queue and the
/// state captured before the change survive, and no change is applied twice.
/// </summary>
[Collection(ContainmentCollection.Name)]
public sealed class when_the_service_restarts_mid_containment(ContainmentFixture fixture) : IAsyncLifetime
{
    private const string EvilPlugin = "evil-plugin/evil.php";
    private AttackedShop _shop = null!;

    public async Task InitializeAsync()
    {
        _shop = await AttackedShop.CreateAsync(ShopPlatform.WooCommerce, "wp_");
        await fixture.ApiAs("ada.admin@shop.test", Roles.Admin).SendAsync(HttpMethod.Post, "/api/shops", _shop.Registration(), 201);
        await _shop.ExecuteAsync("UPDATE `{p}options` SET option_value = @plugins WHERE option_name = 'active_plugins'",
            ("@plugins", PhpSerializer.Serialize(PhpArray.List("woocommerce/woocommerce.php", EvilPlugin))));
    }

    public async Task DisposeAsync() => await _shop.DisposeAsync();

    private async Task<Guid> IncidentAsync(string kind)
    {
        var created = await fixture.Api().SendAsync(HttpMethod.Post, "/api/incidents", new
        {
            title = "Restart drill", shop = _shop.Name, kind, detectedAt = DateTimeOffset.UtcNow.AddHours(-1), dataCategories = new[] { "email" },
        }, 201);
        return created["id"]!.GetValue<Guid>();
    }

    [Fact]
    public async Task a_run_waiting_for_approval_carries_on_after_a_restart()
    {
        var id = await IncidentAsync("plugin-compromise");
        await fixture.Api().StartAsync(id, "plugin-compromise", new { plugin = EvilPlugin });
        await fixture.Api().WaitForRunAsync(id, "awaiting-approval");

        await fixture.RestartAsync();
        await fixture.ApiAs("anna.approver@shop.test", Roles.Approver).DecideAsync(id, "deactivate-plugin", "approve", new { comment = "approved after the node came back" });
        var next = await fixture.Api().WaitForStepAsync(id, "check-mu-plugins", "awaiting-completion");

        StepOf(next, "deactivate-plugin").ShouldHaveSucceeded();
        (await _shop.ScalarAsync("SELECT option_value FROM `{p}options` WHERE option_name = 'active_plugins'"))
            .Should().NotContain(EvilPlugin).And.Contain("woocommerce/woocommerce.php", "only the compromised plugin is taken out");
    }

    [Fact]
    public async Task a_step_cut_off_mid_change_resumes_from_the_state_captured_before_it_and_changes_the_shop_once()
    {
        var id = await IncidentAsync("account-takeover");
        var rolesBefore = await _shop.ScalarAsync("SELECT meta_value FROM `{p}usermeta` WHERE user_id = @id AND meta_key = 'wp_capabilities'", ("@id", _shop.AttackerId));
        // A busy shop: another session holds the row the lock step must change, so the step hangs after capturing the state.
        await using var busy = await _shop.OpenAsync();
        await using var hold = await busy.BeginTransactionAsync();
        await using (var select = new MySqlCommand("SELECT meta_value FROM wp_usermeta WHERE user_id = @id FOR UPDATE", busy, hold))
        {
            select.Parameters.AddWithValue("@id", _shop.AttackerId);
            await select.ExecuteNonQueryAsync();
        }

        await fixture.Api().StartAsync(id, "account-takeover", new { adminLogin = AttackedShop.Attacker });
        await fixture.Api().WaitForStepAsync(id, "lock-admin", "running");
        await fixture.RestartAsync();
        await hold.RollbackAsync();
        var waiting = await fixture.Api().WaitForRunAsync(id, "awaiting-manual-step");

        StepOf(waiting, "lock-admin").ShouldHaveSucceeded();
        var history = await fixture.Api().HistoryAsync(id);
        Events(history, "containment_step_started").Where(e => e["data"]!["stepId"]!.GetValue<string>() == "lock-admin" && e["data"]!["beforeState"] is JsonObject)
            .Should().ContainSingle("the state before is captured once, before the first attempt touched the shop");
        Events(history, "containment_step_succeeded").Count(e => e["data"]!["stepId"]!.GetValue<string>() == "lock-admin").Should().Be(1);
        (await _shop.ScalarAsync("SELECT meta_value FROM `{p}usermeta` WHERE user_id = @id AND meta_key = 'wp_capabilities'", ("@id", _shop.AttackerId)))
            .Should().Be("a:0:{}");
        var preserved = Events(history, "evidence_preserved").Should().ContainSingle().Subject["data"]!;
        preserved["store"]!.GetValue<string>().Should().Be("folder", "this node is configured for the folder store (ADR 36)");
        Directory.EnumerateFiles(Path.Combine(AppFixture.EvidenceRoot, "restarts", preserved["location"]!.GetValue<string>())).Should()
            .HaveCount(preserved["files"]!.AsArray().Count, "the bundle is a folder of files under the configured root");
        (await fixture.Api().SendAsync(HttpMethod.Post, $"/api/incidents/{id}/evidence/{preserved["evidenceId"]!.GetValue<Guid>()}/verify", new { }, 200))["intact"]!
            .GetValue<bool>().Should().BeTrue("the folder store reads back what it wrote");

        await fixture.Api().DecideAsync(id, "lock-admin", "rollback", new { reason = "restore drill" });
        await fixture.Api().WaitForStepAsync(id, "lock-admin", "rolled-back");
        (await _shop.ScalarAsync("SELECT meta_value FROM `{p}usermeta` WHERE user_id = @id AND meta_key = 'wp_capabilities'", ("@id", _shop.AttackerId)))
            .Should().Be(rolesBefore, "the rollback restores what was captured before the restart");
    }
}
