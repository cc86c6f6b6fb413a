using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using CaseManagement.BrowserTests.Infrastructure;
using CaseManagement.Security;
using CaseManagement.ShopGeneration;
using CaseManagement.Shops;
using CaseManagement.Shops.Model;
using FluentAssertions;
using IdentityProvider;
using MySqlConnector;

namespace CaseManagement.BrowserTests.Response;

/// <summary>
/// What the response journeys start from, set up through the API as an integration would: a generated WooCommerce shop in
/// the test MariaDB (build/test.sh starts it), registered by the admin, and a checkout-skimmer incident on it whose
/// awareness the lead recorded. Each journey gets its own shop, so journeys never see each other's runs.
/// </summary>
public sealed class ResponseShop : IAsyncDisposable
{
    public static readonly DateTimeOffset From = DateTimeOffset.UtcNow.AddDays(-20);
    public static readonly DateTimeOffset To = DateTimeOffset.UtcNow.AddDays(-2);

    private readonly WebFixture fixture;

    private ResponseShop(WebFixture fixture, string database) => (this.fixture, Database) = (fixture, database);

    public string Database { get; }
    public string Name => $"br-{Database[8..]}";
    public Guid IncidentId { get; private set; }

    private static string Server => Environment.GetEnvironmentVariable("ConnectionStrings__ShopTests")
                                    ?? "Server=127.0.0.1;Port=53306;Database=shop_tests;User ID=casemanagement;Password=casemanagement";

    public HttpClient Lead() => fixture.ApiAs("lee.lead@demo-shop.example", DemoPeople.Organisation, Roles.ComplianceLead);

    public static async Task<ResponseShop> CreateAsync(WebFixture fixture, int customers = 40, int orders = 120)
    {
        var shop = new ResponseShop(fixture, "shop_br_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5)));
        await ExecuteAsync($"CREATE DATABASE `{shop.Database}` CHARACTER SET utf8mb4");
        var server = new MySqlConnectionStringBuilder(Server);
        await ShopGenerator.GenerateAsync(new ShopConnectionSettings(ShopPlatform.WooCommerce,
            new MySqlConnectionStringBuilder(server.ConnectionString) { Database = shop.Database }.ConnectionString, "wp_", "UTC"),
            new ShopGenerationOptions(customers, orders, Seed: 7, From, To));
        using var admin = fixture.ApiAs("alex.admin@demo-shop.example", DemoPeople.Organisation, Roles.Admin);
        await SendAsync(admin, "/api/shops", new
        {
            name = shop.Name, platform = "woocommerce", host = server.Server, port = (int)server.Port, database = shop.Database, user = server.UserID,
            password = server.Password, readOnlyUser = "casemanagement_ro", readOnlyPassword = "casemanagement_ro", tablePrefix = "wp_", timeZone = "UTC",
        }, HttpStatusCode.Created);
        using var lead = shop.Lead();
        var created = await SendAsync(lead, "/api/incidents", new
        {
            title = "Card skimmer in checkout", shop = shop.Name, kind = "checkout-skimmer", detectedAt = To.AddDays(1),
            dataCategories = new[] { "payment-card", "name", "email", "postal-address" },
        }, HttpStatusCode.Created);
        shop.IncidentId = created["id"]!.GetValue<Guid>();
        await SendAsync(lead, $"/api/incidents/{shop.IncidentId}/record-awareness", new { awareAt = To.AddDays(1).AddHours(1), reason = "skimmer confirmed" },
            HttpStatusCode.OK);
        return shop;
    }

    /// <summary>
    /// Scopes the incident through the API and waits for the outcome on the incident; then a lead drafts the shipped
    /// examples for California and the EU as templates and a second lead approves them (four eyes). Answers the two
    /// templates as the draft form's options name them ("templateId:1").
    /// </summary>
    public async Task<(string California, string Everyone)> ScopedWithApprovedTemplatesAsync()
    {
        using var lead = Lead();
        using var second = fixture.ApiAs("demo.lead@demo-shop.example", DemoPeople.Organisation, Roles.ComplianceLead);
        await SendAsync(lead, $"/api/incidents/{IncidentId}/scope", new { from = From.AddDays(-1), to = To.AddDays(1) }, HttpStatusCode.OK);
        for (var i = 0; i < 300 && JsonNode.Parse(await lead.GetStringAsync($"/api/incidents/{IncidentId}"))!["scopedAt"] is null; i++)
        {
            await Task.Delay(200);
        }

        return (await ApprovedTemplateAsync(lead, second, $"ca-{Database[8..]}", "US-CA") + ":1", await ApprovedTemplateAsync(lead, second, $"eu-{Database[8..]}", "EU") + ":1");
    }

    private static async Task<string> ApprovedTemplateAsync(HttpClient lead, HttpClient second, string templateId, string jurisdiction)
    {
        var example = JsonNode.Parse(await lead.GetStringAsync($"/api/notice-templates/examples/{Uri.EscapeDataString(jurisdiction)}?language=en"))!;
        await SendAsync(lead, "/api/notice-templates", new
        {
            templateId, channel = "email", language = "en", jurisdiction = example["jurisdiction"]!.GetValue<string>(),
            subject = example["subject"]!.GetValue<string>(), body = example["body"]!.GetValue<string>(),
        }, HttpStatusCode.Created);
        await SendAsync(second, $"/api/notice-templates/{templateId}/versions/1/approve", new { }, HttpStatusCode.OK);
        return templateId;
    }

    /// <summary>The incident's version as the API reads it now.</summary>
    public async Task<long> IncidentVersionAsync()
    {
        using var lead = Lead();
        var incident = await lead.GetFromJsonAsync<JsonObject>($"/api/incidents/{IncidentId}");
        return incident!["version"]!.GetValue<long>();
    }

    public static async Task<JsonNode> SendAsync(HttpClient client, string path, object body, HttpStatusCode expected)
    {
        var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, "POST {0} should succeed as the journey's setup: {1}", path, text);
        return JsonNode.Parse(text.Length == 0 ? "{}" : text)!;
    }

    public async ValueTask DisposeAsync()
    {
        MySqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS `{Database}`");
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new MySqlConnection(new MySqlConnectionStringBuilder(Server) { Database = "" }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
