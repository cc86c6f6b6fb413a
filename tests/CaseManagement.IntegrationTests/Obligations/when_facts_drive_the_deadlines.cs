using System.Text.Json.Nodes;
using CaseManagement.IntegrationTests.Infrastructure;
using FluentAssertions;

namespace CaseManagement.IntegrationTests.Obligations;

/// <summary>
/// A card skimmer at a shop with customers in Germany, California and Texas: the facts recorded over the
/// API decide which regulator clocks run, and correcting a fact moves them, with the move kept in history.
/// </summary>
public sealed class when_facts_drive_the_deadlines(AppFixture fixture) : ServiceScenario(fixture)
{
    [Fact]
    public async Task an_incident_across_jurisdictions_shows_the_right_deadlines_and_they_move_when_facts_are_corrected()
    {
        var id = await Api.DetectAsync("deadline-shop");
        await Api.ActAsync(id, "record-awareness", new { awareAt = "2026-03-02T09:00:00Z", reason = "skimmer confirmed" });
        await Api.ActAsync(id, "facts/affected-counts", new
        {
            counts = new object[] { new { residence = "DE", count = 3000 }, new { residence = "US-CA", count = 1200 }, new { residence = "US-TX", count = 40 } },
            basis = "orders with card payments 2026-02-20..03-02",
        });
        await Api.ActAsync(id, "facts/data-categories", new { categories = new[] { "payment-card", "name", "email" } });
        await Api.ActAsync(id, "facts/encryption", new { status = "unencrypted", reason = "skimmer read the form fields in the browser" });

        var timeline = await Api.GetAsync($"/api/incidents/{id}/deadlines");

        timeline["catalogueVersion"]!.GetValue<string>().Should().Be("2026.12.1", "a new incident pins the newest catalogue");
        var gdpr = Obligation(timeline, "eu-gdpr-art33-sa");
        gdpr["dueAt"]!.GetValue<string>().Should().Be("2026-03-05T09:00:00Z", "72 hours after awareness");
        gdpr["citation"]!.GetValue<string>().Should().Contain("Art. 33");
        gdpr["status"]!.GetValue<string>().Should().Be("overdue", "that instant has passed and nothing is recorded as met");
        var california = timeline["obligations"]!.AsArray().Where(o => o!["jurisdiction"]!.GetValue<string>() == "US-CA").ToList();
        california.Should().NotBeEmpty("1,200 California residents are affected");
        timeline["obligations"]!.AsArray().Should().NotContain(o => o!["jurisdiction"]!.GetValue<string>() == "US-VT", "no Vermont residents are affected");

        await Api.ActAsync(id, "correct-awareness", new { awareAt = "2026-03-01T21:00:00Z", reason = "host logs show the confirmation the evening before" });
        var corrected = Obligation(await Api.GetAsync($"/api/incidents/{id}/deadlines"), "eu-gdpr-art33-sa");

        corrected["dueAt"]!.GetValue<string>().Should().Be("2026-03-04T21:00:00Z", "the clock runs from the corrected awareness");
        var history = corrected["history"]!.AsArray();
        history.Select(h => h!["dueAt"]?.GetValue<string>()).Should().ContainInOrder("2026-03-05T09:00:00Z", "2026-03-04T21:00:00Z");
        history.Last()!["cause"]!.GetValue<string>().Should().Be("awareness_corrected");
        history.Last()!["actor"]!.GetValue<string>().Should().StartWith("user:");
    }

    [Fact]
    public async Task a_met_obligation_is_shown_met_on_time_or_late()
    {
        var id = await Api.DetectAsync("deadline-shop");
        await Api.ActAsync(id, "record-awareness", new { awareAt = "2026-03-02T09:00:00Z" });
        await Api.ActAsync(id, "facts/affected-counts", new { counts = new[] { new { residence = "FR", count = 50 } }, basis = "orders" });

        await Api.ActAsync(id, "obligations/satisfied", new { ruleId = "eu-gdpr-art33-sa", satisfiedAt = "2026-03-05T07:00:00Z", reference = "CNIL-2026-0042" });

        var gdpr = Obligation(await Api.GetAsync($"/api/incidents/{id}/deadlines"), "eu-gdpr-art33-sa");
        gdpr["status"]!.GetValue<string>().Should().Be("met-on-time");
        gdpr["satisfiedAt"]!.GetValue<string>().Should().Be("2026-03-05T07:00:00Z");
    }

