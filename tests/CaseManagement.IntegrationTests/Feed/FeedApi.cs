using System.Text.Json.Nodes;
using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Security;
using FluentAssertions;

namespace CaseManagement.IntegrationTests.Feed;

/// <summary>
/// One organisation of its own per scenario (so no other scenario's events or subscriptions are in view), with a responder
/// recording incidents and an integrator using the feed, the way their clients would.
/// </summary>
public sealed class FeedApi(FeedFixture fixture, string? organisation = null)
{
    public string Organisation { get; } = organisation ?? $"feed-{Guid.NewGuid():N}"[..16];

    public IncidentApi Responder => fixture.ApiFor(Organisation, IncidentApi.Responder, Roles.Responder, Roles.ComplianceLead);

    public IncidentApi Integrator => fixture.ApiFor(Organisation, "erp-sync@shop.test", Roles.Integrator);

    public IncidentApi Admin => fixture.ApiFor(Organisation, "ada.admin@shop.test", Roles.Admin);

    /// <summary>Subscribes <paramref name="url"/>; returns the subscription's id and the secret (generated unless given).</summary>
    public async Task<(Guid Id, string Secret)> SubscribeAsync(string url, string[]? types = null, string? secret = null)
    {
        var created = await Integrator.SendAsync(HttpMethod.Post, "/api/feed/subscriptions",
            new { url, types, secret, description = "ERP sync" }, 201);
        return (created["subscription"]!["id"]!.GetValue<Guid>(), secret ?? created["secret"]!.GetValue<string>());
    }

    public Task<JsonNode> SubscriptionAsync(Guid id) => Integrator.GetAsync($"/api/feed/subscriptions/{id}");

    public Task<JsonNode> WaitForSubscriptionAsync(Guid id, Func<JsonNode, bool> done) => Integrator.WaitForAsync($"/api/feed/subscriptions/{id}", done);

    public Task<JsonNode> ChangeAsync(Guid id, string action, object? body = null, int expectedStatus = 200) =>
        Integrator.SendAsync(HttpMethod.Post, $"/api/feed/subscriptions/{id}/{action}", body ?? new { }, expectedStatus);

    /// <summary>Incidents with a few facts each; returns how many events they recorded.</summary>
    public async Task<long> RecordIncidentsAsync(int count)
    {
        var events = 0L;
        for (var i = 0; i < count; i++)
        {
            var id = await Responder.DetectAsync($"{Organisation}-shop");
            await Responder.ActAsync(id, "classify-severity", new { severity = "high", reason = "card data in the skimmer's payload" });
            await Responder.ActAsync(id, "add-note", new { text = $"note {i}" });
            await Responder.ActAsync(id, "assign-responder", new { responder = "kim@shop.test" });
            events += await Responder.VersionOfAsync(id);
        }

        return events;
    }

    /// <summary>Every event of the organisation through the pull API, page by page.</summary>
    public async Task<List<JsonNode>> PullAllAsync(string query = "", int limit = 1000)
    {
        var all = new List<JsonNode>();
        var after = 0L;
        while (true)
        {
            var page = await Integrator.GetAsync($"/api/feed?after={after}&limit={limit}{query}");
            all.AddRange(page["events"]!.AsArray().Select(e => e!));
            after = page["next"]!.GetValue<long>();
            if (!page["hasMore"]!.GetValue<bool>())
            {
                return all;
            }
        }
    }

    /// <summary>The organisation's events once the feed shows <paramref name="count"/> of them (the store's high-water mark caught up).</summary>
    public async Task<List<JsonNode>> FeedOfAsync(long count)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        List<JsonNode> all;
        do
        {
            all = await PullAllAsync();
            if (all.Count >= count)
            {
                all.Should().HaveCount((int)count, "the organisation recorded exactly these events");
                return all;
            }

            await Task.Delay(100);
        }
        while (clock.Elapsed < TimeSpan.FromSeconds(60));

        throw new Xunit.Sdk.XunitException($"The feed showed {all.Count} of {count} events after 60 s.");
    }

    public static IEnumerable<string> IdsOf(IEnumerable<JsonNode> events) => events.Select(e => e["id"]!.GetValue<string>());

    /// <summary>What an at-least-once receiver keeps: each event's first arrival, in arrival order.</summary>
    public static List<string> FirstArrivals(IEnumerable<ReceivedWebhook> deliveries) => [.. deliveries.Select(d => d.Id).Distinct()];
}
