using System.Text.Json.Nodes;
using CaseManagement.IntegrationTests.Infrastructure;
using FluentAssertions;

namespace CaseManagement.IntegrationTests.Alerts;

/// <summary>A person promotes a triage item to an incident or dismisses it with a reason; the alerts follow the decision.</summary>
public sealed class when_people_triage_alerts(AppFixture fixture) : AlertScenario(fixture)
{
    private async Task<(JsonNode Alert, Guid Item)> TriagedAsync(string eventId)
    {
        var source = await RegisterSourceAsync("generic", new { mapping = Payloads.GenericMapping });
        var delivered = await SendSignedAsync(source, Payloads.Generic(eventId));
        var alert = await PlacedAlertAsync(delivered.Body["alertId"]!.GetValue<Guid>());
        return (alert, alert["triageItemId"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task promoting_an_item_opens_an_incident_detected_when_the_item_opened_and_attaches_its_alerts()
    {
        var (alert, item) = await TriagedAsync("evt-promote");

        var created = await Api.SendAsync(HttpMethod.Post, $"/api/triage/{item}/promote", new { reason = "rogue admin confirmed in wp_users" }, 201);

        var incidentId = created["id"]!.GetValue<Guid>();
        var incident = await Api.GetAsync($"/api/incidents/{incidentId}");
        incident["shop"]!.GetValue<string>().Should().Be(Shop.Name);
        incident["kind"]!.GetValue<string>().Should().Be("account-takeover", "the item's kind, as nobody said otherwise");
        incident["severity"]!.GetValue<string>().Should().Be("critical", "the most severe alert of the item");
        incident["awareAt"].Should().BeNull("awareness is a person's statement; promoting does not make it");
        var placed = await Api.WaitForAsync($"/api/alerts/{alert["id"]}", a => a["status"]!.GetValue<string>() == "attached-to-incident");
        placed["incidentId"]!.GetValue<Guid>().Should().Be(incidentId);
        var decided = await Api.GetAsync($"/api/triage/{item}");
        decided["item"]!["status"]!.GetValue<string>().Should().Be("promoted");
        decided["item"]!["incidentId"]!.GetValue<Guid>().Should().Be(incidentId);
    }

    [Fact]
    public async Task dismissing_keeps_the_reason_and_a_second_decision_is_409()
    {
        var (alert, item) = await TriagedAsync("evt-dismiss");

        var answer = await Api.SendAsync(HttpMethod.Post, $"/api/triage/{item}/dismiss", new { reason = "our own agency created the admin for a migration" }, 200);

        var readAgain = (await Api.GetAsync($"/api/triage/{item}"))["item"]!["decidedBy"]?.GetValue<string>();
        readAgain.Should().StartWith("user:", "the item names the person who decided");
        (answer["decidedBy"]?.GetValue<string>()).Should().Be(readAgain, "the answer to the decision names them as the item does when read again");

        var dismissed = await Api.WaitForAsync($"/api/alerts/{alert["id"]}", a => a["status"]!.GetValue<string>() == "dismissed");
        dismissed["incidentId"].Should().BeNull("a dismissed alert belongs to no incident");
        var again = await Api.SendAsync(HttpMethod.Post, $"/api/triage/{item}/promote", new { }, 409);
        again["detail"]!.GetValue<string>().Should().Contain("dismissed", "the conflict says what was decided");
        again["itemStatus"]!.GetValue<string>().Should().Be("dismissed", "a client can tell the decision without reading prose");
        var reasonless = await Api.SendAsync(HttpMethod.Post, $"/api/triage/{item}/dismiss", new { }, 422);
        reasonless["errors"]!["reason"].Should().NotBeNull("a dismissal without a reason cannot be audited");
    }

    [Fact]
    public async Task promoting_names_a_registered_active_shop_and_a_person_can_name_another_when_the_alerts_shop_is_out_of_use()
    {
        var (_, item) = await TriagedAsync("evt-retired-shop");
        var sister = $"sister-{Shop.Name}";
        await TestShops.EnsureRegisteredAsync(Host, TokenFor(IncidentApi.Responder, Organisation, CaseManagement.Security.Roles.Responder), sister);
        await Admin.SendAsync(HttpMethod.Post, $"/api/shops/{Shop.Name}/deactivate", new { reason = "shop closed" }, 200);

        var retired = await Api.SendAsync(HttpMethod.Post, $"/api/triage/{item}/promote", new { reason = "confirmed" }, 409);
        var unknown = await Api.SendAsync(HttpMethod.Post, $"/api/triage/{item}/promote", new { reason = "confirmed", shop = "no-such-shop" }, 422);
        var created = await Api.SendAsync(HttpMethod.Post, $"/api/triage/{item}/promote", new { reason = "confirmed at the sister shop", shop = sister }, 201);

        retired["shopState"]!.GetValue<string>().Should().Be("deactivated", "an incident is not opened at a shop taken out of use");
        unknown["errors"]!["shop"]![0]!.GetValue<string>().Should().Contain("'no-such-shop' is not registered").And.Contain(sister);
        (await Api.GetAsync($"/api/incidents/{created["id"]}"))["shop"]!.GetValue<string>().Should().Be(sister, "the person named the shop");
        (await Api.GetAsync($"/api/triage/{item}"))["item"]!["status"]!.GetValue<string>().Should().Be("promoted", "only the accepted promotion decided the item");
    }
}
