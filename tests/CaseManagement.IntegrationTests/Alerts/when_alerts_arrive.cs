using System.Text.Json.Nodes;
using CaseManagement.IntegrationTests.Infrastructure;
using FluentAssertions;

namespace CaseManagement.IntegrationTests.Alerts;

/// <summary>Alerts from real senders' formats, signed: each opens a triage item, the same one again is one more sighting.</summary>
public sealed class when_alerts_arrive(AppFixture fixture) : AlertScenario(fixture)
{
    [Fact]
    public async Task a_signed_wazuh_alert_opens_a_triage_item()
    {
        var source = await RegisterSourceAsync("wazuh", new { shopNames = new Dictionary<string, string> { ["shop-web-01"] = Shop.Name } });

        var delivered = await SendSignedAsync(source, Payloads.Wazuh("1763626443.1843112"));

        delivered.Status.Should().Be(202, "a signed alert is accepted: {0}", delivered.Body.ToJsonString());
        delivered.Body["status"]!.GetValue<string>().Should().Be("new");
        var alert = await PlacedAlertAsync(delivered.Body["alertId"]!.GetValue<Guid>());
        alert["status"]!.GetValue<string>().Should().Be("triaged", "no incident is open on the shop, so a person decides: {0}", alert.ToJsonString());
        alert["shop"]!.GetValue<string>().Should().Be(Shop.Name, "the agent name is mapped to the registered shop through the source's shop names");
        alert["kind"]!.GetValue<string>().Should().Be("sql-injection", "rule group sql_injection is an SQL injection");
        alert["severity"]!.GetValue<string>().Should().Be("medium", "rule level 7 is medium in the Wazuh mapping");
        alert["indicator"]!.GetValue<string>().Should().Be("203.0.113.77", "data.srcip is what the alert is about");
        alert["occurredAt"]!.GetValue<DateTimeOffset>().Should().Be(DateTimeOffset.Parse("2026-11-20T08:14:03.512Z"), "Wazuh's offset without a colon is read");
        var item = await Api.GetAsync($"/api/triage/{alert["triageItemId"]}");
        item["item"]!["status"]!.GetValue<string>().Should().Be("open");
        item["alerts"]!.AsArray().Select(a => a!["id"]!.GetValue<Guid>()).Should().Equal(alert["id"]!.GetValue<Guid>());
        item["sla"]!.AsArray().Select(s => s!["target"]!.GetValue<string>()).Should().Equal(["acknowledge", "classify", "contain"],
            "a medium item has all three targets");
    }

    [Fact]
    public async Task a_signed_modsecurity_audit_entry_opens_a_triage_item()
    {
        var source = await RegisterSourceAsync("modsecurity", new { shopNames = new Dictionary<string, string> { ["shop.example"] = Shop.Name } });

        var delivered = await SendSignedAsync(source, Payloads.ModSecurity("176362747212.881093", "shop.example"));

        delivered.Status.Should().Be(202, delivered.Body.ToJsonString());
        var alert = await PlacedAlertAsync(delivered.Body["alertId"]!.GetValue<Guid>());
        alert["status"]!.GetValue<string>().Should().Be("triaged");
        alert["title"]!.GetValue<string>().Should().Be("SQL Injection Attack Detected via libinjection");
        alert["severity"]!.GetValue<string>().Should().Be("high", "ModSecurity severity 2 (CRS's CRITICAL) is high in our reading");
        alert["kind"]!.GetValue<string>().Should().Be("sql-injection", "the CRS tag attack-sqli");
        alert["signal"]!.GetValue<string>().Should().Be("942100");
        alert["occurredAt"]!.GetValue<DateTimeOffset>().Should().Be(new DateTimeOffset(2026, 11, 20, 8, 31, 12, TimeSpan.Zero), "asctime read as UTC");
    }

    [Fact]
    public async Task a_signed_alert_in_a_generic_mapping_opens_a_triage_item()
    {
        var source = await RegisterSourceAsync("generic", new { mapping = Payloads.GenericMapping });

        var delivered = await SendSignedAsync(source, Payloads.Generic("evt-1"));

        delivered.Status.Should().Be(202, delivered.Body.ToJsonString());
        var alert = await PlacedAlertAsync(delivered.Body["alertId"]!.GetValue<Guid>());
        alert["status"]!.GetValue<string>().Should().Be("triaged");
        alert["severity"]!.GetValue<string>().Should().Be("critical");
        alert["kind"]!.GetValue<string>().Should().Be("account-takeover");
        alert["shop"]!.GetValue<string>().Should().Be(Shop.Name, "the source's own shop, as the payload names none");
        alert["occurredAt"]!.GetValue<DateTimeOffset>().Should().Be(DateTimeOffset.FromUnixTimeSeconds(1763626443));
    }

