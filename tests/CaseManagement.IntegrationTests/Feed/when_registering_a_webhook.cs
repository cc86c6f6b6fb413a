using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Security;
using FluentAssertions;

namespace CaseManagement.IntegrationTests.Feed;

/// <summary>
/// A webhook URL cannot be used to reach inside the service's network or to carry credentials; the signing secret is
/// shown once and kept encrypted; integrators manage their organisation's subscriptions, admins see them and may stop one.
/// </summary>
[Collection(FeedCollection.Name)]
public sealed class when_registering_a_webhook(FeedFixture fixture)
{
    [Theory]
    [InlineData("https://erp:hunter2@127.0.0.1:8443/hook", "credentials")]
    [InlineData("http://8.8.8.8/hook", "use https")]
    [InlineData("https://169.254.169.254/latest/meta-data/", "metadata")]
    [InlineData("http://[::ffff:169.254.169.254]/latest/meta-data/", "metadata")]
    [InlineData("https://169.254.10.1/hook", "link-local")]
    [InlineData("https://127.0.0.1/hook#section", "fragment")]
    [InlineData("ftp://127.0.0.1/hook", "https")]
    [InlineData("/relative/hook", "absolute")]
    public async Task a_url_that_could_reach_inside_or_leak_is_refused_with_the_reason(string url, string reason)
    {
        var feed = new FeedApi(fixture);

        var problem = await feed.Integrator.SendAsync(HttpMethod.Post, "/api/feed/subscriptions", new { url }, 422);

        problem["errors"]!["url"]![0]!.GetValue<string>().Should().Contain(reason);
        (await feed.Integrator.GetAsync("/api/feed/subscriptions")).AsArray().Should().BeEmpty("nothing was subscribed");
    }

    [Fact]
    public async Task the_secret_is_shown_once_and_never_again()
    {
        var feed = new FeedApi(fixture);
        await using var receiver = await WebhookReceiver.StartAsync();

        var (id, secret) = await feed.SubscribeAsync(receiver.Url);
        var own = await feed.Integrator.SendAsync(HttpMethod.Post, "/api/feed/subscriptions",
            new { url = receiver.Url, secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" }, 201);

        secret.Should().StartWith("whsec_");
        own["secret"].Should().BeNull("a secret the integrator chose is not echoed");
        (await feed.SubscriptionAsync(id)).ToJsonString().Should().NotContain(secret[6..]).And.NotContain("\"secret\"");
        (await feed.Integrator.GetAsync("/api/feed/subscriptions")).ToJsonString().Should().NotContain(secret[6..]).And.NotContain("MfKQ9r8G");
        var weak = await feed.Integrator.SendAsync(HttpMethod.Post, "/api/feed/subscriptions", new { url = receiver.Url, secret = "whsec_c2hvcnQ=" }, 422);
        weak["errors"]!["secret"].Should().NotBeNull("a secret of five bytes is too weak to sign with");
        var key = secret[6..];
        fixture.Logs.Lines.Should().NotContain(l => l.Contains(key), "the secret never reaches a log");
    }

    [Fact]
    public async Task integrators_manage_subscriptions_and_admins_see_and_may_stop_them()
    {
        var feed = new FeedApi(fixture);
        await feed.FeedOfAsync(await feed.RecordIncidentsAsync(1));
        await using var receiver = await WebhookReceiver.StartAsync();
        var (id, _) = await feed.SubscribeAsync(receiver.Url, ["com.casemanagement.incident.closed.v1"]);
        var url = $"/api/feed/subscriptions/{id}";

        (await feed.Admin.GetAsync("/api/feed/subscriptions")).AsArray().Should().ContainSingle();
        var paused = await feed.Admin.SendAsync(HttpMethod.Post, $"{url}/pause", new { reason = "integration under review" }, 200);
        paused["status"]!.GetValue<string>().Should().Be("paused");
        await feed.Admin.SendAsync(HttpMethod.Post, $"{url}/resume", new { }, 403);
        await feed.ChangeAsync(id, "pause", expectedStatus: 409);

        var cursor = paused["cursor"]!.GetValue<long>();
        await feed.ChangeAsync(id, "replay", new { fromSequence = 1, fromTime = "2026-01-01T00:00:00Z" }, 422);
        (await feed.ChangeAsync(id, "replay", new { fromSequence = long.MaxValue }))["cursor"]!.GetValue<long>().Should().Be(cursor,
            "a replay never moves the cursor forward, past events not delivered yet");
        var replayed = await feed.ChangeAsync(id, "replay", new { fromTime = "2020-01-01T00:00:00Z" });
        replayed["cursor"]!.GetValue<long>().Should().BeLessThan(cursor, "the organisation's incident, recorded before subscribing, is delivered again");
        replayed["status"]!.GetValue<string>().Should().Be("paused", "a replay does not resume");
        (await feed.ChangeAsync(id, "resume"))["status"]!.GetValue<string>().Should().Be("active");

        var other = new FeedApi(fixture);
        await other.Integrator.GetAsync(url, 404);
        await other.ChangeAsync(id, "revoke", expectedStatus: 404);

        var revoked = await feed.Admin.SendAsync(HttpMethod.Post, $"{url}/revoke", new { reason = "contract ended" }, 200);
        revoked["status"]!.GetValue<string>().Should().Be("revoked");
        revoked["changedBy"]!.GetValue<string>().Should().Be("user:ada.admin@shop.test");
        await feed.ChangeAsync(id, "resume", expectedStatus: 409);
        (await feed.Integrator.GetAsync("/api/feed/subscriptions")).AsArray().Should().ContainSingle("a revoked subscription stays listed");
        await fixture.ApiFor(feed.Organisation, "sam@shop.test", Roles.Responder).GetAsync("/api/feed/subscriptions", 403);
    }
}
