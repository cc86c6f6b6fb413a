using System.Text.Json;
using CaseManagement.Feed;
using CaseManagement.Feed.Broker;
using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Security;
using FluentAssertions;
using RabbitMQ.Client;
using Xunit.Abstractions;

namespace CaseManagement.ResilienceTests.Broker;

/// <summary>
/// The integrator feed of an organisation that opted in goes to a real RabbitMQ (Debian's rabbitmq-server, started by the
/// project's scripts on loopback) through Wolverine's durable outbox: a consumer's queue bound to the exchange receives every
/// event the pull feed lists, each incident's in its own order, as CloudEvents in structured mode, also when the broker is
/// stopped while events are recorded and started again: nothing is lost, and the consumer's rule (<see cref="StreamOrder{T}"/>:
/// each stream in <c>streamversion</c> order) puts every stream back in recorded order with no gap, whatever order the outbox's
/// recovery sent them in (ADR 29, amended by ADR 36).
/// </summary>
public sealed class when_the_feed_is_published_to_rabbitmq(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly string Exchange = $"cm-test-feed-{Guid.NewGuid():N}";

    private BrokerFixture _node = null!;
    private string _broker = "";
    private bool _brokerRanBefore;
    private readonly string _queue = $"cm-test-consumer-{Guid.NewGuid():N}";

    public async Task InitializeAsync()
    {
        _brokerRanBefore = await LocalServers.RabbitMqRunsAsync();
        await LocalServers.StartRabbitMqAsync();
        _broker = await LocalServers.RabbitMqUrlAsync();
        _node = new BrokerFixture(_broker);
        await _node.InitializeAsync();
        // The node declared the exchange when it started; the consumer's queue is durable, so it keeps what arrives while nobody reads.
        await using var connection = await Connect();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeclareAsync(_queue, durable: true, exclusive: false, autoDelete: false);
        await channel.QueueBindAsync(_queue, Exchange, "acme.#");
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        await LocalServers.StartRabbitMqAsync();
        await using (var connection = await Connect())
        {
            await using var channel = await connection.CreateChannelAsync();
            await channel.QueueDeleteAsync(_queue);
            await channel.ExchangeDeleteAsync(Exchange);
        }

        if (!_brokerRanBefore)
        {
            await LocalServers.StopRabbitMqAsync();
        }
    }

    [OutageFact]
    public async Task every_event_arrives_in_order_per_incident_while_it_runs_and_none_is_lost_or_left_out_of_order_across_its_restart()
    {
        var api = _node.Api();
        var auditor = _node.ApiAs("audrey.auditor@shop.test", Roles.Auditor);
        var incidents = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            incidents.Add(await api.DetectAsync($"broker-shop-{i}"));
            await api.ActAsync(incidents[i], "record-awareness", new { awareAt = DateTimeOffset.UtcNow.AddMinutes(-5), reason = "recorded while the broker runs" });
        }

        // The pull feed shows events once the daemon's high-water mark passes them: wait for the six just recorded, so an
        // empty feed cannot make the comparison below hold vacuously.
        var recorded = await FeedOfAtLeastAsync(auditor, incidents.Count * 2, TimeSpan.FromMinutes(2));
        var whileUp = await ReceiveAsync(recorded.Count, TimeSpan.FromMinutes(1));
        whileUp.Select(r => r.Id).Distinct().Should().BeEquivalentTo((await PullFeedAsync(auditor)).Select(e => e.Id), "every event of the organisation reaches the broker");
        whileUp.Select(r => r.ContentType).Distinct().Should().Equal([CloudEvent.MediaType], "the body is a structured-mode CloudEvent and the AMQP content type says so");
        foreach (var incident in whileUp.GroupBy(r => r.Incident))
        {
            incident.Select(r => r.Sequence).Should().BeInAscendingOrder(StringComparer.Ordinal, "incident {0}'s events arrive in the order they were recorded", incident.Key);
        }

        await LocalServers.StopRabbitMqAsync();
        foreach (var id in incidents)
        {
            await api.ActAsync(id, "add-note", new { text = "written while the broker is down" });
        }

        incidents.Add(await api.DetectAsync("broker-shop-down"));
        await LocalServers.StartRabbitMqAsync();
        await api.ActAsync(incidents[^1], "add-note", new { text = "written after the broker is back" });

        // Three notes, a detection and its note were recorded since.
        var afterRestart = await ReceiveAsync((await FeedOfAtLeastAsync(auditor, recorded.Count + 5, TimeSpan.FromMinutes(2))).Count - whileUp.Count,
            TimeSpan.FromMinutes(2));
        // Read after the queue went quiet: the daemon may record more (obligations, for one) after the commands answered.
        var expected = await PullFeedAsync(auditor);
        var all = whileUp.Concat(afterRestart).ToList();
        var outOfOrder = afterRestart.GroupBy(r => r.Incident).Count(g => !g.Select(r => r.Sequence).SequenceEqual(g.Select(r => r.Sequence).Order(StringComparer.Ordinal)));
        var overtaken = all.Where((r, i) => all.Skip(i + 1).Any(later => string.CompareOrdinal(later.Sequence, r.Sequence) < 0)).Count();
        var order = new StreamOrder<string>();
        foreach (var message in all)
        {
            order.Receive(message.Stream, message.StreamVersion, message.Id);
        }

        output.WriteLine($"{expected.Count} events in the pull feed; {all.Count} messages received ({all.Count - all.Select(r => r.Id).Distinct().Count()} repeats); " +
                         $"after the restart, {outOfOrder} incident(s) received out of sequence order, {overtaken} message(s) arrived before an older one; " +
                         $"the consumer's rule held at most {order.MostHeld} message(s) back");

        all.Select(r => r.Id).Distinct().Should().BeEquivalentTo(expected.Select(e => e.Id), "nothing recorded while the broker was down is lost: the outbox sends it once the broker is back");
        order.Held.Should().Be(0, "no stream waits for a version that never came: the broker feed has no gap");
        foreach (var stream in expected.GroupBy(e => e.Stream))
        {
            order.AppliedOf(stream.Key).Should().Equal(stream.Select(e => e.Id),
                "applying each stream in streamversion order gives stream {0} exactly as recorded, whatever order the messages came in", stream.Key);
        }
    }

    private static async Task<List<FeedEvent>> FeedOfAtLeastAsync(IncidentApi auditor, int count, TimeSpan patience)
    {
        var until = DateTime.UtcNow + patience;
        var feed = await PullFeedAsync(auditor);
        while (feed.Count < count && DateTime.UtcNow < until)
        {
            await Task.Delay(500);
            feed = await PullFeedAsync(auditor);
        }

        feed.Should().HaveCountGreaterThanOrEqualTo(count, "the feed shows the events just recorded within {0}", patience);
        return feed;
    }

    /// <summary>The organisation's feed as the pull API lists it: in recorded (global sequence) order.</summary>
    private static async Task<List<FeedEvent>> PullFeedAsync(IncidentApi auditor) =>
    [
        .. (await auditor.GetAsync("/api/feed?after=0&limit=1000"))["events"]!.AsArray()
            .Select(e => new FeedEvent(e!["id"]!.GetValue<string>(), e["subject"]!.GetValue<string>())),
    ];

    private sealed record FeedEvent(string Id, string Stream);

    private sealed record Received(string Id, string Sequence, string Incident, string Stream, long StreamVersion, string? ContentType);

    /// <summary>Reads the consumer's queue until <paramref name="count"/> distinct events are there (or the time is up), and a moment more for repeats.</summary>
    private async Task<List<Received>> ReceiveAsync(int count, TimeSpan within)
    {
        var received = new List<Received>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using var connection = await Connect();
        await using var channel = await connection.CreateChannelAsync();
        var quietSince = clock.Elapsed;
        while (clock.Elapsed < within && (received.Select(r => r.Id).Distinct().Count() < count || clock.Elapsed - quietSince < TimeSpan.FromSeconds(5)))
        {
            if (await channel.BasicGetAsync(_queue, autoAck: true) is not { } message)
            {
                await Task.Delay(200);
                continue;
            }

            quietSince = clock.Elapsed;
            using var body = JsonDocument.Parse(message.Body);
            var e = body.RootElement;
            received.Add(new Received(e.GetProperty("id").GetString()!, e.GetProperty("sequence").GetString()!,
                e.TryGetProperty("incident", out var incident) ? incident.GetString()! : e.GetProperty("subject").GetString()!, e.GetProperty("subject").GetString()!,
                e.GetProperty("streamversion").GetInt64(), message.BasicProperties.ContentType));
        }

        return received;
    }

    private Task<IConnection> Connect() => new ConnectionFactory { Uri = new Uri(_broker) }.CreateConnectionAsync();

    private sealed class BrokerFixture(string broker) : SoleNodeFixture("casemanagement_broker_tests", new Dictionary<string, string>
    {
        ["Escalation:Enabled"] = "false",
        [$"{FeedBrokerOptions.Section}:Uri"] = broker,
        [$"{FeedBrokerOptions.Section}:Exchange"] = Exchange,
        [$"{FeedBrokerOptions.Section}:Organisations:0"] = "acme",
    });
}
