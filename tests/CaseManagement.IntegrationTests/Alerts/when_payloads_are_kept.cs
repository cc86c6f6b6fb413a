using System.Text;
using Alba;
using CaseManagement.Alerts;
using CaseManagement.Alerts.Intake;
using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Security;
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
    public async Task reading_a_payload_leaves_one_access_record_naming_the_person_and_the_payload_and_listing_alerts_leaves_none()
    {
        var source = await RegisterSourceAsync("wazuh", new { shopNames = new Dictionary<string, string> { ["shop-web-01"] = Shop.Name } });
        var delivered = await SendSignedAsync(source, Payloads.Wazuh("1763626443.600002"));
        var alertId = delivered.Body["alertId"]!.GetValue<Guid>();
        var sighting = (await PlacedAlertAsync(alertId))["sightings"]![0]!;
        var payloadId = sighting["payloadId"]!.GetValue<Guid>();
        var before = await AlertEventsAsync(alertId);

        await AlertsOfShopAsync();
        await AlertAsync(alertId);
        var afterListing = await AlertEventsAsync(alertId);
        await Host.Scenario(x =>
        {
            x.Get.Url($"/api/alerts/{alertId}/payloads/{payloadId}");
            Api.Authenticate(x);
            x.StatusCodeShouldBeOk();
        });
        await Host.Scenario(x =>
        {
            x.Get.Url($"/api/alerts/{alertId}/payloads/{Guid.NewGuid()}");
            Api.Authenticate(x);
            x.StatusCodeShouldBe(404);
        });
        var after = await AlertEventsAsync(alertId);

        afterListing.Should().HaveCount(before.Count, "listing and showing alerts without their payload shows no personal data, so it records nothing");
        var reads = after.Skip(before.Count).ToList();
        reads.Should().ContainSingle("one read of the payload leaves one record, and the refused read of an unknown payload none");
        var read = reads[0];
        read.UserName.Should().Be($"user:{IncidentApi.Responder}", "the record names the person who was shown the payload");
        read.Data.Should().BeEquivalentTo(new AlertPayloadRead(alertId, payloadId, sighting["payloadSha256"]!.GetValue<string>(), [Roles.Responder, Roles.ComplianceLead]),
            "the record names the alert and the payload read, with its SHA-256, and the roles it was read in");
    }

    private async Task<IReadOnlyList<JasperFx.Events.IEvent>> AlertEventsAsync(Guid alertId)
    {
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession(Organisation);
        return await session.Events.FetchStreamAsync(alertId);
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
