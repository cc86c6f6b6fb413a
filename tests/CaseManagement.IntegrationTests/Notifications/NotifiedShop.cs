using System.Security.Cryptography;
using System.Text.Json.Nodes;
using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Security;
using CaseManagement.Shops;
using CaseManagement.ShopGeneration;
using CaseManagement.Shops.Model;
using FluentAssertions;
using MySqlConnector;

namespace CaseManagement.IntegrationTests.Notifications;

/// <summary>
/// What a campaign needs before it can send: a generated WooCommerce shop in the test MariaDB, registered; an incident
/// scoped against it (the affected people, stored encrypted); and approved notice templates for California and everyone else.
/// </summary>
public sealed class NotifiedShop : IAsyncDisposable
{
    public static readonly DateTimeOffset From = DateTimeOffset.UtcNow.AddDays(-20);
    public static readonly DateTimeOffset To = DateTimeOffset.UtcNow.AddDays(-2);

    private NotifiedShop(string database) => Database = database;

    public string Database { get; }

    public Guid IncidentId { get; private set; }

    public string CaliforniaTemplate { get; private set; } = "";

    public string DefaultTemplate { get; private set; } = "";

    public long People { get; private set; }

    /// <param name="secondLead">Approves the templates <paramref name="lead"/> drafts: nobody approves their own (four eyes).</param>
    public static async Task<NotifiedShop> CreateAsync(IncidentApi admin, IncidentApi lead, IncidentApi secondLead, int customers = 30, int orders = 80)
    {
        var shop = new NotifiedShop("shop_nt_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5)));
        await ExecuteAsync($"CREATE DATABASE `{shop.Database}` CHARACTER SET utf8mb4");
        var server = new MySqlConnectionStringBuilder(TestDatabases.Shop);
        await ShopGenerator.GenerateAsync(new ShopConnectionSettings(ShopPlatform.WooCommerce,
            new MySqlConnectionStringBuilder(server.ConnectionString) { Database = shop.Database }.ConnectionString, "wp_", "UTC"),
            new ShopGenerationOptions(customers, orders, Seed: 5, From, To));
        var name = $"nt-{shop.Database[8..]}";
        await admin.SendAsync(HttpMethod.Post, "/api/shops", new
        {
            name, platform = "woocommerce", host = server.Server, port = (int)server.Port, database = shop.Database, user = server.UserID,
            password = server.Password, readOnlyUser = "casemanagement_ro", readOnlyPassword = "casemanagement_ro", tablePrefix = "wp_", timeZone = "UTC",
        }, 201);
        var created = await lead.SendAsync(HttpMethod.Post, "/api/incidents", new
        {
            title = "Card skimmer in checkout", shop = name, kind = "checkout-skimmer", detectedAt = To.AddDays(1),
            dataCategories = new[] { "payment-card", "name", "email", "postal-address" },
        }, 201);
        shop.IncidentId = created["id"]!.GetValue<Guid>();
        await lead.ActAsync(shop.IncidentId, "record-awareness", new { awareAt = To.AddDays(1).AddHours(1), reason = "skimmer confirmed" });
        await lead.ActAsync(shop.IncidentId, "scope", new { from = From.AddDays(-1), to = To.AddDays(1) });
        var run = await lead.WaitForAsync($"/api/incidents/{shop.IncidentId}/scope", v => v["latest"]?["status"]?.GetValue<string>() == "completed");
        shop.People = run["latest"]!["peopleFound"]!.GetValue<long>();
        shop.CaliforniaTemplate = await ApprovedTemplateAsync(lead, secondLead, $"ca-{shop.Database[8..]}", "US-CA");
        shop.DefaultTemplate = await ApprovedTemplateAsync(lead, secondLead, $"eu-{shop.Database[8..]}", "EU");
        return shop;
    }

    /// <summary>Drafts the shipped example for the jurisdiction as a template of our own, and a second lead approves it.</summary>
    private static async Task<string> ApprovedTemplateAsync(IncidentApi lead, IncidentApi secondLead, string templateId, string jurisdiction)
    {
        var example = await lead.GetAsync($"/api/notice-templates/examples/{jurisdiction}");
        var draft = await lead.SendAsync(HttpMethod.Post, "/api/notice-templates", new
        {
            templateId, channel = "email", language = "en", jurisdiction = example["jurisdiction"]!.GetValue<string>(),
            subject = example["subject"]!.GetValue<string>(), body = example["body"]!.GetValue<string>(),
        }, 201);
        draft["approvalProblems"]!.AsArray().Should().BeEmpty();
        await secondLead.SendAsync(HttpMethod.Post, $"/api/notice-templates/{templateId}/versions/1/approve", new { }, 200);
        return templateId;
    }

    public object Campaign(string name, int ratePerMinute = 60_000) => new
    {
        name,
        channel = "email",
        templates = new object[]
        {
            new { jurisdiction = "US-CA", templateId = CaliforniaTemplate, version = 1 },
            new { jurisdiction = "*", templateId = DefaultTemplate, version = 1 },
        },
        content = new
        {
            whatHappened = "A script placed in our checkout page copied card details as they were typed.",
            likelyConsequences = "Fraudulent charges on the card used at our checkout.",
            whatWeAreDoing = "We removed the script, locked the account used to place it, and told the card brands.",
            whatYouCanDo = "Check your card statements and ask your bank for a new card.",
            breachStartedAt = From,
            breachEndedAt = To,
            organisationName = "Example Shop Ltd",
            contactEmail = "privacy@shop.test",
            contactPhone = "+1 415 555 0100",
            dpoContact = "dpo@shop.test",
        },
        ratePerMinute,
    };

    public async ValueTask DisposeAsync()
    {
        MySqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS `{Database}`");
    }

    /// <summary>A statement on the test MariaDB server itself (creating and dropping generated shops' databases).</summary>
    internal static async Task ExecuteAsync(string sql)
    {
        await using var connection = new MySqlConnection(new MySqlConnectionStringBuilder(TestDatabases.Shop) { Database = "" }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
