using CaseManagement.IntegrationTests.Containment;
using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Shops;
using FluentAssertions;

namespace CaseManagement.IntegrationTests.Monitoring;

/// <summary>
/// The first pass over a shop an attacker is already in (mallory, created today, her API key, a skimmer in a theme option): it
/// records the baseline without them, flags them, and correlation attaches the skimmer alert to the incident open on the shop.
/// </summary>
public sealed class when_monitoring_begins_on_a_compromised_shop(AppFixture fixture) : AttackedShopScenario(fixture, ShopPlatform.WooCommerce, "wp_")
{
    [Fact]
    public async Task the_first_pass_flags_the_skimmer_the_new_admin_and_her_key_and_the_skimmer_joins_the_open_incident()
    {
        var incident = await Api.DetectAsync(Shop.Name);

        var first = await Api.SendAsync(HttpMethod.Post, $"/api/shops/{Shop.Name}/monitoring/passes", null, 200);

        first["outcome"]!.GetValue<string>().Should().Be("baseline-recorded");
        var raised = first["raised"]!.AsArray().ToDictionary(r => r!["key"]!.GetValue<string>().Split(':')[0], r => r!);
        raised.Keys.Should().BeEquivalentTo(["skimmer", "admin", "credential"],
            "skimmer signs are flagged on a first pass, and so are an admin created within the look-back and the key she holds");
        raised["admin"]["description"]!.GetValue<string>().Should().Contain(AttackedShop.Attacker);
        var skimmer = await Api.WaitForAsync($"/api/alerts/{raised["skimmer"]["alertId"]}", a => a["status"]!.GetValue<string>() != "new");
        skimmer["status"]!.GetValue<string>().Should().Be("attached-to-incident", "a checkout-skimmer incident is open on the shop");
        skimmer["incidentId"]!.GetValue<Guid>().Should().Be(incident);
        var baseline = (await Api.GetAsync($"/api/shops/{Shop.Name}/monitoring"))["baseline"]!;
        baseline["items"]!.AsArray().Select(i => i!["key"]!.GetValue<string>()).Should().NotContain(k => k.StartsWith("skimmer:", StringComparison.Ordinal),
            "what was flagged is not taken as normal");
        baseline["open"]!.AsArray().Should().HaveCount(3);
    }
}
