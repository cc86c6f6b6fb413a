using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.IntegrationTests.Notifications;
using CaseManagement.Security;
using FluentAssertions;

namespace CaseManagement.ResilienceTests.Outages;

/// <summary>
/// The mail server goes away in the middle of a campaign's fan-out, for longer than one recipient's own retries last, and
/// comes back on the same address. The campaign waits for it instead of recording people as failed, and ends with every
/// person notified exactly once.
/// </summary>
[Collection(OutageCollection.Name)]
public sealed class when_the_mail_server_goes_away_during_a_campaign(OutageFixture fixture) : IAsyncLifetime
{
    private NotifiedShop _shop = null!;

    private IncidentApi Lead => fixture.ApiAs("lena.lead@shop.test", Roles.ComplianceLead, Roles.Responder);

    public async Task InitializeAsync() =>
        _shop = await NotifiedShop.CreateAsync(fixture.ApiAs("ada.admin@shop.test", Roles.Admin), Lead, fixture.ApiAs("lou.lead@shop.test", Roles.ComplianceLead));

    public async Task DisposeAsync() => await _shop.DisposeAsync();

    [OutageFact]
    public async Task the_campaign_waits_for_it_and_notifies_everyone_once()
    {
        var draft = await Lead.SendAsync(HttpMethod.Post, $"/api/incidents/{_shop.IncidentId}/campaigns", _shop.Campaign("Skimmer notice", ratePerMinute: 600), 201);
        var id = draft["id"]!.GetValue<Guid>();
        await NotifiedShop.ClearOrderingAsync(Lead, _shop.IncidentId, id);
        await Lead.SendAsync(HttpMethod.Post, $"/api/campaigns/{id}/approve", new { }, 200);
        await fixture.ApiAs("anna.approver@shop.test", Roles.Approver).SendAsync(HttpMethod.Post, $"/api/campaigns/{id}/approve", new { }, 200);
        await Lead.WaitForAsync($"/api/campaigns/{id}", _ => fixture.Mail.ReceivedCount >= 3);

        var restart = await fixture.StopMailAsync();
        await Task.Delay(TimeSpan.FromSeconds(6));
        restart();
        var done = await Lead.WaitForAsync($"/api/campaigns/{id}", c => c["status"]?.GetValue<string>() == "completed");

        done["failed"]!.GetValue<long>().Should().Be(0, "nobody is recorded as failed because the mail server was away");
        done["sent"]!.GetValue<long>().Should().Be(_shop.People);
        var delivered = fixture.AllDelivered();
        var perRecipient = delivered.GroupBy(m => m.Recipients.Single()).ToList();
        perRecipient.Should().HaveCount((int)_shop.People, "every person got the notice");
        perRecipient.Where(r => r.Count() > 1).Should().BeEmpty("nobody got it twice: {0}",
            string.Join(", ", perRecipient.Where(r => r.Count() > 1).Select(r => $"{r.Key} x{r.Count()}")));
    }
}
