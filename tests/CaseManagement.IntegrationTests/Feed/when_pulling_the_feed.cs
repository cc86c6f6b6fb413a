using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Security;
using FluentAssertions;

namespace CaseManagement.IntegrationTests.Feed;

/// <summary>
/// Integrators who poll page through the same envelopes the webhooks carry, from a sequence or an instant, some types or
/// all; the types and their JSON Schemas are listed; bad input is refused with the reason.
/// </summary>
[Collection(FeedCollection.Name)]
public sealed class when_pulling_the_feed(FeedFixture fixture)
{
    [Fact]
    public async Task small_pages_add_up_to_the_whole_feed_in_order()
    {
        var feed = new FeedApi(fixture);
        var all = await feed.FeedOfAsync(await feed.RecordIncidentsAsync(3));

        var paged = await feed.PullAllAsync(limit: 5);

        FeedApi.IdsOf(paged).Should().Equal(FeedApi.IdsOf(all), "pages of five follow each other without gaps or repeats");
        all.Select(e => long.Parse(e["sequence"]!.GetValue<string>())).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        var last = await feed.Integrator.GetAsync($"/api/feed?after={all[^1]["sequence"]}");
        last["events"]!.AsArray().Should().BeEmpty("nothing comes after the last event yet");
        last["hasMore"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public async Task since_starts_at_the_first_event_recorded_at_or_after_an_instant()
    {
        var feed = new FeedApi(fixture);
        var all = await feed.FeedOfAsync(await feed.RecordIncidentsAsync(2));
        var since = all[5]["time"]!.GetValue<string>();

        var page = await feed.Integrator.GetAsync($"/api/feed?since={Uri.EscapeDataString(since)}&limit=1000");

        var expected = all.Where(e => DateTimeOffset.Parse(e["time"]!.GetValue<string>()) >= DateTimeOffset.Parse(since));
        FeedApi.IdsOf(page["events"]!.AsArray().Select(e => e!)).Should().Equal(FeedApi.IdsOf(expected));
    }

    [Fact]
    public async Task every_type_is_listed_with_a_json_schema_of_its_data()
    {
        var feed = new FeedApi(fixture);
        var types = (await feed.Integrator.GetAsync("/api/feed/types")).AsArray();
        var detected = types.Single(t => t!["type"]!.GetValue<string>() == "com.casemanagement.incident.detected.v1")!;
        detected["eventName"]!.GetValue<string>().Should().Be("incident_detected");
        types.Select(t => t!["type"]!.GetValue<string>()).Should().Contain(["com.casemanagement.campaign.drafted.v1",
            "com.casemanagement.privacy.personal-data-erased.v1", "com.casemanagement.incident.containment-step-succeeded.v1"]);

        var schema = await feed.Integrator.GetAsync(detected["schema"]!.GetValue<string>());

        schema["$schema"]!.GetValue<string>().Should().Be("https://json-schema.org/draft/2020-12/schema");
        schema["properties"]!["incidentId"]!["format"]!.GetValue<string>().Should().Be("uuid");
        schema["properties"]!["detectedAt"]!["format"]!.GetValue<string>().Should().Be("date-time");
        schema["properties"]!["kind"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()).Should().Contain("checkout-skimmer",
            "words are written as the API writes them");
        var data = (await feed.FeedOfAsync(await feed.RecordIncidentsAsync(1)))[0]["data"]!.AsObject();
        schema["required"]!.AsArray().Select(r => r!.GetValue<string>()).Should().OnlyContain(r => data.ContainsKey(r),
            "every property the schema requires is in the data delivered");
        await feed.Integrator.GetAsync("/api/feed/types/com.casemanagement.incident.invented.v1/schema", 404);
    }

    [Fact]
    public async Task bad_input_is_refused_with_the_reason()
    {
        var integrator = new FeedApi(fixture).Integrator;

        await integrator.GetAsync("/api/feed?after=abc", 400);
        await integrator.GetAsync("/api/feed?after=-1", 400);
        await integrator.GetAsync("/api/feed?after=1&since=2026-01-01T00:00:00Z", 400);
        await integrator.GetAsync("/api/feed?since=2026-01-01T00:00", 400);
        await integrator.GetAsync("/api/feed?limit=many", 400);
        (await integrator.GetAsync("/api/feed?limit=1001", 422))["errors"]!["limit"].Should().NotBeNull();
        (await integrator.GetAsync("/api/feed?limit=0", 422))["errors"]!["limit"].Should().NotBeNull();
        (await integrator.GetAsync("/api/feed?types=com.casemanagement.incident.invented.v1", 422))["errors"]!["types[0]"]!.ToJsonString()
            .Should().Contain("/api/feed/types", "the answer says where the types are listed");
    }

    [Fact]
    public async Task people_who_handle_incidents_do_not_read_the_feed_but_auditors_do()
    {
        var feed = new FeedApi(fixture);

        await fixture.ApiFor(feed.Organisation, "sam@shop.test", Roles.Responder).GetAsync("/api/feed", 403);
        await fixture.ApiFor(feed.Organisation, "audrey@shop.test", Roles.Auditor).GetAsync("/api/feed", 200);
    }
}
