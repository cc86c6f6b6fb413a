using System.Text.Json.Nodes;
using CaseManagement.IntegrationTests.Infrastructure;
using FluentAssertions;

namespace CaseManagement.IntegrationTests.Obligations;

/// <summary>
/// Wolverine scheduled messages warn before a regulator deadline and record when one is missed, on the
/// incident's own stream. Each scenario puts the GDPR Art. 33 deadline (72 h after awareness, French
/// customers affected) a few seconds from now, so the real scheduler fires during the test.
/// </summary>
[Collection(EscalationCollection.Name)]
public sealed class when_deadlines_draw_near(EscalationFixture fixture)
{
    private const string Gdpr = "eu-gdpr-art33-sa";

    [Fact]
    public async Task a_near_deadline_is_announced_and_then_recorded_as_missed()
    {
        var api = fixture.Api();
        var (id, due) = await IncidentDueInAsync(api, TimeSpan.FromSeconds(12));

        var history = await WaitForEventsAsync(api, id, h => Escalations(h, "deadline_missed").Any());

        Escalations(history, "deadline_approaching").Should().ContainSingle("only the 4 h lead still holds 12 s before the deadline; 24 h would be noise")
            .Which["data"]!["leadHours"]!.GetValue<int>().Should().Be(4);
        var missed = Escalations(history, "deadline_missed").Should().ContainSingle().Subject;
        DateTimeOffset.Parse(missed["data"]!["dueAt"]!.GetValue<string>()).Should().Be(due);
        missed["data"]!["citation"]!.GetValue<string>().Should().Contain("Art. 33");
        missed["actor"]!.GetValue<string>().Should().Be("system:deadline-escalation");
        DateTimeOffset.Parse(missed["timestamp"]!.GetValue<string>()).Should().BeOnOrAfter(due, "a deadline is missed only once it has passed");
    }

    [Fact]
    public async Task an_escalation_leaves_the_version_a_responder_holds_current()
    {
        var api = fixture.Api();
        var (id, _) = await IncidentDueInAsync(api, TimeSpan.FromSeconds(8));
        var held = await api.VersionOfAsync(id);

        var history = await WaitForEventsAsync(api, id, h => Escalations(h, "deadline_missed").Any());

        Escalations(history, "deadline_missed").Single()["stream"]!.GetValue<string>().Should().Be("escalations", "a warning is news for people, not a change of the incident");
        (await api.VersionOfAsync(id)).Should().Be(held);
        await api.ActAsync(id, "add-note", new { text = "regulator call booked" }, 200, x => x.WithRequestHeader("If-Match", $"\"{held}\""));
    }

    [Fact]
    public async Task a_deadline_that_moves_is_escalated_for_its_new_instant_and_the_old_schedule_is_ignored()
    {
        var api = fixture.Api();
        var (id, oldDue) = await IncidentDueInAsync(api, TimeSpan.FromSeconds(10));
        await WaitForEventsAsync(api, id, h => Escalations(h, "deadline_approaching").Any());

        var newAwareness = DateTimeOffset.UtcNow.AddHours(-60);
        await api.ActAsync(id, "correct-awareness", new { awareAt = newAwareness.ToString("O"), reason = "the first report was a test alert" });
        var newDue = newAwareness.AddHours(72);
        await WaitForLogAsync($"Incident {id}: escalation EscalationKey {{ RuleId = {Gdpr}", "the deadline moved");
        var history = await WaitForEventsAsync(api, id, h => Escalations(h, "deadline_approaching").Count() == 2);

        DateTimeOffset.UtcNow.Should().BeAfter(oldDue, "the old instant's miss was delivered and declined");
        Escalations(history, "deadline_missed").Should().BeEmpty("the deadline moved before it passed; the old instant was never missed");
        var approaching = Escalations(history, "deadline_approaching").Last()!["data"]!;
        DateTimeOffset.Parse(approaching["dueAt"]!.GetValue<string>()).Should().BeCloseTo(newDue, TimeSpan.FromMilliseconds(1));
        approaching["leadHours"]!.GetValue<int>().Should().Be(24, "12 h before the new deadline the 24 h lead is the one reached");
    }

