using System.Text.Json.Nodes;
using CaseManagement.Containment.Evidence;
using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Security;
using CaseManagement.Security.Pii;
using CaseManagement.Shops;
using FluentAssertions;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using static CaseManagement.IntegrationTests.Containment.ContainmentApi;

namespace CaseManagement.IntegrationTests.Containment;

/// <summary>
/// ADR 22: a legal hold on an incident's evidence keeps every item of it and every person it names. Destroying an item or
/// erasing a person named in the incident is refused with a 409 that names the hold, and the refusal is recorded; once the
/// hold is lifted (and the incident closed) the item is destroyed by shredding its key, and the person can be erased.
/// </summary>
public sealed class when_evidence_is_under_legal_hold(AppFixture fixture) : AttackedShopScenario(fixture, ShopPlatform.WooCommerce, "wp7_")
{
    private const string Claim = "claim by the card processor, case PX-2291: keep everything until it is settled";

    private async Task<Guid> IncidentAsync(string? reporterEmail = null)
    {
        var created = await Api.SendAsync(HttpMethod.Post, "/api/incidents", new
        {
            title = "Owner account used from an unknown country", shop = Shop.Name, kind = "account-takeover", detectedAt = DateTimeOffset.UtcNow.AddHours(-1),
            dataCategories = new[] { "email", "name" },
            reporter = reporterEmail is null ? null : new { email = reporterEmail, name = "Petra Holt" },
        }, 201);
        return created["id"]!.GetValue<Guid>();
    }

    [Fact]
    public async Task erasing_a_person_named_in_a_held_incident_is_refused_naming_the_hold_and_recorded_until_the_hold_is_lifted()
    {
        var email = $"petra.{Guid.NewGuid():N}@shopper.example";
        var id = await IncidentAsync(email);
        var hold = await Api.SendAsync(HttpMethod.Post, $"/api/incidents/{id}/evidence/hold", new { reason = Claim }, 200);
        hold["active"]!.GetValue<bool>().Should().BeTrue();
        hold["placedBy"]!.GetValue<string>().Should().Be($"user:{IncidentApi.Responder}", "who placed the hold is on record");
        (await Api.SendAsync(HttpMethod.Post, $"/api/incidents/{id}/evidence/hold", new { reason = "again" }, 409))["detail"]!.GetValue<string>()
            .Should().Contain(Claim, "a second hold names the one in force");

        var refused = await Api.SendAsync(HttpMethod.Post, "/api/privacy/erasures", new { email, reason = "Art. 17 request of 2026-12-06" }, 409);

        refused["detail"]!.GetValue<string>().Should().Contain(id.ToString()).And.Contain(Claim, "the answer names the hold, so the person can be told why");
        (await Api.GetAsync($"/api/incidents/{id}/reporter"))["email"]!.GetValue<string>().Should().Be(email, "the person's key is kept while the hold is on");
        await using (var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession(Organisation))
        {
            var recorded = (await session.Events.FetchStreamAsync(refused["erasureId"]!.GetValue<Guid>())).Should().ContainSingle().Subject.Data
                .Should().BeOfType<PersonalDataErasureRefused>().Subject;
            recorded.HeldIncidents.Should().Equal([id], "the refusal is recorded with the holds that caused it");
            recorded.Reason.Should().Be("Art. 17 request of 2026-12-06");
        }

        var lifted = await Api.SendAsync(HttpMethod.Post, $"/api/incidents/{id}/evidence/hold/lift", new { reason = "claim settled on 2026-12-06" }, 200);
        lifted["active"]!.GetValue<bool>().Should().BeFalse();
        await Api.SendAsync(HttpMethod.Post, $"/api/incidents/{id}/evidence/hold/lift", new { reason = "again" }, 409);
        (await Api.SendAsync(HttpMethod.Post, "/api/privacy/erasures", new { email, reason = "Art. 17 request of 2026-12-06, repeated" }, 200))
            ["keyExisted"]!.GetValue<bool>().Should().BeTrue();
        await Api.GetAsync($"/api/incidents/{id}/reporter", 410);
        (await Api.HistoryAsync(id)).Select(e => e!["type"]!.GetValue<string>()).Should().ContainInOrder(["evidence_hold_placed", "evidence_hold_lifted"],
            "the hold is part of the incident's record");
    }

