using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Alba;
using CaseManagement.IntegrationTests.Containment;
using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Security;
using CaseManagement.Shops;

namespace CaseManagement.IntegrationTests.Alerts;

/// <summary>A registered source as its sender knows it: the id to post to and the secret to sign with.</summary>
public sealed record SourceUnderTest(Guid Id, string Secret, string Name);

/// <summary>An answer to a delivery: its status and its JSON body.</summary>
public sealed record Delivered(int Status, JsonNode Body);

/// <summary>
/// A scenario with a registered shop of its own (a small generated WooCommerce database), so the alerts it sends correlate with
/// nothing but its own incidents and triage items.
/// </summary>
public abstract class AlertScenario(AppFixture fixture) : ServiceScenario(fixture), IAsyncLifetime
{
    protected AttackedShop Shop { get; private set; } = null!;

    protected IncidentApi Admin => ApiAs("ada.admin@shop.test", Organisation, Roles.Admin);

    public async Task InitializeAsync()
    {
        Shop = await AttackedShop.CreateAsync(ShopPlatform.WooCommerce, "wp_");
        await Admin.SendAsync(HttpMethod.Post, "/api/shops", Shop.Registration(), 201);
    }

    public async Task DisposeAsync() => await Shop.DisposeAsync();

    /// <param name="extra">More registration fields, e.g. a generic mapping or shop names.</param>
    protected async Task<SourceUnderTest> RegisterSourceAsync(string format, object? extra = null)
    {
        var name = $"{format}-{Guid.NewGuid():N}"[..30];
        var body = JsonNode.Parse(IncidentApi.Json(new { name, format, shop = Shop.Name }))!.AsObject();
        if (extra is not null)
        {
            foreach (var (key, value) in JsonNode.Parse(IncidentApi.Json(extra))!.AsObject())
            {
                body[key] = value?.DeepClone();
            }
        }

        var created = await Admin.SendAsync(HttpMethod.Post, "/api/alert-sources", body.ToJsonString(), 201);
        return new SourceUnderTest(created["source"]!["id"]!.GetValue<Guid>(), created["secret"]!.GetValue<string>(), name);
    }

    /// <summary>Posts <paramref name="payload"/> as the sender would: signed over the exact bytes, Standard Webhooks headers.</summary>
    protected async Task<Delivered> SendSignedAsync(SourceUnderTest source, string payload, string? webhookId = null, DateTimeOffset? sentAt = null,
        string? secret = null)
    {
        var id = webhookId ?? $"msg_{Guid.NewGuid():N}";
        var timestamp = (sentAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var key = Convert.FromBase64String((secret ?? source.Secret)["whsec_".Length..]);
        var signature = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{payload}")));
        var result = await Host.Scenario(x =>
        {
            x.Post.RawJson(payload).ToUrl("/api/alerts").QueryString("source", source.Id.ToString());
            x.WithRequestHeader("webhook-id", id);
            x.WithRequestHeader("webhook-timestamp", timestamp);
            x.WithRequestHeader("webhook-signature", signature);
            x.IgnoreStatusCode();
        });
        var text = await result.ReadAsTextAsync();
        return new Delivered(result.Context.Response.StatusCode, text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!);
    }

    protected Task<JsonNode> AlertAsync(Guid id) => Api.GetAsync($"/api/alerts/{id}");

    /// <summary>The alert once correlation placed it (correlation runs on its own queue, a moment after the delivery is answered).</summary>
    protected Task<JsonNode> PlacedAlertAsync(Guid id) => Api.WaitForAsync($"/api/alerts/{id}", a => a["status"]!.GetValue<string>() != "new");

    protected async Task<JsonArray> AlertsOfShopAsync() => (JsonArray)await Api.GetAsync($"/api/alerts?shop={Shop.Name}");
}
