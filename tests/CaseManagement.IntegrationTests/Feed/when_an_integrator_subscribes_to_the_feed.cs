using CaseManagement.IntegrationTests.Infrastructure;
using FluentAssertions;

namespace CaseManagement.IntegrationTests.Feed;

/// <summary>
/// An integrator's webhook receives the organisation's events as signed CloudEvents, in the order they were recorded,
/// only the types it asked for, the whole history again on a replay, and never another organisation's events.
/// </summary>
[Collection(FeedCollection.Name)]
public sealed class when_an_integrator_subscribes_to_the_feed(FeedFixture fixture) : IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task every_event_of_several_incidents_arrives_once_in_order_signed_with_its_secret()
    {
        var feed = new FeedApi(fixture);
        var (subscription, secret) = await feed.SubscribeAsync(_receiver.Url);

        var expected = await feed.FeedOfAsync(await feed.RecordIncidentsAsync(3));
        var received = await _receiver.WaitForAsync(r => r.Count >= expected.Count, $"the {expected.Count} events");

        received.Select(r => r.Id).Should().Equal(FeedApi.IdsOf(expected), "every event arrives, once, in the order it was recorded");
        received.Should().OnlyContain(r => r.SignedWith(secret), "each delivery carries a valid Standard Webhooks signature");
        received.Should().OnlyContain(r => r.ContentType == "application/cloudevents+json");
        received.Select(r => r.Event.ToJsonString()).Should().Equal(expected.Select(e => e.ToJsonString()),
            "the webhook and the pull API carry the very same envelopes");
        received.Should().OnlyContain(r => r.Event["id"]!.GetValue<string>() == r.Id, "webhook-id is the CloudEvent id, for deduplication");

        var first = received[0].Event;
        first["specversion"]!.GetValue<string>().Should().Be("1.0");
        first["type"]!.GetValue<string>().Should().Be("com.casemanagement.incident.detected.v1");
        first["subject"]!.GetValue<string>().Should().Be(first["data"]!["incidentId"]!.GetValue<string>());
        first["source"]!.GetValue<string>().Should().Be($"/casemanagement/{feed.Organisation}/incidents/{first["subject"]}");
        first["actor"]!.GetValue<string>().Should().Be($"user:{IncidentApi.Responder}");
        first["streamversion"]!.GetValue<long>().Should().Be(1);
        received.Select(r => r.Event["sequence"]!.GetValue<string>()).Should().BeInAscendingOrder(StringComparer.Ordinal,
            "the sequence extension orders as text, as CloudEvents requires");
        foreach (var incident in received.GroupBy(r => r.Event["subject"]!.GetValue<string>()))
        {
            incident.Select(r => r.Event["streamversion"]!.GetValue<long>()).Should().Equal(Enumerable.Range(1, incident.Count()).Select(v => (long)v),
                "each incident's events arrive in its own order, without gaps");
        }

        var state = await feed.WaitForSubscriptionAsync(subscription, s => s["delivered"]!.GetValue<long>() == expected.Count);
        state["status"]!.GetValue<string>().Should().Be("active");
        state["cursor"]!.GetValue<long>().Should().BeGreaterThanOrEqualTo(long.Parse(expected[^1]["sequence"]!.GetValue<string>()));
    }

    [Fact]
    public async Task a_subscription_for_some_types_receives_only_those()
    {
        var feed = new FeedApi(fixture);
        string[] types = ["com.casemanagement.incident.detected.v1", "com.casemanagement.incident.note-added.v1"];
        await feed.SubscribeAsync(_receiver.Url, types);

        var all = await feed.FeedOfAsync(await feed.RecordIncidentsAsync(2));
        var wanted = all.Where(e => types.Contains(e["type"]!.GetValue<string>())).ToList();
        var received = await _receiver.WaitForAsync(r => r.Count >= wanted.Count, $"the {wanted.Count} events of its types");

        wanted.Should().HaveCount(4, "two incidents, each detected and noted");
        received.Select(r => r.Id).Should().Equal(FeedApi.IdsOf(wanted), "only the chosen types arrive, in order");
        FeedApi.IdsOf(await feed.PullAllAsync($"&types={string.Join(',', types)}")).Should().Equal(FeedApi.IdsOf(wanted),
            "the pull API filters the same way");
    }

    [Fact]
    public async Task a_replay_from_sequence_0_delivers_the_whole_history_again()
    {
        var feed = new FeedApi(fixture);
        var history = await feed.FeedOfAsync(await feed.RecordIncidentsAsync(2));
        var (subscription, secret) = await feed.SubscribeAsync(_receiver.Url);
        var later = (int)await feed.RecordIncidentsAsync(1);
        var everything = await feed.FeedOfAsync(history.Count + later);
        await _receiver.WaitForAsync(r => r.Count >= later, "the events recorded after subscribing");

        var replayed = await feed.ChangeAsync(subscription, "replay", new { fromSequence = 0 });
        replayed["cursor"]!.GetValue<long>().Should().Be(0);
        var received = await _receiver.WaitForAsync(r => r.Count >= later + everything.Count, "the whole history after the replay");

        received.Take(later).Select(r => r.Id).Should().Equal(FeedApi.IdsOf(everything.Skip(history.Count)), "a new subscription starts with what comes next");
        received.Skip(later).Select(r => r.Id).Should().Equal(FeedApi.IdsOf(everything), "the replay reproduces the organisation's whole history, in order");
        received.Should().OnlyContain(r => r.SignedWith(secret));
    }

    [Fact]
    public async Task another_organisations_events_never_reach_it()
    {
        var acme = new FeedApi(fixture);
        var globex = new FeedApi(fixture);
        await using var globexReceiver = await WebhookReceiver.StartAsync();
        await acme.SubscribeAsync(_receiver.Url);
        await globex.SubscribeAsync(globexReceiver.Url);

        var acmeEvents = await acme.FeedOfAsync(await acme.RecordIncidentsAsync(1));
        var globexEvents = await globex.FeedOfAsync(await globex.RecordIncidentsAsync(2));
        var acmeReceived = await _receiver.WaitForAsync(r => r.Count >= acmeEvents.Count, "acme's events");
        var globexReceived = await globexReceiver.WaitForAsync(r => r.Count >= globexEvents.Count, "globex's events");
        var acmeLater = await acme.FeedOfAsync(acmeEvents.Count + await acme.RecordIncidentsAsync(1));
        acmeReceived = await _receiver.WaitForAsync(r => r.Count >= acmeLater.Count, "acme's later events");

        acmeReceived.Select(r => r.Id).Should().Equal(FeedApi.IdsOf(acmeLater), "acme receives its own events and nothing else");
        globexReceived.Select(r => r.Id).Should().Equal(FeedApi.IdsOf(globexEvents));
        FeedApi.IdsOf(acmeLater).Should().NotIntersectWith(FeedApi.IdsOf(globexEvents), "the pull API shows each organisation only its own");
        acmeReceived.Should().OnlyContain(r => r.Event["source"]!.GetValue<string>().StartsWith($"/casemanagement/{acme.Organisation}/"));
        (await globex.Integrator.GetAsync("/api/feed/subscriptions")).AsArray().Should().HaveCount(1, "subscriptions are per organisation too");
    }
}
