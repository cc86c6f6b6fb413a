using System.Text.Json.Nodes;
using CaseManagement.IntegrationTests.Infrastructure;
using FluentAssertions;

namespace CaseManagement.IntegrationTests.Alerts;

/// <summary>A delivery that does not prove its source, or proves it too late or twice, is 401 with the reason, and nothing is stored.</summary>
public sealed class when_deliveries_are_refused(AppFixture fixture) : AlertScenario(fixture)
{
    private async Task<SourceUnderTest> WazuhAsync() =>
        await RegisterSourceAsync("wazuh", new { shopNames = new Dictionary<string, string> { ["shop-web-01"] = Shop.Name } });

    private async Task NothingStoredAsync(string because) => (await AlertsOfShopAsync()).Should().BeEmpty(because);

    [Fact]
    public async Task a_wrong_signature_is_401_and_stores_nothing()
    {
        var source = await WazuhAsync();

        var delivered = await SendSignedAsync(source, Payloads.Wazuh("1763626443.500001"), secret: "whsec_" + Convert.ToBase64String(new byte[32]));

        delivered.Status.Should().Be(401, delivered.Body.ToJsonString());
        delivered.Body["detail"]!.GetValue<string>().Should().Contain("webhook-signature does not match");
        await NothingStoredAsync("a delivery that does not prove its source is not evidence of anything");
    }

    [Fact]
    public async Task a_stale_timestamp_is_401_and_stores_nothing()
    {
        var source = await WazuhAsync();

        var delivered = await SendSignedAsync(source, Payloads.Wazuh("1763626443.500002"), sentAt: DateTimeOffset.UtcNow.AddMinutes(-10));

        delivered.Status.Should().Be(401, delivered.Body.ToJsonString());
        delivered.Body["detail"]!.GetValue<string>().Should().Contain("behind the service's clock");
        await NothingStoredAsync("a stale delivery may be a captured one sent again");
    }

    [Fact]
    public async Task a_replayed_delivery_is_401_and_adds_no_sighting()
    {
        var source = await WazuhAsync();
        var first = await SendSignedAsync(source, Payloads.Wazuh("1763626443.500003"), webhookId: "msg_replayed");
        first.Status.Should().Be(202, first.Body.ToJsonString());

        var replay = await SendSignedAsync(source, Payloads.Wazuh("1763626443.500003"), webhookId: "msg_replayed");

        replay.Status.Should().Be(401, replay.Body.ToJsonString());
        replay.Body["detail"]!.GetValue<string>().Should().Contain("replayed");
        var alert = await AlertAsync(first.Body["alertId"]!.GetValue<Guid>());
        alert["sightings"]!.AsArray().Should().HaveCount(1, "the replay is not another sighting");
    }

    [Fact]
    public async Task an_unsigned_delivery_without_a_credential_is_401()
    {
        var source = await WazuhAsync();

        var result = await Host.Scenario(x =>
        {
            x.Post.RawJson(Payloads.Wazuh("1763626443.500004")).ToUrl("/api/alerts").QueryString("source", source.Id.ToString());
            x.StatusCodeShouldBe(401);
        });

        var problem = JsonNode.Parse(await result.ReadAsTextAsync())!;
        problem["detail"]!.GetValue<string>().Should().Contain("neither signed nor sent with a credential");
        await NothingStoredAsync("an anonymous delivery proves nothing");
    }

    [Fact]
    public async Task an_alert_the_mapping_cannot_read_is_422_naming_the_field()
    {
        var source = await WazuhAsync();

        var delivered = await SendSignedAsync(source, """{"rule":{"level":3}}""");

        delivered.Status.Should().Be(422, delivered.Body.ToJsonString());
        delivered.Body["errors"]!["reference"].Should().NotBeNull("Wazuh's id is missing: {0}", delivered.Body.ToJsonString());
        await NothingStoredAsync("an alert nobody can read is refused to its sender, who can fix it");
    }
}