    [Fact]
    public async Task a_pending_escalation_survives_a_restart_and_nothing_is_raised_twice_when_everything_is_replanned()
    {
        var api = fixture.Api();
        var (id, _) = await IncidentDueInAsync(api, TimeSpan.FromSeconds(15));
        await WaitForEventsAsync(api, id, h => Escalations(h, "deadline_approaching").Any());

        await fixture.RestartAsync();
        api = fixture.Api();
        await WaitForEventsAsync(api, id, h => Escalations(h, "deadline_missed").Any());
        var daemon = await fixture.DaemonAsync();
        await daemon.RewindSubscriptionAsync(CaseManagement.Obligations.Escalation.DeadlineEscalationSubscription.Name, CancellationToken.None, sequenceFloor: 0);
        await WaitForLogAsync($"Incident {id}: escalation EscalationKey {{ RuleId = {Gdpr}", "already raised");

        var history = await api.HistoryAsync(id);
        Escalations(history, "deadline_missed").Should().ContainSingle("the miss was scheduled before the restart and raised once after it, and replanning found it raised");
        Escalations(history, "deadline_approaching").Should().ContainSingle();
    }

    [Fact]
    public async Task a_duty_that_only_may_apply_asks_for_its_facts_and_is_never_reported_missed()
    {
        const string cac = "cn-cac-incident-reporting-measures";
        var api = fixture.Api();
        var now = DateTimeOffset.UtcNow;
        var id = await api.DetectAsync("escalation-shop");
        var awareAt = now.AddHours(-4).AddSeconds(8);
        await api.ActAsync(id, "record-awareness", new { awareAt = awareAt.ToString("O"), reason = "skimmer confirmed" });

        var history = await WaitForEventsAsync(api, id, h => h.AsArray().Any(e => e!["type"]!.GetValue<string>() == "obligation_facts_missing"
            && e["data"]!["ruleId"]!.GetValue<string>() == cac && e["data"]!["leadHours"]!.GetValue<int>() == 0));

        history.AsArray().Should().NotContain(e => e!["type"]!.GetValue<string>() == "deadline_missed" && e["data"]!["ruleId"]!.GetValue<string>() == cac,
            "no affected people are recorded: nobody knows the CAC report was owed, so it was not missed");
        var asked = history.AsArray().Last(e => e!["type"]!.GetValue<string>() == "obligation_facts_missing" && e["data"]!["ruleId"]!.GetValue<string>() == cac)!;
        asked["data"]!["missingFacts"]!.AsArray().Should().NotBeEmpty("the escalation names the fact that would settle whether the duty applies");
        asked["data"]!["dueAt"]!.GetValue<DateTimeOffset>().Should().BeCloseTo(awareAt.AddHours(4), TimeSpan.FromMilliseconds(1));
        var timeline = await api.GetAsync($"/api/incidents/{id}/deadlines");
        timeline["obligations"]!.AsArray().Single(o => o!["ruleId"]!.GetValue<string>() == cac)!["status"]!.GetValue<string>().Should().Be("needs-facts");
    }

    private static async Task<(Guid Id, DateTimeOffset Due)> IncidentDueInAsync(IncidentApi api, TimeSpan dueIn)
    {
        var now = DateTimeOffset.UtcNow;
        var created = await api.SendAsync(HttpMethod.Post, "/api/incidents", new
        {
            title = "Card skimmer", shop = "escalation-shop", kind = "checkout-skimmer", detectedAt = now.AddHours(-73).ToString("O"),
            dataCategories = new[] { "payment-card", "email" },
        }, 201);
        var id = created["id"]!.GetValue<Guid>();
        await api.ActAsync(id, "facts/affected-counts", new { counts = new[] { new { residence = "FR", count = 50 } }, basis = "orders" });
        var awareAt = now.AddHours(-72) + dueIn;
        await api.ActAsync(id, "record-awareness", new { awareAt = awareAt.ToString("O"), reason = "skimmer confirmed" });
        return (id, awareAt.AddHours(72));
    }

    private static IEnumerable<JsonNode> Escalations(JsonNode history, string type) =>
        history.AsArray().Where(e => e!["type"]!.GetValue<string>() == type && e["data"]!["ruleId"]!.GetValue<string>() == Gdpr)!;

    private static Task<JsonNode> WaitForEventsAsync(IncidentApi api, Guid id, Func<JsonNode, bool> done) =>
        api.WaitForAsync($"/api/incidents/{id}/events", done);

    private async Task WaitForLogAsync(string subject, string why)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!fixture.Logs.Lines.Any(l => l.Contains(subject) && l.Contains(why)))
        {
            clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(60), "the service should log that it declined \"{0}\" ({1})", subject, why);
            await Task.Delay(200);
        }
    }
}
