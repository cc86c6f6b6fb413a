using System.Globalization;
using Alba;
using System.Security.Cryptography;
using System.Text;
using CaseManagement.IntegrationTests.Alerts;
using CaseManagement.IntegrationTests.Containment;
using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Security;
using CaseManagement.Shops;
using FluentAssertions;

namespace CaseManagement.IntegrationTests.Paging;

/// <summary>The whole way: a signed critical alert opens a triage item, and the on-call person is paged for it without anyone asking.</summary>
[Collection(PagingCollection.Name)]
public sealed class when_a_critical_alert_arrives(PagingFixture fixture) : IAsyncLifetime
{
    private const string Organisation = "paging-e2e";
    private AttackedShop _shop = null!;

    private IncidentApi Admin => fixture.ApiIn(Organisation, "ada.admin@shop.test", Roles.Admin);

    private IncidentApi Responder => fixture.ApiIn(Organisation, IncidentApi.Responder, Roles.Responder);

    public async Task InitializeAsync()
    {
        _shop = await AttackedShop.CreateAsync(ShopPlatform.WooCommerce, "wp_");
        await Admin.SendAsync(HttpMethod.Post, "/api/shops", _shop.Registration(), 201);
    }

    public async Task DisposeAsync() => await _shop.DisposeAsync();

    [Fact]
    public async Task the_on_call_person_is_paged_once_for_a_critical_triage_item()
    {
        await Admin.SendAsync(HttpMethod.Post, "/api/on-call/roster", new
        {
            people = new[] { new { name = "Kim", email = "kim.e2e@shop.test", timeZone = "Europe/Berlin" } },
            acknowledgeWithinMinutes = 15, reason = "Kim covers the e2e organisation",
        }, 200);
        var created = await Admin.SendAsync(HttpMethod.Post, "/api/alert-sources",
            new { name = $"wp-{Guid.NewGuid():N}"[..20], format = "generic", shop = _shop.Name, mapping = Payloads.GenericMapping }, 201);
        var (source, secret) = (created["source"]!["id"]!.GetValue<Guid>(), created["secret"]!.GetValue<string>());

        await SendSignedAsync(source, secret, Payloads.Generic("evt-page-1"));
        await SendSignedAsync(source, secret, Payloads.Generic("evt-page-2", user: "eve"));

        var pages = await Responder.WaitForAsync("/api/pages?status=all", p => p.AsArray().Count >= 1 && p[0]!["deliveries"]!.AsArray().Count >= 1);
        await Task.Delay(TimeSpan.FromSeconds(3));
        pages = await Responder.GetAsync("/api/pages?status=all");
        pages.AsArray().Should().ContainSingle("two critical alerts of one shop share a triage item, and the item pages once");
        pages[0]!["cause"]!.GetValue<string>().Should().Be("critical-alert");
        pages[0]!["triageItemId"].Should().NotBeNull("the page names the triage item to look at");
        fixture.Mail.Messages.Count(m => m.Recipients.Contains("kim.e2e@shop.test")).Should().Be(1, "Kim got the page once");
    }

    private async Task SendSignedAsync(Guid source, string secret, string payload)
    {
        var id = $"msg_{Guid.NewGuid():N}";
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = "v1," + Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(secret["whsec_".Length..]),
            Encoding.UTF8.GetBytes($"{id}.{timestamp}.{payload}")));
        await fixture.Host.Scenario(x =>
        {
            x.Post.RawJson(payload).ToUrl("/api/alerts").QueryString("source", source.ToString());
            x.WithRequestHeader("webhook-id", id);
            x.WithRequestHeader("webhook-timestamp", timestamp);
            x.WithRequestHeader("webhook-signature", signature);
            x.StatusCodeShouldBe(202);
        });
    }
}
