using System.Text.Json.Nodes;
using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Security;
using CaseManagement.Shops;
using FluentAssertions;
using static CaseManagement.IntegrationTests.Containment.ContainmentApi;

namespace CaseManagement.IntegrationTests.Containment;

/// <summary>
/// Issue 14, items 11 and 12, on a real WooCommerce shop: rolling back the admin lock after the run completed gave the
/// attacker's account back while the incident still said "contained". Now the claim is withdrawn, the step runs again, and
/// the incident is contained again only when it is locked again; a run waiting on a person gives way to a new one only when a
/// compliance lead supersedes it; and nobody approves a risky step of a run they started.
/// </summary>
public sealed class when_containment_is_undone_or_set_aside(AppFixture fixture) : AttackedShopScenario(fixture, ShopPlatform.WooCommerce, "wp7_")
{
    private IncidentApi Lead => ApiAs("lena.lead@shop.test", Organisation, Roles.ComplianceLead);

    private IncidentApi Approver => ApiAs("anna.approver@shop.test", Organisation, Roles.Approver);

    private async Task<Guid> IncidentAsync(string kind)
    {
        var created = await Api.SendAsync(HttpMethod.Post, "/api/incidents", new
        {
            title = "Owner account used from an unknown country", shop = Shop.Name, kind, detectedAt = DateTimeOffset.UtcNow.AddHours(-1),
            dataCategories = new[] { "email", "name" },
        }, 201);
        return created["id"]!.GetValue<Guid>();
    }

    private Task<string?> CapabilitiesAsync() =>
        Shop.ScalarAsync("SELECT meta_value FROM `{p}usermeta` WHERE user_id = @id AND meta_key = 'wp7_capabilities'", ("@id", Shop.AttackerId));

    // The run's completion reaches the incident by a message, a moment after the run reads completed.
    private Task<JsonNode> ContainedAsync(Guid id) => Api.WaitForAsync($"/api/incidents/{id}", i => i["status"]?.GetValue<string>() == "contained");

    [Fact]
    public async Task rolling_back_the_admin_lock_withdraws_containment_until_the_lock_is_run_again()
    {
        var id = await IncidentAsync("account-takeover");
        await Api.StartAsync(id, "account-takeover", new { adminLogin = AttackedShop.Attacker });
        await Api.WaitForRunAsync(id, "awaiting-manual-step");
        await Api.DecideAsync(id, "rotate-secrets", "complete", new { note = "salts replaced, owner reset password with 2FA" });
        await Api.WaitForRunAsync(id, "completed");
        await ContainedAsync(id);

        await Api.DecideAsync(id, "lock-admin", "rollback", new { reason = "the owner says the logins were theirs" });
        // The run reads blocked once the step is rolled back; the saga records why on its next turn.
        var blocked = await Api.WaitForAsync($"/api/incidents/{id}/containment", v => v["latest"]?["blockedReason"] is JsonValue);
        var incident = await Api.WaitForAsync($"/api/incidents/{id}", i => i["containedAt"] is null);

        (await CapabilitiesAsync()).Should().NotBe("a:0:{}", "the rollback gave the account its roles back");
        StepOf(blocked, "lock-admin")["status"]!.GetValue<string>().Should().Be("rolled-back");
        blocked["latest"]!["blockedReason"]!.GetValue<string>().Should().Contain("'lock-admin' was rolled back");
        blocked["latest"]!["completedAt"].Should().BeNull("the run no longer stands completed");
        StepOf(blocked, "lock-admin")["options"]!.AsArray().Select(o => o!.GetValue<string>()).Should().BeEquivalentTo(["retry", "skip"]);
        incident["status"]!.GetValue<string>().Should().Be("detected", "with the attacker's admin account active again, the incident is not contained");
        incident["containmentWithdrawn"]!["stepId"]!.GetValue<string>().Should().Be("lock-admin");
        var history = await Api.HistoryAsync(id);
        Events(history, "containment_run_reopened").Should().ContainSingle();
        Events(history, "incident_containment_withdrawn").Should().ContainSingle().Which["actor"]!.GetValue<string>().Should().Be("system:containment");

        await Api.DecideAsync(id, "lock-admin", "retry", new { reason = "the owner's story did not hold up" });
        var again = await Api.WaitForRunAsync(id, "completed");

        StepOf(again, "lock-admin").ShouldHaveSucceeded();
        StepOf(again, "lock-admin")["attempts"]!.GetValue<int>().Should().Be(2, "running it again is a new attempt");
        (await CapabilitiesAsync()).Should().Be("a:0:{}", "the account is locked again");
        (await ContainedAsync(id))["containmentWithdrawn"].Should().BeNull();
        Events(await Api.HistoryAsync(id), "incident_contained").Should().HaveCount(2, "contained, withdrawn, contained again: each on the record");
    }