    [Fact]
    public async Task as_of_an_instant_the_timeline_shows_only_what_was_recorded_by_then()
    {
        var id = await Api.DetectAsync("deadline-shop");
        await Api.ActAsync(id, "record-awareness", new { awareAt = "2026-03-02T09:00:00Z" });
        await Api.ActAsync(id, "facts/data-categories", new { categories = new[] { "payment-card", "name" } });
        await Api.ActAsync(id, "facts/encryption", new { status = "unencrypted", reason = "card form read in the browser" });
        var before = DateTimeOffset.UtcNow;
        await Task.Delay(50);
        await Api.ActAsync(id, "facts/affected-counts", new { counts = new[] { new { residence = "US-CA", count = 900 } }, basis = "orders" });

        var then = await Api.GetAsync($"/api/incidents/{id}/deadlines?asOf={Uri.EscapeDataString(before.ToString("O"))}");
        var now = await Api.GetAsync($"/api/incidents/{id}/deadlines");

        then["obligations"]!.AsArray().Where(o => o!["jurisdiction"]!.GetValue<string>() == "US-CA")
            .Should().OnlyContain(o => o!["applicability"]!.GetValue<string>() != "applies", "no counts were recorded at that time");
        now["obligations"]!.AsArray().Should().Contain(o => o!["jurisdiction"]!.GetValue<string>() == "US-CA" && o["applicability"]!.GetValue<string>() == "applies");
    }

    [Fact]
    public async Task what_if_evaluates_hypothetical_counts_and_records_nothing()
    {
        var id = await Api.DetectAsync("deadline-shop");
        await Api.ActAsync(id, "record-awareness", new { awareAt = "2026-03-02T09:00:00Z" });

        var whatIf = await Api.SendAsync(HttpMethod.Post, $"/api/incidents/{id}/deadlines/what-if",
            new { affectedCounts = new[] { new { residence = "GB", count = 10 } } }, 200);

        Obligation(whatIf, "gb-ukgdpr-art33-ico")["dueAt"]!.GetValue<string>().Should().Be("2026-03-05T09:00:00Z");
        (await Api.HistoryAsync(id)).Should().HaveCount(2, "a what-if records nothing");
    }

    [Fact]
    public async Task bad_facts_are_422s_listing_each_problem_and_change_nothing()
    {
        var id = await Api.DetectAsync("deadline-shop");

        var problem = await Api.ActAsync(id, "facts/affected-counts", new
        {
            counts = new object[] { new { residence = "XX", count = 5 }, new { residence = "US-ZZ", count = 1 }, new { residence = "DE", count = -3 } },
            basis = "typo test",
        }, 422);

        problem["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo(["counts[0].residence", "counts[1].residence", "counts[2].count"]);
        var future = await Api.ActAsync(id, "facts/clocks", new { clock = "determination", at = "2099-01-01T00:00:00Z" }, 422);
        future["errors"]!["at"].Should().NotBeNull();
        var noOffset = await Api.ActAsync(id, "facts/clocks", new { clock = "determination", at = "2026-03-02T09:00:00" }, 422);
        noOffset["errors"]!["at"]!.ToJsonString().Should().Contain("explicit offset");
        (await Api.VersionOfAsync(id)).Should().Be(1);
    }

    [Fact]
    public async Task the_catalogue_is_listed_with_citations_and_verification()
    {
        var listing = await Api.GetAsync("/api/obligations?jurisdiction=US-CA");

        listing["version"]!.GetValue<string>().Should().Be("2026.12.1", "the newest catalogue is listed unless a version is asked for");
        listing["rules"]!.AsArray().Should().NotBeEmpty().And.OnlyContain(r => r!["citation"]!.GetValue<string>().Length > 0);
        (await Api.GetAsync("/api/obligations"))["count"]!.GetValue<int>().Should().Be(131);
    }

    private static JsonNode Obligation(JsonNode timeline, string ruleId) =>
        timeline["obligations"]!.AsArray().SingleOrDefault(o => o!["ruleId"]!.GetValue<string>() == ruleId)
        ?? throw new Xunit.Sdk.XunitException($"{ruleId} is not on the timeline: {timeline.ToJsonString()[..Math.Min(2000, timeline.ToJsonString().Length)]}");
}
