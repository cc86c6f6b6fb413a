using System.Text.Json.Nodes;
using CaseManagement.IntegrationTests.Infrastructure;
using FluentAssertions;

namespace CaseManagement.IntegrationTests.Feed;

/// <summary>
/// The integrator's endpoint answers 503 or stops listening. The subscription shows it is failing, with the last error,
/// the attempts and the next retry; when the endpoint is back the backlog arrives in order with nothing missing; after
/// too many failures delivery stops until the integrator resumes; a restart of the service loses neither cursor nor retry.
/// </summary>
[Collection(FeedCollection.Name)]
public sealed class when_the_subscriber_fails(FeedFixture fixture) : IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task it_shows_failing_with_the_last_error_and_receives_the_backlog_in_order_once_back()
    {
        var (feed, subscription, secret, before, during, failing) = await DeliveringThenUnavailableAsync(incidentsDuring: 2);

        failing["lastError"]!.GetValue<string>().Should().Contain("503", "the integrator sees why deliveries fail");
        failing["attempts"]!.GetValue<int>().Should().BeGreaterThan(0);
        failing["nextRetryAt"].Should().NotBeNull("the integrator sees when the next attempt is due");
        failing["failingSince"].Should().NotBeNull();

        _receiver.AnswerOk();
        var expected = await feed.FeedOfAsync(before.Count + during);
        failing["cursor"]!.GetValue<long>().Should().BeLessThan(long.Parse(expected[before.Count]["sequence"]!.GetValue<string>()),
            "the event that failed, and all after it, are still to be delivered");
        var received = await _receiver.WaitForAsync(r => FeedApi.FirstArrivals(r).Count >= expected.Count, "the backlog");

        FeedApi.FirstArrivals(received).Should().Equal(FeedApi.IdsOf(expected), "the backlog arrives in order and nothing is missing");
        received.Should().OnlyContain(r => r.SignedWith(secret));
        _receiver.Refused.Should().BeGreaterThan(0);
        var recovered = await feed.WaitForSubscriptionAsync(subscription, s => s["delivered"]!.GetValue<long>() >= expected.Count);
        recovered["status"]!.GetValue<string>().Should().Be("active");
        recovered["attempts"]!.GetValue<int>().Should().Be(0);
        recovered["nextRetryAt"].Should().BeNull();
        recovered["lastError"]!.GetValue<string>().Should().Contain("503", "the last error stays visible after recovery");
    }

    [Fact]
    public async Task a_receiver_that_stops_listening_is_retried_until_it_listens_again()
    {
        var feed = new FeedApi(fixture);
        var (subscription, _) = await feed.SubscribeAsync(_receiver.Url);
        await _receiver.StopListeningAsync();

        var expected = await feed.FeedOfAsync(await feed.RecordIncidentsAsync(2));
        var failing = await feed.WaitForSubscriptionAsync(subscription, s => s["status"]!.GetValue<string>() == "failing");
        failing["lastError"]!.GetValue<string>().Should().Contain($"127.0.0.1:{_receiver.Port}", "the error names where the connection failed");

        await _receiver.ListenAgainAsync();
        var received = await _receiver.WaitForAsync(r => FeedApi.FirstArrivals(r).Count >= expected.Count, "the backlog");

        FeedApi.FirstArrivals(received).Should().Equal(FeedApi.IdsOf(expected), "the backlog arrives in order and nothing is missing");
    }

    [Fact]
    public async Task after_the_configured_failures_it_is_dead_lettered_until_the_integrator_resumes_it()
    {
        var feed = new FeedApi(fixture);
        var (subscription, _) = await feed.SubscribeAsync(_receiver.Url);
        _receiver.AnswerUnavailable();

        var first = await feed.RecordIncidentsAsync(1);
        var dead = await feed.WaitForSubscriptionAsync(subscription, s => s["status"]!.GetValue<string>() == "dead-lettered");
        dead["attempts"]!.GetValue<int>().Should().Be(4, "Feed:DeadLetterAfterAttempts is 4 here");
        dead["nextRetryAt"].Should().BeNull("nothing more is tried until someone resumes it");
        dead["lastError"]!.GetValue<string>().Should().Contain("503");

        _receiver.AnswerOk();
        var expected = await feed.FeedOfAsync(first + await feed.RecordIncidentsAsync(1));
        (await feed.SubscriptionAsync(subscription))["status"]!.GetValue<string>().Should().Be("dead-lettered", "new events do not wake it");

        var resumed = await feed.ChangeAsync(subscription, "resume");
        resumed["status"]!.GetValue<string>().Should().Be("active");
        var received = await _receiver.WaitForAsync(r => FeedApi.FirstArrivals(r).Count >= expected.Count, "the backlog after resuming");

        FeedApi.FirstArrivals(received).Should().Equal(FeedApi.IdsOf(expected), "resuming delivers the whole backlog in order");
        _receiver.Refused.Should().Be(4, "delivery stopped after the fourth refusal");
    }

    [Fact]
    public async Task a_restart_of_the_service_keeps_the_cursor_and_the_pending_retry()
    {
        var (feed, subscription, _, before, during, _) = await DeliveringThenUnavailableAsync(incidentsDuring: 1);

        await fixture.RestartAsync();
        _receiver.AnswerOk();
        var expected = await feed.FeedOfAsync(before.Count + during);
        var received = await _receiver.WaitForAsync(r => FeedApi.FirstArrivals(r).Count >= expected.Count, "the backlog after the restart");

        FeedApi.FirstArrivals(received).Should().Equal(FeedApi.IdsOf(expected), "the scheduled retry survived the restart and resumed from the cursor");
        var state = await feed.WaitForSubscriptionAsync(subscription, s => s["status"]!.GetValue<string>() == "active");
        state["cursor"]!.GetValue<long>().Should().BeGreaterThanOrEqualTo(long.Parse(expected[^1]["sequence"]!.GetValue<string>()));
    }

    /// <summary>A subscription that received an incident's events, then its receiver answers 503 while more are recorded.</summary>
    private async Task<(FeedApi Feed, Guid Subscription, string Secret, List<JsonNode> Before, long During, JsonNode Failing)> DeliveringThenUnavailableAsync(
        int incidentsDuring)
    {
        var feed = new FeedApi(fixture);
        var (subscription, secret) = await feed.SubscribeAsync(_receiver.Url);
        var before = await feed.FeedOfAsync(await feed.RecordIncidentsAsync(1));
        await _receiver.WaitForAsync(r => r.Count >= before.Count, "the events before the outage");

        _receiver.AnswerUnavailable();
        var during = await feed.RecordIncidentsAsync(incidentsDuring);
        var failing = await feed.WaitForSubscriptionAsync(subscription, s => s["status"]!.GetValue<string>() == "failing");
        return (feed, subscription, secret, before, during, failing);
    }
}
