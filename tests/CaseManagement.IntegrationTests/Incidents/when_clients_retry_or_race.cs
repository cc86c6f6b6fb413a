using Alba;
using System.Net;
using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Security;
using FluentAssertions;

namespace CaseManagement.IntegrationTests.Incidents;

public sealed class when_clients_retry_or_race(AppFixture fixture) : ServiceScenario(fixture)
{
    [Fact]
    public async Task a_stale_if_match_is_a_conflict_and_a_current_one_succeeds()
    {
        var id = await Api.DetectAsync("race-shop");
        await Api.ActAsync(id, "add-note", new { text = "first" });

        var conflict = await Api.ActAsync(id, "contain", new { summary = "decided on version 1" }, 409,
            configure: x => x.WithRequestHeader("If-Match", "\"1\""));
        conflict["currentVersion"]!.GetValue<long>().Should().Be(2);
        conflict["expectedVersion"]!.GetValue<long>().Should().Be(1);

        var ok = await Api.ActAsync(id, "contain", new { summary = "decided on version 2" }, configure: x => x.WithRequestHeader("If-Match", "\"2\""));
        ok["version"]!.GetValue<long>().Should().Be(3);
    }

    [Fact]
    public async Task an_expected_version_in_the_body_is_checked_too()
    {
        var id = await Api.DetectAsync("race-shop");

        var conflict = await Api.ActAsync(id, "add-note", new { text = "x", expectedVersion = 5 }, 409);

        conflict["detail"]!.GetValue<string>().Should().Contain("is at version 1").And.Contain("expected version 5");
        (await Api.VersionOfAsync(id)).Should().Be(1);
    }

    [Fact]
    public async Task the_etag_of_a_read_is_the_version_to_send_back()
    {
        var id = await Api.DetectAsync("race-shop");

        var result = await Host.Scenario(x =>
        {
            x.Get.Url($"/api/incidents/{id}");
            Api.Authenticate(x);
        });

        result.Context.Response.Headers.ETag.ToString().Should().Be("\"1\"");
    }

    [Fact]
    public async Task a_retried_creation_returns_the_first_answer_and_creates_nothing_new()
    {
        var key = $"create-{Guid.NewGuid()}";
        var body = IncidentApi.NewIncident("idempotent-shop");

        var first = await Api.SendAsync(HttpMethod.Post, "/api/incidents", body, 201, configure: x => x.WithRequestHeader("Idempotency-Key", key));
        var retry = await Host.Scenario(x =>
        {
            x.Post.RawJson(IncidentApi.Json(body)).ToUrl("/api/incidents");
            Api.Authenticate(x);
            x.WithRequestHeader("Idempotency-Key", key);
            x.StatusCodeShouldBe(HttpStatusCode.Created);
        });

        var again = System.Text.Json.Nodes.JsonNode.Parse(await retry.ReadAsTextAsync())!;
        again["id"]!.GetValue<Guid>().Should().Be(first["id"]!.GetValue<Guid>(), "the retry must not open a second incident");
        retry.Context.Response.Headers["Idempotent-Replayed"].ToString().Should().Be("true");
        retry.Context.Response.Headers.Location.ToString().Should().Be($"/api/incidents/{first["id"]}");
    }

    [Fact]
    public async Task a_retried_command_appends_nothing()
    {
        var id = await Api.DetectAsync("idempotent-shop");
        var key = $"note-{Guid.NewGuid()}";

        var first = await Api.ActAsync(id, "add-note", new { text = "host contacted" }, configure: x => x.WithRequestHeader("Idempotency-Key", key));
        var retry = await Api.ActAsync(id, "add-note", new { text = "host contacted" }, configure: x => x.WithRequestHeader("Idempotency-Key", key));

        retry.ToJsonString().Should().Be(first.ToJsonString());
        (await Api.HistoryAsync(id)).Should().HaveCount(2, "detection and one note");
    }

    [Fact]
    public async Task a_key_reused_for_a_different_request_is_refused()
    {
        var id = await Api.DetectAsync("idempotent-shop");
        var key = $"note-{Guid.NewGuid()}";
        await Api.ActAsync(id, "add-note", new { text = "one" }, configure: x => x.WithRequestHeader("Idempotency-Key", key));

        var problem = await Api.ActAsync(id, "add-note", new { text = "two" }, 422, configure: x => x.WithRequestHeader("Idempotency-Key", key));

        problem["detail"]!.GetValue<string>().Should().Contain("already used");
        (await Api.HistoryAsync(id)).Should().HaveCount(2);
    }

    [Fact]
    public async Task of_two_concurrent_decisions_on_the_same_version_one_wins_and_one_is_told_to_reload()
    {
        var id = await Api.DetectAsync("race-shop");

        var statuses = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => Host.Scenario(x =>
        {
            x.Post.RawJson(IncidentApi.Json(new { summary = $"containment {i}", expectedVersion = 1 })).ToUrl($"/api/incidents/{id}/contain");
            ApiAs($"responder-{i}@shop.test", Organisation, Roles.Responder).Authenticate(x);
            x.IgnoreStatusCode();
        })).Select(async t => (await t).Context.Response.StatusCode));

        statuses.Should().BeEquivalentTo([200, 409], "exactly one of two decisions based on version 1 can be recorded");
        (await Api.VersionOfAsync(id)).Should().Be(2);
    }
}
