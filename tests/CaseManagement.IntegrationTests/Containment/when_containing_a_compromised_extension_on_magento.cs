using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Security;
using CaseManagement.Shops;
using FluentAssertions;
using static CaseManagement.IntegrationTests.Containment.ContainmentApi;

namespace CaseManagement.IntegrationTests.Containment;

/// <summary>
/// The plugin-compromise playbook on a Magento shop. Magento enables extensions in a file, so the service does not
/// pretend: disabling the module becomes a checklist a person works through (after a compliance lead's approval), while
/// the admin lock and the skimmer scan run against the real shop database.
/// </summary>
public sealed class when_containing_a_compromised_extension_on_magento(AppFixture fixture) : AttackedShopScenario(fixture, ShopPlatform.Magento, "")
{
    [Fact]
    public async Task the_module_is_a_manual_step_after_approval_and_the_attackers_admin_is_locked_on_the_database()
    {
        var created = await Api.SendAsync(HttpMethod.Post, "/api/incidents", new
        {
            title = "Backdoored payment extension", shop = Shop.Name, kind = "plugin-compromise", detectedAt = DateTimeOffset.UtcNow.AddHours(-2),
            dataCategories = new[] { "payment-card", "email" },
        }, 201);
        var id = created["id"]!.GetValue<Guid>();
        var approver = ApiAs("anna.approver@shop.test", Organisation, Roles.Approver);

        await Api.StartAsync(id, "plugin-compromise", new { plugin = "Evil_Payments", compromisedAdmin = AttackedShop.Attacker });
        var approval = await Api.WaitForRunAsync(id, "awaiting-approval");

        StepOf(approval, "preserve-evidence").ShouldHaveSucceeded();
        var deactivate = StepOf(approval, "deactivate-plugin");
        deactivate["automated"]!.GetValue<bool>().Should().BeFalse("Magento modules are disabled in app/etc/config.php, not in the database");
        deactivate["checklist"]!.ToJsonString().Should().Contain("module:disable Evil_Payments");
        (await Shop.ScalarAsync("SELECT is_active FROM `{p}admin_user` WHERE username = 'mallory'")).Should().Be("1", "nothing after the approval ran yet");

        await approver.DecideAsync(id, "deactivate-plugin", "approve", new { comment = "checkout uses the other gateway meanwhile" });
        await Api.WaitForStepAsync(id, "deactivate-plugin", "awaiting-completion");
        await Api.DecideAsync(id, "deactivate-plugin", "complete", new { note = "module disabled, di compiled, cache flushed" });
        var next = await Api.WaitForStepAsync(id, "check-mu-plugins", "awaiting-completion");

        StepOf(next, "deactivate-plugin")["approvedBy"]!.GetValue<string>().Should().Be("user:anna.approver@shop.test");
        StepOf(next, "lock-compromised-admin").ShouldHaveSucceeded();
        (await Shop.ScalarAsync("SELECT is_active FROM `{p}admin_user` WHERE username = 'mallory'")).Should().Be("0");
        (await Shop.ScalarAsync("SELECT COUNT(*) FROM `{p}admin_user_session` WHERE user_id = @id AND status = 1", ("@id", Shop.AttackerId)))
            .Should().Be("0", "the attacker's admin sessions are ended");
        var scan = StepOf(next, "scan-skimmer-locations");
        scan.ShouldHaveSucceeded();
        scan["findings"]!.AsArray().Should().Contain(f => f!["location"]!.GetValue<string>().Contains("design/footer/absolute_footer"))
            .And.Contain(f => f!["externalHosts"]!.ToJsonString().Contains(AttackedShop.SkimmerHost), "the scan names where the skimmer sends data");

        await Api.DecideAsync(id, "check-mu-plugins", "complete", new { note = "app/code matches the deployment" });
        await Api.WaitForStepAsync(id, "flush-caches", "awaiting-completion");
        await Api.DecideAsync(id, "flush-caches", "complete", new { note = "cache:clean config block_html full_page" });
        var done = await Api.WaitForRunAsync(id, "completed");

        done["latest"]!["steps"]!.AsArray().Select(s => s!["status"]!.GetValue<string>()).Should().OnlyContain(s => s == "succeeded" || s == "completed");
        (await Api.GetAsync($"/api/incidents/{id}"))["status"]!.GetValue<string>().Should().Be("contained");
    }
}
