using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Security;
using FluentAssertions;

namespace CaseManagement.IntegrationTests.Incidents;

public sealed class when_replaying_what_was_known(AppFixture fixture) : ServiceScenario(fixture)
{
    [Fact]
    public async Task as_of_an_instant_shows_the_state_recorded_by_then()
    {
        var id = await Api.DetectAsync("replay-shop");
        await Api.ActAsync(id, "contain", new { summary = "plugin deactivated" });
        var history = await Api.HistoryAsync(id);
        var containedRecordedAt = DateTimeOffset.Parse(history[1]!["timestamp"]!.GetValue<string>());
        var detectedRecordedAt = DateTimeOffset.Parse(history[0]!["timestamp"]!.GetValue<string>());

        var between = detectedRecordedAt + (containedRecordedAt - detectedRecordedAt) / 2;
        var before = await Api.GetAsync($"/api/incidents/{id}?asOf={Uri.EscapeDataString(between.ToString("O"))}");
        var after = await Api.GetAsync($"/api/incidents/{id}?asOf={Uri.EscapeDataString(containedRecordedAt.ToString("O"))}");

        before["status"]!.GetValue<string>().Should().Be("detected", "containment was recorded later than {0:O}", between);
        after["status"]!.GetValue<string>().Should().Be("contained");
    }

    [Fact]
    public async Task before_the_incident_existed_there_is_nothing_to_show()
    {
        var id = await Api.DetectAsync("replay-shop");

        var problem = await Api.GetAsync($"/api/incidents/{id}?asOf=2000-01-01T00:00:00Z", 404);

        problem["detail"]!.GetValue<string>().Should().Contain("had not been recorded");
    }

    [Fact]
    public async Task a_version_beyond_the_history_is_not_found()
    {
        var id = await Api.DetectAsync("replay-shop");

        var problem = await Api.GetAsync($"/api/incidents/{id}?version=7", 404);

        problem["detail"]!.GetValue<string>().Should().Contain("has 1 versions");
    }

    [Theory]
    [InlineData("?asOf=2026-11-20T08:00:00", "offset")]
    [InlineData("?version=0", "starts at 1")]
    [InlineData("?version=2&asOf=2026-11-20T08:00:00Z", "not both")]
    public async Task an_unclear_point_in_time_is_a_bad_request(string query, string hint)
    {
        var id = await Api.DetectAsync("replay-shop");

        var problem = await Api.GetAsync($"/api/incidents/{id}{query}", 400);

        problem["detail"]!.GetValue<string>().Should().Contain(hint);
    }

    [Fact]
    public async Task the_history_names_who_did_what_in_which_chain_of_work()
    {
        var id = await ApiAs("first@shop.test", Organisation, Roles.Responder).DetectAsync("replay-shop");
        await ApiAs("second@shop.test", Organisation, Roles.ComplianceLead).ActAsync(id, "add-note", new { text = "called the host" },
            configure: x => x.WithRequestHeader("X-Correlation-Id", "ticket-4711"));

        var history = await Api.HistoryAsync(id);

        history.Should().HaveCount(2);
        history[0]!["actor"]!.GetValue<string>().Should().Be("user:first@shop.test", "the actor is the authenticated person");
        history[1]!["actor"]!.GetValue<string>().Should().Be("user:second@shop.test");
        history[1]!["correlationId"]!.GetValue<string>().Should().Be("ticket-4711", "the caller's correlation id is kept");
        history[1]!["causationId"]!.GetValue<string>().Should().NotBeNullOrEmpty("the request that caused the event is named");
        history[1]!["sequence"]!.GetValue<long>().Should().BeGreaterThan(history[0]!["sequence"]!.GetValue<long>());
        history[1]!["data"]!["text"]!.GetValue<string>().Should().Be("called the host");
    }
}
