using System.Collections.Concurrent;
using System.Diagnostics;
using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Notifications.Campaigns;
using CaseManagement.Notifications.Campaigns.Delivering;
using FluentAssertions;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManagement.IntegrationTests.Notifications;

/// <summary>
/// ADR 36: a campaign's rate is the provider account's, so it is one bucket for the whole cluster. Two nodes' limiters (two
/// instances on one database, as two processes would have), each with four batches sending as fast as they are let, together
/// send no more than the campaign's rate allows, and still about that many.
/// </summary>
public sealed class when_two_nodes_send_one_campaign(AppFixture fixture) : ServiceScenario(fixture)
{
    private const int RatePerMinute = 600;
    private const int PerSecond = RatePerMinute / 60;

    // The bucket holds a second's worth: a burst of that many, then the rate.
    private const int Burst = PerSecond;

    [Fact]
    public async Task together_they_keep_to_the_campaign_s_rate()
    {
        var store = Host.Services.GetRequiredService<IDocumentStore>();
        var nodes = new[] { new CampaignRateLimiters(store, TimeProvider.System), new CampaignRateLimiters(store, TimeProvider.System) };
        var campaign = new Campaign { Id = Guid.NewGuid(), RatePerMinute = RatePerMinute };
        var run = TimeSpan.FromSeconds(3);
        var sends = new ConcurrentBag<(int Node, TimeSpan At)>();
        var clock = Stopwatch.StartNew();

        await Task.WhenAll(nodes.SelectMany((node, index) => Enumerable.Range(0, 4).Select(async _ =>
        {
            while (clock.Elapsed < run)
            {
                await node.WaitTurnAsync(campaign, CancellationToken.None);
                if (clock.Elapsed < run)
                {
                    sends.Add((index, clock.Elapsed));
                }
            }
        })));

        var allowed = Burst + (int)(PerSecond * run.TotalSeconds);
        sends.Should().HaveCountLessThanOrEqualTo(allowed, "both nodes take their turns from one bucket: a burst of {0}, then {1} a second", Burst, PerSecond);
        sends.Should().HaveCountGreaterThanOrEqualTo((int)(PerSecond * run.TotalSeconds * 0.8), "the shared bucket still lets the campaign go at about its rate");
        sends.Select(s => s.Node).Distinct().Should().HaveCount(2, "both nodes sent");
        var busiestSecond = sends.Max(s => sends.Count(o => o.At >= s.At && o.At < s.At + TimeSpan.FromSeconds(1)));
        busiestSecond.Should().BeLessThanOrEqualTo(Burst + PerSecond, "no second sees more than the burst and a second's refill, whichever node sent");
    }
}
