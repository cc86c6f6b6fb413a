using System.Security.Cryptography;
using System.Text.Json.Nodes;
using CaseManagement.IntegrationTests.Containment;
using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Security;
using CaseManagement.ShopGeneration;
using CaseManagement.Shops;
using CaseManagement.Shops.Model;
using FluentAssertions;
using MySqlConnector;
using static CaseManagement.IntegrationTests.Containment.ContainmentApi;

namespace CaseManagement.IntegrationTests.Monitoring;

/// <summary>
/// The demo's story end to end (issue 17), on a generated WooCommerce shop of its own carrying the demo's planted attack
/// (<see cref="PlantedAttack"/>, as build/tools/DemoShop plants it): the first pass raises the rogue administrator, her key, the
/// webhook and the skimmer; correlation puts them in one triage item; a person promotes it to a checkout-skimmer incident and runs
/// the real playbook, which locks the account and disables the webhook on the MariaDB shop; the next pass clears what containment
/// removed (the account, her key, the webhook) and keeps open what only a person removes (the script).
/// </summary>
public sealed class when_monitoring_meets_the_demo_attack(AppFixture fixture) : ServiceScenario(fixture), IAsyncLifetime
{
    private readonly string database = "shop_demo_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));

    private string ShopName => $"demo-{database[10..]}";

    private IncidentApi Admin => ApiAs("ada.admin@shop.test", Organisation, Roles.Admin);

    public async Task InitializeAsync()
    {
        await OnServerAsync($"CREATE DATABASE `{database}` CHARACTER SET utf8mb4");
        var now = DateTimeOffset.UtcNow;
        await ShopGenerator.GenerateAsync(Settings(), new ShopGenerationOptions(Customers: 30, Orders: 60, Seed: 2026, now.AddDays(-30), now));
        (await PlantedAttack.PlantAsync(Settings(), now, CancellationToken.None)).Should().BeTrue("a fresh shop has no rogue account yet");
        var server = new MySqlConnectionStringBuilder(TestDatabases.Shop);
        await Admin.SendAsync(HttpMethod.Post, "/api/shops", new
        {
            name = ShopName, platform = "woocommerce", host = server.Server, port = (int)server.Port, database, user = server.UserID, password = server.Password,
            readOnlyUser = "casemanagement_ro", readOnlyPassword = "casemanagement_ro", tablePrefix = DemoShopLayout.Prefix, timeZone = DemoShopLayout.TimeZone,
        }, 201);
    }

    public async Task DisposeAsync()
    {
        MySqlConnection.ClearAllPools();
        await OnServerAsync($"DROP DATABASE IF EXISTS `{database}`");
    }

    [Fact]
    public async Task the_first_pass_raises_the_rogue_admin_containment_locks_her_and_the_next_pass_clears_her()
    {
        var first = await PassAsync();

        first["outcome"]!.GetValue<string>().Should().Be("baseline-recorded");
        var raised = first["raised"]!.AsArray().Select(r => r!).ToList();
        var admin = raised.Single(r => Key(r).StartsWith("admin:", StringComparison.Ordinal));
        admin["description"]!.GetValue<string>().Should().Contain(PlantedAttack.Admin, "the rogue administrator, created two days before monitoring began");
        var webhook = raised.Single(r => Key(r).StartsWith("credential:woo-commerce-webhook:", StringComparison.Ordinal));
        webhook["description"]!.GetValue<string>().Should().Contain(PlantedAttack.ExfiltrationHost);
        var apiKey = raised.Single(r => Key(r).StartsWith("credential:woo-commerce-api-key:", StringComparison.Ordinal));
        raised.Where(r => Key(r).StartsWith("skimmer:", StringComparison.Ordinal)).Should().NotBeEmpty("the footer script is a skimmer sign on any pass");

        // A person decides on the item as correlation left it: every alert of the pass placed.
        var placed = new List<JsonNode>();
        foreach (var r in raised)
        {
            placed.Add(await Api.WaitForAsync($"/api/alerts/{r["alertId"]}", a => a["status"]!.GetValue<string>() != "new"));
        }

        placed.Should().OnlyContain(a => a["status"]!.GetValue<string>() == "triaged",
            "no incident is open on the shop, so the alerts wait for a person in a triage item");
        var item = placed[0]["triageItemId"]!.GetValue<Guid>();
        placed.Should().OnlyContain(a => a["triageItemId"]!.GetValue<Guid>() == item, "one triage item per shop collects them");
        var promoted = await Api.SendAsync(HttpMethod.Post, $"/api/triage/{item}/promote",
            new { kind = "checkout-skimmer", reason = "skimmer in the footer and an administrator nobody created" }, 201);
        var incident = promoted["id"]!.GetValue<Guid>();
        await Api.WaitForAsync($"/api/alerts/{admin["alertId"]}", a => a["status"]!.GetValue<string>() == "attached-to-incident");

        await Api.StartAsync(incident, "checkout-skimmer", new { compromisedAdmin = PlantedAttack.Admin, exfiltrationHost = PlantedAttack.ExfiltrationHost });
        var run = await Api.WaitForRunAsync(incident, "awaiting-manual-step");
        StepOf(run, "lock-compromised-admin").ShouldHaveSucceeded();
        StepOf(run, "disable-exfiltration-webhooks").ShouldHaveSucceeded();

        var next = await PassAsync();

        next["outcome"]!.GetValue<string>().Should().Be("changes");
        next["raised"]!.AsArray().Should().BeEmpty("locking an account and disabling a webhook is no new risk: {0}", next.ToJsonString());
        var cleared = next["cleared"]!.AsArray().Select(c => c!["key"]!.GetValue<string>()).ToList();
        cleared.Should().Contain(Key(admin), "the locked account holds no role any more, so it is no back-office account");
        cleared.Should().Contain(Key(apiKey), "locking the account deleted her API key");
        cleared.Should().Contain(Key(webhook), "a disabled webhook sends nothing");
        var open = (await Api.GetAsync($"/api/shops/{ShopName}/monitoring"))["baseline"]!["open"]!.AsArray().Select(o => o!["key"]!.GetValue<string>()).ToList();
        open.Should().NotBeEmpty().And.OnlyContain(k => k.StartsWith("skimmer:", StringComparison.Ordinal),
            "the script is still in the footer: removing it is the person's step, still waiting, so monitoring keeps it open");
    }

    private static string Key(JsonNode raised) => raised["key"]!.GetValue<string>();

    private Task<JsonNode> PassAsync() => Api.SendAsync(HttpMethod.Post, $"/api/shops/{ShopName}/monitoring/passes", null, 200);

    private ShopConnectionSettings Settings() => new(ShopPlatform.WooCommerce,
        new MySqlConnectionStringBuilder(TestDatabases.Shop) { Database = database }.ConnectionString, DemoShopLayout.Prefix, DemoShopLayout.TimeZone);

    private static async Task OnServerAsync(string sql)
    {
        await using var connection = new MySqlConnection(new MySqlConnectionStringBuilder(TestDatabases.Shop) { Database = "" }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
