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
    /// <param name="residences">When given, every order's billing address is moved to one of these (country, state), in turn by order id, so the
    /// people found live exactly there; otherwise they live where the generator put them.</param>
    /// <param name="awareAt">When the shop became aware of the breach; by default an hour after detection, the day before yesterday's end.</param>
    public static async Task<NotifiedShop> CreateAsync(IncidentApi admin, IncidentApi lead, IncidentApi secondLead, int customers = 30, int orders = 80,
        IReadOnlyList<(string Country, string State)>? residences = null, DateTimeOffset? awareAt = null)
    {
        var shop = new NotifiedShop("shop_nt_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5)));
        await ExecuteAsync($"CREATE DATABASE `{shop.Database}` CHARACTER SET utf8mb4");
        var server = new MySqlConnectionStringBuilder(TestDatabases.Shop);
        await ShopGenerator.GenerateAsync(new ShopConnectionSettings(ShopPlatform.WooCommerce,
            new MySqlConnectionStringBuilder(server.ConnectionString) { Database = shop.Database }.ConnectionString, "wp_", "UTC"),
            new ShopGenerationOptions(customers, orders, Seed: 5, From, To));
        if (residences is not null)
        {
            await shop.MoveEveryoneToAsync(residences);
        }

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
        await lead.ActAsync(shop.IncidentId, "record-awareness", new { awareAt = awareAt ?? To.AddDays(1).AddHours(1), reason = "skimmer confirmed" });
        await lead.ActAsync(shop.IncidentId, "scope", new { from = From.AddDays(-1), to = To.AddDays(1) });
        var run = await lead.WaitForAsync($"/api/incidents/{shop.IncidentId}/scope", v => v["latest"]?["status"]?.GetValue<string>() == "completed");
        shop.People = run["latest"]!["peopleFound"]!.GetValue<long>();
        shop.CaliforniaTemplate = await ApprovedTemplateAsync(lead, secondLead, $"ca-{shop.Database[8..]}", "US-CA");
        shop.DefaultTemplate = await ApprovedTemplateAsync(lead, secondLead, $"eu-{shop.Database[8..]}", "EU");
        return shop;
    }

    /// <summary>
    /// Waives, as the lead, every duty that must precede the campaign's notice and still holds it back (GET …/ordering): for
    /// scenarios about sending, not about the order of duties.
    /// </summary>
    public static async Task ClearOrderingAsync(IncidentApi lead, Guid incidentId, Guid campaignId)
    {
        foreach (var duty in (await lead.GetAsync($"/api/campaigns/{campaignId}/ordering"))["blocking"]!.AsArray())
        {
            await lead.ActAsync(incidentId, "ordering-duties/waive",
                new { ruleId = duty!["ruleId"]!.GetValue<string>(), justification = "sending scenario: the duty is handled outside the service" });
        }
    }

    /// <summary>
    /// Drafts the shipped example for the jurisdiction as a template of our own (for <paramref name="approvedFor"/>, if given), and a second
    /// lead approves it.
    /// </summary>
    public static async Task<string> ApprovedTemplateAsync(IncidentApi lead, IncidentApi secondLead, string templateId, string jurisdiction, string? approvedFor = null,
        string language = "en")
    {
        var example = await lead.GetAsync($"/api/notice-templates/examples/{Uri.EscapeDataString(jurisdiction)}?language={language}");
        var draft = await lead.SendAsync(HttpMethod.Post, "/api/notice-templates", new
        {
            templateId, channel = "email", language, jurisdiction = approvedFor ?? example["jurisdiction"]!.GetValue<string>(),
            subject = example["subject"]!.GetValue<string>(), body = example["body"]!.GetValue<string>(),
        }, 201);
        draft["approvalProblems"]!.AsArray().Should().BeEmpty();
        await secondLead.SendAsync(HttpMethod.Post, $"/api/notice-templates/{templateId}/versions/1/approve", new { }, 200);
        return templateId;
    }

    /// <param name="templates">Which template (version 1) each jurisdiction gets; by default California's and the default for everyone else.</param>
    public object Campaign(string name, int ratePerMinute = 60_000, IReadOnlyDictionary<string, string>? templates = null) => new
    {
        name,
        channel = "email",
        templates = (templates ?? new Dictionary<string, string> { ["US-CA"] = CaliforniaTemplate, ["*"] = DefaultTemplate })
            .Select(t => new { jurisdiction = t.Key, templateId = t.Value, version = 1 }).ToArray(),
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

    private async Task MoveEveryoneToAsync(IReadOnlyList<(string Country, string State)> residences)
    {
        string Case(Func<(string Country, string State), string> part) =>
            "CASE MOD(order_id, " + residences.Count + ") " + string.Concat(residences.Select((r, i) => $"WHEN {i} THEN '{part(r)}' ")) + "END";
        await ExecuteAsync($"UPDATE `{Database}`.`wp_wc_order_addresses` SET country = {Case(r => r.Country)}, state = {Case(r => r.State)}");
    }

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
