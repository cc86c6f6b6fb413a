using CaseManagement.IntegrationTests.Infrastructure;
using FluentAssertions;

namespace CaseManagement.IntegrationTests.Incidents;

public sealed class when_walking_an_incident_through_its_lifecycle(AppFixture fixture) : ServiceScenario(fixture)
{
    private static readonly (string Action, object Body, string StatusAfter)[] Story =
    [
        ("assign-responder", new { responder = "kim.lead@shop.test", role = "incident lead" }, "detected"),
        ("classify-severity", new { severity = "critical", reason = "card data exposed while checkout is live" }, "detected"),
        ("record-awareness", new { awareAt = "2026-11-20T09:00:00Z", reason = "skimmer confirmed in page source" }, "detected"),
        ("contain", new { containedAt = "2026-11-20T11:00:00Z", summary = "footer script removed, admin locked" }, "contained"),
        ("correct-awareness", new { awareAt = "2026-11-20T08:30:00Z", reason = "host logs show the confirmation came earlier" }, "contained"),
        ("scope/manual", new { summary = "orders placed 18-20 Nov", estimatedAffectedPeople = 1200, dataCategories = new[] { "payment-card", "name" } }, "scoped"),
        ("notify", new { recipients = new[] { "regulator", "individuals" }, summary = "SA notified, letters sent" }, "notified"),
        ("add-note", new { text = "Regulator reference 2026-4711" }, "notified"),
        ("close", new { summary = "card brands informed, monitoring in place" }, "closed"),
        ("reopen", new { reason = "more orders found in backup logs" }, "notified"),
        ("close", new { summary = "additional customers notified" }, "closed"),
    ];

    [Fact]
    public async Task every_step_is_recorded_and_each_version_replays_exactly()
    {
        var id = await Api.DetectAsync("lifecycle-shop");

        var version = 1L;
        foreach (var (action, body, statusAfter) in Story)
        {
            var changed = await Api.ActAsync(id, action, body);
            version++;
            changed["version"]!.GetValue<long>().Should().Be(version, "{0} appends exactly one event", action);
            changed["status"]!.GetValue<string>().Should().Be(statusAfter, "after {0}", action);
        }

        var history = await Api.HistoryAsync(id);
        history.Select(e => e!["type"]!.GetValue<string>()).Should().Equal(
            "incident_detected", "responder_assigned", "severity_classified", "awareness_recorded", "incident_contained",
            "awareness_corrected", "incident_scoped", "incident_notified", "note_added", "incident_closed", "incident_reopened", "incident_closed");

        // Replaying every version gives the status the story had at that point.
        string[] expectedStatuses = ["detected", .. Story.Select(s => s.StatusAfter)];
        for (var v = 1; v <= expectedStatuses.Length; v++)
        {
            var then = await Api.GetAsync($"/api/incidents/{id}?version={v}");
            then["version"]!.GetValue<long>().Should().Be(v);
            then["status"]!.GetValue<string>().Should().Be(expectedStatuses[v - 1], "version {0} replays the state after that step", v);
        }

        var atFive = await Api.GetAsync($"/api/incidents/{id}?version=5");
        atFive["awareAt"]!.GetValue<string>().Should().Be("2026-11-20T09:00:00Z", "before the correction the team believed 09:00");
        var now = await Api.GetAsync($"/api/incidents/{id}");
        now["awareAt"]!.GetValue<string>().Should().Be("2026-11-20T08:30:00Z");
        now["reopenCount"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public async Task a_false_positive_can_be_closed_without_notification()
    {
        var id = await Api.DetectAsync("lifecycle-shop");

        await Api.ActAsync(id, "mark-false-positive", new { reason = "alert came from our own pen-test" });
        var closed = await Api.ActAsync(id, "close", new { });

        closed["status"]!.GetValue<string>().Should().Be("closed");
        closed["allowedActions"]!.AsArray().Select(a => a!.GetValue<string>()).Should().BeEquivalentTo(["reopen", "add-note"]);
    }

    [Fact]
    public async Task a_documented_decision_that_no_notification_is_owed_allows_closing()
    {
        var id = await Api.DetectAsync("lifecycle-shop");
        await Api.ActAsync(id, "scope/manual", new { summary = "only hashed passwords of 3 test accounts" });

        await Api.ActAsync(id, "decide-no-notification", new { reason = "unlikely to result in a risk (GDPR Art. 33(1)): test accounts only" });
        var closed = await Api.ActAsync(id, "close", new { summary = "no personal data of real customers" });

        closed["status"]!.GetValue<string>().Should().Be("closed");
    }
}
