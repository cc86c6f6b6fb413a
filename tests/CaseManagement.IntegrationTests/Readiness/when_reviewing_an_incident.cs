using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Security;
using FluentAssertions;

namespace CaseManagement.IntegrationTests.Readiness;

/// <summary>
/// Post-incident reviews over HTTP: the review's generated timeline and phases, its findings and follow-up actions, and the
/// close gate that holds a critical incident open until its review is completed (ADR 24). Each scenario has an organisation
/// of its own, so a policy one of them sets cannot change another's.
/// </summary>
public sealed class when_reviewing_an_incident(AppFixture fixture) : ServiceScenario(fixture)
{
    private readonly string _organisation = $"rv-{Guid.NewGuid():N}"[..16];

    private IncidentApi Lead => ApiAs("lee.lead@shop.test", _organisation, Roles.ComplianceLead, Roles.Responder);

    private IncidentApi Responder => ApiAs(IncidentApi.Responder, _organisation, Roles.Responder);

    [Fact]
    public async Task a_critical_incident_closes_only_once_its_review_is_completed()
    {
        var id = await NotifiedAsync("critical");

        var unreviewed = await Lead.ActAsync(id, "close", new { summary = "done" }, 409);
        unreviewed["missing"]!.GetValue<string>().Should().Be("post-incident-review", "the refusal names what is missing");
        unreviewed["reviewStatus"]!.GetValue<string>().Should().Be("not-started");
        unreviewed["detail"]!.GetValue<string>().Should().Contain("critical").And.Contain($"/api/incidents/{id}/review");

        var started = await Responder.SendAsync(HttpMethod.Post, $"/api/incidents/{id}/review", new { }, 201);
        var reviewId = started["id"]!.GetValue<Guid>();
        (await Responder.SendAsync(HttpMethod.Post, $"/api/incidents/{id}/review", new { }, 409))["title"]!.GetValue<string>()
            .Should().Be("The incident already has a review", "an incident has one review");
        var review = await Responder.GetAsync($"/api/incidents/{id}/review");
        review["id"]!.GetValue<Guid>().Should().Be(reviewId);
        review["timeline"]!.AsArray().Select(t => t!.GetValue<string>()).Should().Contain(t => t.Contains("classified the severity as critical"),
            "the timeline is generated from the incident's events");
        var detection = review["phases"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "detection")!;
        review["measures"]!.AsArray().Single(m => m!["name"]!.GetValue<string>() == "mttc")!["hours"]!.GetValue<double>()
            .Should().Be(3, "contained three hours after detection, as the record states");
        detection["text"]!.GetValue<string>().Should().NotBeNullOrEmpty();

        var open = await Lead.ActAsync(id, "close", new { summary = "done" }, 409);
        open["reviewStatus"]!.GetValue<string>().Should().Be("open");
        open["detail"]!.GetValue<string>().Should().Contain("no root cause yet");
        (await Lead.SendAsync(HttpMethod.Post, $"/api/reviews/{reviewId}/complete", new { }, 409))["detail"]!.GetValue<string>()
            .Should().Contain("record the root cause first");

        await Responder.SendAsync(HttpMethod.Post, $"/api/reviews/{reviewId}/findings", new
        {
            rootCause = "checkout plugin left unpatched for nine months",
            contributingFactors = new[] { "no inventory of installed plugins" },
            wentWell = new[] { "skimmer removed within three hours" },
            wentBadly = new[] { "the regulator heard of it from the acquirer first" },
        }, 200);
        var action = await Responder.SendAsync(HttpMethod.Post, $"/api/reviews/{reviewId}/actions",
            new { title = "Keep an inventory of plugins and their patch level", owner = "kim.lead@shop.test", dueAt = DateTimeOffset.UtcNow.AddDays(30) }, 200);
        action["actions"]!.AsArray().Single()!["id"]!.GetValue<string>().Should().Be("action-1");
        await Lead.SendAsync(HttpMethod.Post, $"/api/reviews/{reviewId}/complete", new { summary = "reviewed with the shop owner" }, 200);

        var closed = await Lead.ActAsync(id, "close", new { summary = "done" });
        closed["status"]!.GetValue<string>().Should().Be("closed", "the completed review lets the incident close");
        var history = await Lead.HistoryAsync(id);
        history.Where(e => e!["stream"]!.GetValue<string>() == "review").Select(e => e!["type"]!.GetValue<string>()).Should().Equal(
            ["review_started", "review_findings_recorded", "review_action_added", "review_completed"], "the review is part of the incident's record");
        (await Responder.SendAsync(HttpMethod.Post, $"/api/reviews/{reviewId}/findings", new { rootCause = "changed our minds" }, 409))["title"]!
            .GetValue<string>().Should().Be("The review is completed");
    }

