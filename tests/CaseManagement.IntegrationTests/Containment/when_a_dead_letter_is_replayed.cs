using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Security;
using CaseManagement.Shops;
using FluentAssertions;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using static CaseManagement.IntegrationTests.Containment.ContainmentApi;

namespace CaseManagement.IntegrationTests.Containment;

/// <summary>
/// Work given up on for a cause an operator can fix is not lost: the evidence store refused the incident's bundle (PostgreSQL
/// rejected its rows, as a full disk or a revoked grant would), so after its retries the evidence step's message went to the
/// dead letters with the step still running. Once the store is fixed, an admin replays it and the run goes on from there.
/// </summary>
public sealed class when_a_dead_letter_is_replayed(AppFixture fixture) : AttackedShopScenario(fixture, ShopPlatform.WooCommerce, "wp8_")
{
    [Fact]
    public async Task the_replayed_step_runs_again_after_the_cause_is_fixed_and_the_run_goes_on()
    {
        var created = await Api.SendAsync(HttpMethod.Post, "/api/incidents", new
        {
            title = "Owner account used from an unknown country", shop = Shop.Name, kind = "account-takeover", detectedAt = DateTimeOffset.UtcNow.AddHours(-1),
            dataCategories = new[] { "email" },
        }, 201);
        var id = created["id"]!.GetValue<Guid>();
        var refusal = await StoredEvidence.RefuseWritesForAsync(Host.Services.GetRequiredService<IDocumentStore>(), id);

        await Api.StartAsync(id, "account-takeover", new { adminLogin = AttackedShop.Attacker });
        var letters = await Admin.WaitForAsync("/api/admin/dead-letters", d => d["deadLetters"]!.AsArray().Any(l => IsOurs(l!, id)));
        var letter = letters["deadLetters"]!.AsArray().Single(l => IsOurs(l!, id))!;
        letter["message"]!["stepId"]!.GetValue<string>().Should().Be("preserve-evidence");
        StepOf(await Api.GetAsync($"/api/incidents/{id}/containment"), "preserve-evidence")["status"]!.GetValue<string>()
            .Should().Be("running", "the step is neither done nor failed while its message is a dead letter");

        await refusal.DisposeAsync();
        await ApiAs("rita.responder@shop.test", Organisation, Roles.Responder)
            .SendAsync(HttpMethod.Post, $"/api/admin/dead-letters/{letter["id"]}/replay", new { reason = "x" }, 403);
        var replayed = await Admin.SendAsync(HttpMethod.Post, $"/api/admin/dead-letters/{letter["id"]}/replay",
            new { reason = "evidence volume mounted again (ticket OPS-311)" }, 202);

        replayed["decision"]!.GetValue<string>().Should().Be("replay");
        var waiting = await Api.WaitForRunAsync(id, "awaiting-manual-step");
        StepOf(waiting, "preserve-evidence").ShouldHaveSucceeded();
        StepOf(waiting, "lock-admin").ShouldHaveSucceeded();
        (await Api.GetAsync($"/api/incidents/{id}/evidence")).AsArray().Should().ContainSingle("the replayed step preserved the evidence once");
        (await Admin.WaitForAsync("/api/admin/dead-letters", d => !d["deadLetters"]!.AsArray().Any(l => IsOurs(l!, id))))
            ["deadLetters"]!.AsArray().Should().NotContain(l => IsOurs(l!, id), "a replayed dead letter leaves the list");
        (await ApiAs("avery.auditor@shop.test", Organisation, Roles.Auditor).GetAsync("/api/audit-log")).AsArray().Should().Contain(
            e => e!["what"]!.GetValue<string>().Contains($"decided to replay the dead letter {letter["id"]}")
                 && e["why"]!.GetValue<string>() == "evidence volume mounted again (ticket OPS-311)",
            "who replayed which work, and why, is on the organisation's audit log");
    }

    private static bool IsOurs(System.Text.Json.Nodes.JsonNode letter, Guid incidentId) =>
        letter["message"]?["incidentId"]?.GetValue<Guid>() == incidentId;
}