    [Fact]
    public async Task the_same_alert_again_is_one_triage_item_with_two_sightings()
    {
        var source = await RegisterSourceAsync("wazuh", new { shopNames = new Dictionary<string, string> { ["shop-web-01"] = Shop.Name } });
        var first = await SendSignedAsync(source, Payloads.Wazuh("1763626443.900001"));
        await PlacedAlertAsync(first.Body["alertId"]!.GetValue<Guid>());

        var again = await SendSignedAsync(source, Payloads.Wazuh("1763626443.900001"));

        again.Status.Should().Be(202, again.Body.ToJsonString());
        again.Body["status"]!.GetValue<string>().Should().Be("sighting");
        again.Body["matchedBy"]!.GetValue<string>().Should().Be("reference", "the sender's own id is the same");
        again.Body["alertId"]!.GetValue<Guid>().Should().Be(first.Body["alertId"]!.GetValue<Guid>());
        var alert = await AlertAsync(first.Body["alertId"]!.GetValue<Guid>());
        alert["sightings"]!.AsArray().Should().HaveCount(2, "one alert, seen twice");
        (await AlertsOfShopAsync()).Should().HaveCount(1, "the repeat opened nothing new");
        var items = (JsonArray)await Api.GetAsync("/api/triage");
        items.Count(i => i!["item"]!["shop"]!.GetValue<string>() == Shop.Name).Should().Be(1, "one triage item for the one alert");
    }

    [Fact]
    public async Task the_same_alert_delivered_eight_times_at_once_is_one_alert_with_eight_sightings()
    {
        var source = await RegisterSourceAsync("wazuh", new { shopNames = new Dictionary<string, string> { ["shop-web-01"] = Shop.Name } });

        // Eight deliveries race for the same new reference and fingerprint: the losers collide on both keys at once.
        var deliveries = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => SendSignedAsync(source, Payloads.Wazuh("1763626443.950001"))));

        deliveries.Should().OnlyContain(d => d.Status == 202, "a delivery that lost the race is tried again and finds the winner's alert: {0}",
            string.Join(" | ", deliveries.Select(d => $"{d.Status} {d.Body.ToJsonString()}")));
        var alerts = deliveries.Select(d => d.Body["alertId"]!.GetValue<Guid>()).Distinct().ToList();
        alerts.Should().ContainSingle("the same reference is one alert however the deliveries interleave");
        deliveries.Count(d => d.Body["status"]!.GetValue<string>() == "new").Should().Be(1, "one delivery opened it, the others are sightings");
        (await AlertAsync(alerts[0]))["sightings"]!.AsArray().Should().HaveCount(8, "every delivery is recorded as a sighting of the one alert");
    }

    [Fact]
    public async Task another_senders_report_of_the_same_thing_within_the_window_is_a_sighting_by_fingerprint()
    {
        var source = await RegisterSourceAsync("wazuh", new { shopNames = new Dictionary<string, string> { ["shop-web-01"] = Shop.Name } });
        var first = await SendSignedAsync(source, Payloads.Wazuh("1763626443.700001", srcip: "192.0.2.50"));

        var second = await SendSignedAsync(source, Payloads.Wazuh("1763626443.700002", srcip: "192.0.2.50"));
        var otherAttacker = await SendSignedAsync(source, Payloads.Wazuh("1763626443.700003", srcip: "192.0.2.51"));

        second.Body["status"]!.GetValue<string>().Should().Be("sighting", "same shop, kind and source IP within the window");
        second.Body["matchedBy"]!.GetValue<string>().Should().Be("fingerprint");
        second.Body["alertId"]!.GetValue<Guid>().Should().Be(first.Body["alertId"]!.GetValue<Guid>());
        otherAttacker.Body["status"]!.GetValue<string>().Should().Be("new", "another source IP is another alert");
    }

    [Fact]
    public async Task a_related_alert_attaches_to_the_open_incident_on_the_same_shop_and_kind()
    {
        await Api.DetectAsync(Shop.Name);
        var source = await RegisterSourceAsync("generic", new { mapping = Payloads.GenericMapping });
        var takeover = await Api.SendAsync(HttpMethod.Post, "/api/incidents", new
        {
            title = "Admin account taken over", shop = Shop.Name, kind = "account-takeover", detectedAt = "2026-11-20T08:00:00Z", dataCategories = Array.Empty<string>(),
        }, 201);

        var delivered = await SendSignedAsync(source, Payloads.Generic("evt-related"));

        var alert = await PlacedAlertAsync(delivered.Body["alertId"]!.GetValue<Guid>());
        alert["status"]!.GetValue<string>().Should().Be("attached-to-incident", alert.ToJsonString());
        alert["incidentId"]!.GetValue<Guid>().Should().Be(takeover["id"]!.GetValue<Guid>(), "the open incident of the same shop and kind, not the skimmer one");
        alert["placedBy"]!.GetValue<string>().Should().Be("open-incident-same-shop-and-kind");
        var attached = (JsonArray)await Api.GetAsync($"/api/incidents/{takeover["id"]}/alerts");
        attached.Select(a => a!["id"]!.GetValue<Guid>()).Should().Equal(alert["id"]!.GetValue<Guid>());
        var history = await Api.HistoryAsync(takeover["id"]!.GetValue<Guid>());
        history.Select(e => e!["type"]!.GetValue<string>()).Should().Contain(["alert_received", "alert_attached_to_incident"],
            "the alert's stream is part of the incident's record");
    }
}
