using System.Text;
using Alba;
using CaseManagement.Alerts.Intake;
using CaseManagement.IntegrationTests.Infrastructure;
using FluentAssertions;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManagement.IntegrationTests.Alerts;

/// <summary>Each delivery's raw payload is kept as evidence: byte for byte, encrypted when it may hold personal data, and within the source's size.</summary>
public sealed class when_payloads_are_kept(AppFixture fixture) : AlertScenario(fixture)
{
    private async Task<AlertPayload> StoredAsync(Guid payloadId)
    {
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession(Organisation);
        return (await session.LoadAsync<AlertPayload>(payloadId))!;
    }

    [Fact]
    public async Task a_payload_with_personal_data_is_stored_encrypted_and_read_back_as_it_arrived()
    {
        var source = await RegisterSourceAsync("wazuh", new { shopNames = new Dictionary<string, string> { ["shop-web-01"] = Shop.Name } });
        var payload = Payloads.Wazuh("1763626443.600001");
        var delivered = await SendSignedAsync(source, payload);
        var alert = await AlertAsync(delivered.Body["alertId"]!.GetValue<Guid>());
        var payloadId = alert["sightings"]![0]!["payloadId"]!.GetValue<Guid>();

        var stored = await StoredAsync(payloadId);
        var read = await Host.Scenario(x =>
        {
            x.Get.Url($"/api/alerts/{alert["id"]}/payloads/{payloadId}");
            Api.Authenticate(x);
            x.StatusCodeShouldBeOk();
        });

        stored.Text.Should().BeNull("Wazuh alerts carry IPs and log lines, so the plain text is never stored");
        stored.Protected.Should().NotBeNull("the payload is kept encrypted under the source's key");
        (await read.ReadAsTextAsync()).Should().Be(payload, "the evidence is the exact bytes the sender signed");
    }

    [Fact]
    public async Task a_payload_over_the_sources_limit_is_413_and_stores_nothing()
    {
        var source = await RegisterSourceAsync("generic", new { mapping = Payloads.GenericMapping, maxPayloadBytes = 1024, personalData = false });
        var padded = Payloads.Generic("evt-big").TrimEnd().TrimEnd('}') + $$""","padding":"{{new string('x', 1200)}}"}""";

        var delivered = await SendSignedAsync(source, padded);

        delivered.Status.Should().Be(413, delivered.Body.ToJsonString());
        delivered.Body["detail"]!.GetValue<string>().Should().Contain("at most 1024 bytes");
        (await AlertsOfShopAsync()).Should().BeEmpty("an oversize delivery is refused whole");
        Encoding.UTF8.GetByteCount(padded).Should().BeGreaterThan(1024, "the test must really send more than the limit");
    }
}