    [Fact]
    public async Task an_item_is_kept_while_its_incident_is_open_or_held_and_destroyed_by_shredding_its_key_once_neither()
    {
        var id = await IncidentAsync();
        await Api.StartAsync(id, "account-takeover", new { adminLogin = AttackedShop.Attacker });
        var waiting = await Api.WaitForRunAsync(id, "awaiting-manual-step");
        var evidenceId = StepOf(waiting, "preserve-evidence")["evidenceId"]!.GetValue<Guid>();
        var destroy = $"/api/incidents/{id}/evidence/{evidenceId}/destroy";

        (await Api.SendAsync(HttpMethod.Post, destroy, new { reason = "retention period over" }, 409))["detail"]!.GetValue<string>()
            .Should().Contain("the incident is detected", "evidence is kept while its incident is open");
        await Api.SendAsync(HttpMethod.Post, $"/api/incidents/{id}/evidence/hold", new { reason = Claim }, 200);
        await Api.SendAsync(HttpMethod.Post, $"/api/incidents/{id}/mark-false-positive", new { reason = "the owner's own login from a trip" }, 200);
        await ApiAs("rita.responder@shop.test", Organisation, Roles.Responder).SendAsync(HttpMethod.Post, destroy, new { reason = "x" }, 403);

        var held = await Api.SendAsync(HttpMethod.Post, destroy, new { reason = "retention period over" }, 409);

        held["detail"]!.GetValue<string>().Should().Contain(Claim).And.Contain("legal hold", "the refusal names the hold in force");
        held["hold"]!["reason"]!.GetValue<string>().Should().Be(Claim);
        var custody = (await Api.GetAsync($"/api/incidents/{id}/evidence")).AsArray()[0]!["custody"]!.AsArray();
        custody.Select(c => c!["action"]!.GetValue<string>()).Should().Equal(["collected", "destruction refused", "destruction refused"],
            "every refusal joins the item's chain of custody");
        await DownloadStatusAsync(id, evidenceId, 200);

        var store = Host.Services.GetRequiredService<IDocumentStore>();
        (await StoredEvidence.RowsAsync(store, evidenceId)).Should().BeGreaterThan(0, "the refused destructions left the stored files alone");
        await Api.SendAsync(HttpMethod.Post, $"/api/incidents/{id}/evidence/hold/lift", new { reason = "claim settled" }, 200);
        var destroyed = await Api.SendAsync(HttpMethod.Post, destroy, new { reason = "retention period over" }, 200);

        destroyed["files"]!.AsArray().Should().NotBeEmpty("the record keeps the hashes of what was destroyed");
        await using (var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession(Organisation))
        {
            (await session.LoadAsync<DataSubjectKey>(EvidenceKeys.Subject(evidenceId))).Should().BeNull("destruction shreds the item's key: every copy is unreadable");
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await StoredEvidence.RowsAsync(store, evidenceId) > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        (await StoredEvidence.RowsAsync(store, evidenceId)).Should().Be(0, "the stored files are deleted after the destruction is recorded");
        (await DownloadStatusAsync(id, evidenceId, 410))["title"]!.GetValue<string>().Should().Be("Evidence destroyed");
        await Api.SendAsync(HttpMethod.Post, destroy, new { reason = "again" }, 410);
        (await Api.HistoryAsync(id)).Select(e => e!["type"]!.GetValue<string>()).Should().ContainInOrder(
            ["evidence_hold_placed", "evidence_destruction_refused", "evidence_hold_lifted", "evidence_destroyed"]);
    }

    private async Task<JsonNode> DownloadStatusAsync(Guid id, Guid evidenceId, int status) =>
        await Api.GetAsync($"/api/incidents/{id}/evidence/{evidenceId}/files/manifest.json", status);
}