    [Fact]
    public async Task a_run_waiting_on_a_person_gives_way_to_a_new_run_only_when_a_compliance_lead_supersedes_it()
    {
        var id = await IncidentAsync("account-takeover");
        await Api.StartAsync(id, "account-takeover", new { adminLogin = AttackedShop.Attacker });
        var waiting = await Api.WaitForRunAsync(id, "awaiting-manual-step");
        var oldRun = waiting["latest"]!["runId"]!.GetValue<Guid>();

        var refused = await Api.StartAsync(id, "account-takeover", new { adminLogin = AttackedShop.Attacker }, 409);
        var responder = ApiAs("rita.responder@shop.test", Organisation, Roles.Responder);
        var forbidden = await responder.ActAsync(id, $"containment/runs/{oldRun}/supersede", new { reason = "start over with the plugin playbook" }, 403);
        var tooShort = await Lead.ActAsync(id, $"containment/runs/{oldRun}/supersede", new { reason = "no" }, 422);
        await Lead.ActAsync(id, $"containment/runs/{oldRun}/supersede", new { reason = "start over with the plugin playbook" });
        await Api.StartAsync(id, "account-takeover", new { adminLogin = AttackedShop.Attacker });

        refused["detail"]!.GetValue<string>().Should().Contain("supersede", "the refusal says how to go on");
        forbidden["detail"]!.GetValue<string>().Should().Contain("compliance-lead", "a 403 names the role that is needed");
        tooShort["errors"]!["reason"].Should().NotBeNull();
        var runs = (await Api.GetAsync($"/api/incidents/{id}/containment"))["runs"]!.AsArray();
        var old = runs.Single(r => r!["runId"]!.GetValue<Guid>() == oldRun)!;
        old["status"]!.GetValue<string>().Should().Be("superseded");
        old["supersededBy"]!.GetValue<string>().Should().Be("user:lena.lead@shop.test");
        old["supersededReason"]!.GetValue<string>().Should().Be("start over with the plugin playbook");
        runs.Should().HaveCount(2);
        Events(await Api.HistoryAsync(id), "containment_run_superseded").Should().ContainSingle("the decision is on the old run's record");
        (await Api.ActAsync(id, $"containment/runs/{oldRun}/steps/rotate-secrets/complete", new { note = "too late" }, 409))["detail"]!.GetValue<string>()
            .Should().Contain("superseded");
    }

    [Fact]
    public async Task the_person_who_started_a_run_cannot_approve_its_risky_step()
    {
        var id = await IncidentAsync("plugin-compromise");
        await Api.StartAsync(id, "plugin-compromise", new { plugin = "evil/evil.php", compromisedAdmin = AttackedShop.Attacker });
        await Api.WaitForRunAsync(id, "awaiting-approval");

        var own = await Api.DecideAsync(id, "deactivate-plugin", "approve", new { comment = "looks fine to me" }, 403);
        await Approver.DecideAsync(id, "deactivate-plugin", "approve", new { comment = "second pair of eyes" });

        own["detail"]!.GetValue<string>().Should().Contain($"user:{IncidentApi.Responder} started this containment run").And.Contain("four eyes")
            .And.Contain("compliance-lead or approver");
        own["condition"]!.GetValue<string>().Should().Be("four-eyes");
        StepOf(await Api.WaitForAsync($"/api/incidents/{id}/containment", v => Step(v, "deactivate-plugin")?["approvedBy"] is JsonValue), "deactivate-plugin")
            ["approvedBy"]!.GetValue<string>().Should().Be("user:anna.approver@shop.test");
    }
}
