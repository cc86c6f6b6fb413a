using System.Text.Json.Nodes;
using CaseManagement.IntegrationTests.AuditReports;
using CaseManagement.IntegrationTests.Containment;
using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Shops;
using FluentAssertions;
using static CaseManagement.IntegrationTests.Containment.ContainmentApi;

namespace CaseManagement.IntegrationTests.Incidents;

/// <summary>
/// A responder reads the incident and keeps its version for a decision they will send later. Meanwhile a containment
/// run works and rolls a step back, evidence is downloaded and verified, and an auditor exports the record: none of that
/// is a person's decision on the incident or a milestone, so the responder's <c>If-Match</c> still holds. (Escalations:
/// when_deadlines_draw_near, which runs the escalator.)
/// </summary>
public sealed class when_a_responder_holds_a_version(AppFixture fixture) : AttackedShopScenario(fixture, ShopPlatform.WooCommerce, "wp7_")
{
    [Fact]
    public async Task background_work_exports_and_downloads_leave_it_current()
    {
        var now = DateTimeOffset.UtcNow;
        var id = (await Api.SendAsync(HttpMethod.Post, "/api/incidents", new
        {
            title = "Owner account used from an unknown country", shop = Shop.Name, kind = "account-takeover", detectedAt = now.AddHours(-73),
            dataCategories = new[] { "payment-card", "email" },
        }, 201))["id"]!.GetValue<Guid>();
        await Api.StartAsync(id, "account-takeover", new { adminLogin = AttackedShop.Attacker });
        var waiting = await Api.WaitForRunAsync(id, "awaiting-manual-step");
        var evidenceId = StepOf(waiting, "preserve-evidence")["evidenceId"]!.GetValue<Guid>();
        await Api.ActAsync(id, "scope", new { from = now.AddDays(-40).ToString("O"), to = now.ToString("O") });
        // The run's outcome is a milestone on the incident: wait for it before reading the version to hold.
        await Api.WaitForAsync($"/api/incidents/{id}", v => v["scopedAt"] is not null);
        var held = await HeldVersionAsync(id);

        await Api.DecideAsync(id, "lock-admin", "rollback", new { reason = "the owner proved the logins were theirs" });
        await Api.WaitForStepAsync(id, "lock-admin", "rolled-back");
        var file = (await Api.GetAsync($"/api/incidents/{id}/evidence"))[0]!["files"]![0]!["name"]!.GetValue<string>();
        await ReportDownload.GetAsync(Host, Api, $"/api/incidents/{id}/evidence/{evidenceId}/files/{file}");
        await Api.SendAsync(HttpMethod.Post, $"/api/incidents/{id}/evidence/{evidenceId}/verify", new { }, 200);
        await ReportDownload.GetAsync(Host, Api, $"/api/incidents/{id}/audit-report?format=json");
        var history = await Api.HistoryAsync(id);

        var after = history.AsArray().Where(e => e!["sequence"]!.GetValue<long>() > held.Sequence).ToList();
        after.Select(e => e!["type"]!.GetValue<string>()).Should().Contain(["containment_step_rollback_requested", "containment_step_compensated",
            "evidence_accessed", "evidence_verified", "audit_report_exported"], "all of this happened after the responder read the incident");
        after.Should().OnlyContain(e => e!["stream"]!.GetValue<string>() != "incident",
            "exports, downloads and a run's steps are recorded on their own streams: {0}", string.Join(", ", after.Select(Describe)));
        var answer = await Api.ActAsync(id, "add-note", new { text = "owner called back, logins confirmed" }, 200,
            x => x.WithRequestHeader("If-Match", $"\"{held.Version}\""));
        answer["version"]!.GetValue<long>().Should().Be(held.Version + 1, "the responder's decision is the next event on the version they read");
    }

    [Fact]
    public async Task a_list_row_carries_the_streams_own_version()
    {
        var id = await Api.DetectAsync(Shop.Name);
        await Api.ActAsync(id, "facts/data-categories", new { categories = new[] { "email", "name", "postal-address" }, reason = "the takeover exposed addresses too" });
        await Api.ActAsync(id, "add-note", new { text = "facts first" });
        var version = await Api.VersionOfAsync(id);

        var row = await Api.WaitForAsync($"/api/incidents?shop={Shop.Name}", l => Row(l, id)?["version"]!.GetValue<long>() == version);

        Row(row, id)!["lastRecordedAt"].Should().NotBeNull();
        await Api.ActAsync(id, "add-note", new { text = "acting on the list's version" }, 200, x => x.WithRequestHeader("If-Match", $"\"{version}\""));
    }

    private async Task<(long Version, long Sequence)> HeldVersionAsync(Guid id)
    {
        var incident = await Api.GetAsync($"/api/incidents/{id}");
        var last = (await Api.HistoryAsync(id)).Max(e => e!["sequence"]!.GetValue<long>());
        return (incident["version"]!.GetValue<long>(), last);
    }

    private static string Describe(JsonNode? e) => $"{e!["stream"]}:{e["type"]}";

    private static JsonNode? Row(JsonNode list, Guid id) => list["items"]!.AsArray().FirstOrDefault(i => i!["id"]!.GetValue<Guid>() == id);
}
