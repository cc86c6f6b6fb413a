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
        ("scope/manual", new { summary = "accounts of 18-20 Nov", estimatedAffectedPeople = 1200, dataCategories = new[] { "email", "name" } }, "scoped"),
        ("facts/affected-counts", new { counts = new[] { new { residence = "DE", count = 1200 } }, basis = "accounts in the leaked export" }, "scoped"),
        ("facts/risk-assessment", new { riskToIndividuals = true, highRisk = false, reasoning = "names and e-mail addresses: phishing risk, not high" }, "scoped"),
        ("notify", new { recipients = new[] { "regulator" }, summary = "SA notified" }, "notified"),
        ("obligations/satisfied", new { ruleId = "eu-gdpr-art33-sa", satisfiedAt = "2026-11-21T09:00:00Z", reference = "SA 2026-4711" }, "notified"),
        ("obligations/satisfied", new { ruleId = "eu-gdpr-art33-5-register", satisfiedAt = "2026-11-21T10:00:00Z", reference = "breach register entry 12" }, "notified"),
        ("add-note", new { text = "Regulator reference 2026-4711" }, "notified"),
        ("close", new { summary = "regulator informed, breach documented, monitoring in place" }, "closed"),
        ("reopen", new { reason = "more orders found in backup logs" }, "notified"),
        ("close", new { summary = "additional customers notified" }, "closed"),
    ];

    [Fact]
    public async Task every_step_is_recorded_and_each_version_replays_exactly()
    {
        var id = await Api.DetectAsync("lifecycle-shop");

        var version = 1L;
        var reviewed = false;
        foreach (var (action, body, statusAfter) in Story)
        {
            if (action == "close" && !reviewed)
            {
                // A critical incident closes after its post-incident review (ADR 24); the review is a stream of its own.
                await Api.CompleteReviewAsync(id, "checkout plugin left unpatched");
                reviewed = true;
            }

            var changed = await Api.ActAsync(id, action, body);
            version++;
            changed["version"]!.GetValue<long>().Should().Be(version, "{0} appends exactly one event", action);
            changed["status"]!.GetValue<string>().Should().Be(statusAfter, "after {0}", action);
        }

        var history = await Api.HistoryAsync(id);
        history.Select(e => e!["type"]!.GetValue<string>()).Should().Equal(
            "incident_detected", "responder_assigned", "severity_classified", "awareness_recorded", "incident_contained",
            "awareness_corrected", "incident_scoped", "affected_counts_recorded", "risk_assessed", "incident_notified", "obligation_satisfied",
            "obligation_satisfied", "note_added", "review_started", "review_findings_recorded", "review_completed", "incident_closed", "incident_reopened",
            "incident_closed");

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
    public async Task a_documented_decision_that_no_notification_is_owed_allows_closing_once_the_breach_is_in_the_register()
    {
        var id = await Api.DetectAsync("lifecycle-shop");
        await Api.ActAsync(id, "scope/manual", new { summary = "only hashed passwords of 3 test accounts", dataCategories = new[] { "account-credentials" } });
        await Api.ActAsync(id, "facts/affected-counts", new { counts = new[] { new { residence = "DE", count = 3 } }, basis = "the three staff test accounts" });
        await Api.ActAsync(id, "facts/risk-assessment", new { riskToIndividuals = false, highRisk = false, reasoning = "test accounts of staff, hashed passwords" });

        await Api.ActAsync(id, "decide-no-notification", new { reason = "unlikely to result in a risk (GDPR Art. 33(1)): test accounts only" });
        var refused = await Api.ActAsync(id, "close", new { summary = "no personal data of real customers" }, 409);
        await Api.ActAsync(id, "obligations/satisfied", new { ruleId = "eu-gdpr-art33-5-register", satisfiedAt = DateTimeOffset.UtcNow.AddMinutes(-1), reference = "register entry 7" });
        var closed = await Api.ActAsync(id, "close", new { summary = "no personal data of real customers" });

        refused["openDuties"]!.AsArray().Select(d => d!["ruleId"]!.GetValue<string>()).Should().Equal(["eu-gdpr-art33-5-register"],
            "Art. 33(5) asks for every breach to be documented, notified or not");
        closed["status"]!.GetValue<string>().Should().Be("closed");
    }
}