    [Fact]
    public async Task follow_up_actions_are_tracked_to_done_once_each()
    {
        var id = await NotifiedAsync("medium");
        var reviewId = (await Responder.SendAsync(HttpMethod.Post, $"/api/incidents/{id}/review", new { }, 201))["id"]!.GetValue<Guid>();

        var invalid = await Responder.SendAsync(HttpMethod.Post, $"/api/reviews/{reviewId}/actions", new { title = "x", dueAt = DateTimeOffset.UtcNow.AddDays(-1) }, 422);
        invalid["errors"]!["owner"].Should().NotBeNull("an action has an owner");
        invalid["errors"]!["dueAt"]![0]!.GetValue<string>().Should().Contain("must be after now");
        await Responder.SendAsync(HttpMethod.Post, $"/api/reviews/{reviewId}/actions",
            new { title = "Alert on new scripts in checkout", owner = "kim.lead@shop.test", dueAt = DateTimeOffset.UtcNow.AddDays(7) }, 200);

        var done = await Responder.SendAsync(HttpMethod.Post, $"/api/reviews/{reviewId}/actions/action-1/done", new { note = "CSP report-only rule live" }, 200);
        var again = await Responder.SendAsync(HttpMethod.Post, $"/api/reviews/{reviewId}/actions/action-1/done", new { }, 409);
        var unknown = await Responder.SendAsync(HttpMethod.Post, $"/api/reviews/{reviewId}/actions/action-7/done", new { }, 404);

        done["actions"]!.AsArray().Single()!["note"]!.GetValue<string>().Should().Be("CSP report-only rule live");
        (await Responder.GetAsync($"/api/reviews/{reviewId}"))["actions"]!.AsArray().Single()!["state"]!.GetValue<string>().Should().Be("done");
        again["detail"]!.GetValue<string>().Should().Contain("was recorded done at");
        unknown["detail"]!.GetValue<string>().Should().Contain("has no action 'action-7'").And.Contain("action-1");
    }

    [Fact]
    public async Task a_medium_incident_closes_without_a_review_and_the_organisation_decides_which_severities_need_one()
    {
        var medium = await NotifiedAsync("medium");
        (await Lead.ActAsync(medium, "close", new { }))["status"]!.GetValue<string>().Should().Be("closed", "the default names only high and critical");

        var policy = await Lead.GetAsync("/api/readiness/policy");
        policy["reviewRequiredFor"]!.AsArray().Select(s => s!.GetValue<string>()).Should().Equal("high", "critical");
        policy["isDefault"]!.GetValue<bool>().Should().BeTrue();
        (await Lead.SendAsync(HttpMethod.Post, "/api/readiness/policy", new { reviewRequiredFor = new[] { "urgent" }, reason = "urgent ones only" }, 422))["errors"]!["reviewRequiredFor[0]"]
            .Should().NotBeNull("urgent is no severity");
        var set = await Lead.SendAsync(HttpMethod.Post, "/api/readiness/policy", new { reviewRequiredFor = new[] { "low" }, reason = "only the low ones, to test the rule" }, 200);
        set["isDefault"]!.GetValue<bool>().Should().BeFalse();
        set["reviewRequiredFor"]!.AsArray().Select(s => s!.GetValue<string>()).Should().Equal("low");
        var read = await Lead.GetAsync("/api/readiness/policy");
        read["version"]!.GetValue<long>().Should().Be(set["version"]!.GetValue<long>(), "the answer states the version the policy is recorded at");
        read["setBy"]!.GetValue<string>().Should().Be(set["setBy"]!.GetValue<string>(), "the answer names who set it, as the record does");
        read["reviewRequiredFor"]!.ToJsonString().Should().Be(set["reviewRequiredFor"]!.ToJsonString());

        var critical = await NotifiedAsync("critical");
        (await Lead.ActAsync(critical, "close", new { }))["status"]!.GetValue<string>().Should().Be("closed", "the organisation's policy no longer names critical");
        var low = await NotifiedAsync("low");
        (await Lead.ActAsync(low, "close", new { }, 409))["reviewStatus"]!.GetValue<string>().Should().Be("not-started", "it names low now");
        var other = ApiAs("lee.lead@shop.test", $"rv-{Guid.NewGuid():N}"[..16], Roles.ComplianceLead);
        (await other.GetAsync("/api/readiness/policy"))["reviewRequiredFor"]!.AsArray().Should().HaveCount(2, "another organisation keeps its own policy");
    }

    /// <summary>A notified incident of the severity given, contained three hours after detection and scoped, with every duty waived: ready to close.</summary>
    private async Task<Guid> NotifiedAsync(string severity)
    {
        var id = await Lead.DetectAsync("review-shop");
        await Lead.ActAsync(id, "classify-severity", new { severity, reason = "card data exposed at checkout" });
        await Lead.ActAsync(id, "contain", new { containedAt = "2026-11-20T11:00:00Z", summary = "footer script removed" });
        await Lead.ActAsync(id, "scope/manual", new { summary = "orders placed 18-20 Nov", estimatedAffectedPeople = 40, dataCategories = new[] { "payment-card" } });
        await Lead.ActAsync(id, "notify", new { recipients = new[] { "regulator" }, notifiedAt = "2026-11-21T09:00:00Z", summary = "SA notified" });
        await Lead.WaiveOpenDutiesAsync(id, "review scenario: each duty was handled outside the service");
        return id;
    }
}
