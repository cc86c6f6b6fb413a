using System.Security.Cryptography;
using System.Text;
using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Security;
using FluentAssertions;

namespace CaseManagement.IntegrationTests.Notifications;

/// <summary>
/// A shopper calls: "did you write to me?". The call centre finds the delivery by the address the caller gives, hashed as
/// the records keep it, without the service storing the address in the clear (issue 14, item 13).
/// </summary>
public sealed class when_the_call_centre_looks_up_a_delivery(AppFixture fixture) : ServiceScenario(fixture), IAsyncLifetime
{
    private NotifiedShop _shop = null!;

    private IncidentApi Lead => ApiAs("lena.lead@shop.test", Organisation, Roles.ComplianceLead, Roles.Responder);

    private IncidentApi Approver => ApiAs("anna.approver@shop.test", Organisation, Roles.Approver);

    private IncidentApi CallCentre => ApiAs("carl.callcentre@shop.test", Organisation, Roles.Responder);

    public async Task InitializeAsync() => _shop = await NotifiedShop.CreateAsync(ApiAs("ada.admin@shop.test", Organisation, Roles.Admin), Lead,
        ApiAs("lou.lead@shop.test", Organisation, Roles.ComplianceLead), customers: 8, orders: 20);

    public async Task DisposeAsync() => await _shop.DisposeAsync();

    [Fact]
    public async Task the_caller_s_address_finds_their_delivery_and_nobody_else_s()
    {
        var before = Mail.ReceivedCount;
        var id = (await Lead.SendAsync(HttpMethod.Post, $"/api/incidents/{_shop.IncidentId}/campaigns", _shop.Campaign("Call centre drill"), 201))["id"]!.GetValue<Guid>();
        await Lead.SendAsync(HttpMethod.Post, $"/api/campaigns/{id}/approve", new { }, 200);
        await Approver.SendAsync(HttpMethod.Post, $"/api/campaigns/{id}/approve", new { }, 200);
        await Lead.WaitForAsync($"/api/campaigns/{id}", c => c["status"]?.GetValue<string>() == "completed");
        var caller = Mail.Messages.Where(m => m.Sequence > before).Select(m => m.Recipients.Single()).First();

        // As a person says it on the phone: other case, a stray space.
        var found = await CallCentre.GetAsync($"/api/campaigns/{id}/deliveries?email={Uri.EscapeDataString(" " + caller.ToUpperInvariant())}");
        var nobody = await CallCentre.GetAsync($"/api/campaigns/{id}/deliveries?email=someone.else%40example.invalid");

        var delivery = found["deliveries"]!.AsArray().Should().ContainSingle("one person, one delivery per campaign").Subject!;
        delivery["status"]!.GetValue<string>().Should().Be("sent");
        delivery["toSha256"]!.GetValue<string>().Should().Be(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(caller.ToLowerInvariant()))));
        found.ToJsonString().Should().NotContain(caller, "the answer keeps the address as a hash, as the record does");
        nobody["deliveries"]!.AsArray().Should().BeEmpty("an address the campaign never wrote to finds nothing");
        (await CallCentre.GetAsync($"/api/campaigns/{id}/deliveries?email=not-an-address", 400))["detail"]!.GetValue<string>().Should().Contain("e-mail address");
    }
}
