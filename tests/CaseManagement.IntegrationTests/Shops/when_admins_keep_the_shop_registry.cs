using System.Security.Cryptography;
using System.Text.Json.Nodes;
using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Security;
using CaseManagement.Security.Pii;
using CaseManagement.ShopGeneration;
using CaseManagement.ShopRegistry;
using CaseManagement.Shops;
using CaseManagement.Shops.Model;
using FluentAssertions;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;

namespace CaseManagement.IntegrationTests.Shops;

/// <summary>
/// After registration an admin keeps the registry true: credentials rotated after a compromise (tested before they are taken),
/// a wrong prefix corrected (the database's prefixes listed), a shop taken out of use; an incident that named the wrong shop is
/// corrected with a reason. The shops are generated into the test MariaDB: one database holding a WooCommerce HPOS site under
/// "wp_" (Europe/Berlin) and a legacy posts site under "shop7_" (America/New_York), and a Magento database.
/// </summary>
public sealed class when_admins_keep_the_shop_registry(AppFixture fixture) : ServiceScenario(fixture), IAsyncLifetime
{
    private static readonly DateTimeOffset From = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly string _woo = "shop_reg_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
    private readonly string _magento = "shop_reg_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));

    private IncidentApi Admin => ApiAs("ada.admin@shop.test", Organisation, Roles.Admin);

    private static MySqlConnectionStringBuilder Server => new(TestDatabases.Shop);

    public async Task InitializeAsync()
    {
        var options = new ShopGenerationOptions(Customers: 5, Orders: 10, Seed: 3, From, From.AddDays(10));
        foreach (var database in new[] { _woo, _magento })
        {
            await ExecuteAsync($"CREATE DATABASE `{database}` CHARACTER SET utf8mb4");
        }

        await ShopGenerator.GenerateAsync(Settings(ShopPlatform.WooCommerce, _woo, "wp_", "Europe/Berlin"), options, WooCommerceOrderStorage.Hpos);
        await ShopGenerator.GenerateAsync(Settings(ShopPlatform.WooCommerce, _woo, "shop7_", "America/New_York"), options, WooCommerceOrderStorage.Legacy);
        await ShopGenerator.GenerateAsync(Settings(ShopPlatform.Magento, _magento, "", "Asia/Tokyo"), options);
    }

    public async Task DisposeAsync()
    {
        foreach (var database in new[] { _woo, _magento })
        {
            await ExecuteAsync($"DROP DATABASE IF EXISTS `{database}`");
        }
    }

    private static ShopConnectionSettings Settings(ShopPlatform platform, string database, string prefix, string zone) =>
        new(platform, new MySqlConnectionStringBuilder(TestDatabases.Shop) { Database = database }.ConnectionString, prefix, zone);

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new MySqlConnection(new MySqlConnectionStringBuilder(TestDatabases.Shop) { Database = "" }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private string Named(string what) => $"reg-{_woo[9..]}-{what}";

    private object Registration(string name, string prefix = "wp_", string platform = "woocommerce", string? database = null, bool readOnly = false) => new
    {
        name,
        platform,
        host = Server.Server,
        port = (int)Server.Port,
        database = database ?? _woo,
        user = Server.UserID,
        password = Server.Password,
        readOnlyUser = readOnly ? "casemanagement_ro" : null,
        readOnlyPassword = readOnly ? "casemanagement_ro" : null,
        tablePrefix = prefix,
    };

    private async Task<string> RegisteredAsync(string what, string prefix = "wp_")
    {
        var name = Named(what);
        await Admin.SendAsync(HttpMethod.Post, "/api/shops", Registration(name, prefix), 201);
        return name;
    }

    private async Task<Guid> IncidentAtAsync(string shop)
    {
        var created = await Api.SendAsync(HttpMethod.Post, "/api/incidents", new
        {
            title = "Skimmer in checkout", shop, kind = "checkout-skimmer", detectedAt = "2026-03-16T08:00:00Z", dataCategories = new[] { "payment-card" },
        }, 201);
        return created["id"]!.GetValue<Guid>();
    }

    private async Task<RegisteredShop> StoredAsync(string name)
    {
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession(Organisation);
        return (await session.LoadAsync<RegisteredShop>(name))!;
    }

    private async Task<string?> RevealAsync(ProtectedValue secret)
    {
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession(Organisation);
        return await Host.Services.GetRequiredService<PiiVault>().RevealAsync(session, secret, CancellationToken.None);
    }

    [Fact]
    public async Task registration_shows_how_each_shop_stores_its_orders_and_the_time_zone_its_settings_name()
    {
        var hpos = await Admin.SendAsync(HttpMethod.Post, "/api/shops", Registration(Named("hpos")), 201);
        var legacy = await Admin.SendAsync(HttpMethod.Post, "/api/shops", Registration(Named("legacy"), "shop7_"), 201);
        var magento = await Admin.SendAsync(HttpMethod.Post, "/api/shops", Registration(Named("magento"), "", "magento", _magento), 201);

        hpos["storageMode"]!.GetValue<string>().Should().Be("hpos", "the wp_ site keeps its orders in the HPOS tables");
        hpos["detectedTimeZone"]!.GetValue<string>().Should().Be("Europe/Berlin", "its timezone_string option says so");
        legacy["storageMode"]!.GetValue<string>().Should().Be("posts", "the shop7_ site never switched HPOS on");
        legacy["detectedTimeZone"]!.GetValue<string>().Should().Be("America/New_York");
        magento["storageMode"]!.GetValue<string>().Should().Be("sales-order");
        magento["detectedTimeZone"]!.GetValue<string>().Should().Be("Asia/Tokyo", "Magento's general/locale/timezone says so");
        hpos["state"]!.GetValue<string>().Should().Be("active");
    }

    [Fact]
    public async Task admins_list_the_shops_with_who_registered_them_and_when()
    {
        var name = await RegisteredAsync("listed");

        var listed = (await Admin.GetAsync("/api/shops")).AsArray().Single(s => s!["name"]!.GetValue<string>() == name)!;

        listed["registeredBy"]!.GetValue<string>().Should().Be("user:ada.admin@shop.test");
        listed["registeredAt"]!.GetValue<DateTimeOffset>().Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
        listed["state"]!.GetValue<string>().Should().Be("active");
        listed.ToJsonString().Should().NotContainEquivalentOf("password", "a listing never shows a password");
    }

    [Fact]
    public async Task rotated_credentials_are_tested_before_they_replace_the_old_ones_and_are_never_shown()
    {
        var name = await RegisteredAsync("rotated");
        var before = await StoredAsync(name);

        var wrong = await Admin.SendAsync(HttpMethod.Post, $"/api/shops/{name}/rotate-credentials",
            new { password = "leaked-and-wrong", reason = "admin password leaked in a paste" }, 422);
        var wrongReadOnly = await Admin.SendAsync(HttpMethod.Post, $"/api/shops/{name}/rotate-credentials",
            new { password = Server.Password, readOnlyUser = "casemanagement_ro", readOnlyPassword = "not-it", reason = "add a read-only user" }, 422);

        wrong["errors"]!["password"]![0]!.GetValue<string>().Should().Contain("refused the credentials", "only the credentials changed, so the problem is theirs")
            .And.NotContain("leaked-and-wrong");
        wrongReadOnly["errors"]!["readOnlyUser"]![0]!.GetValue<string>().Should().Contain("refused the credentials of user 'casemanagement_ro'",
            "the problem is shown beside the field that is wrong");
        (await StoredAsync(name)).Password.Should().BeEquivalentTo(before.Password, "refused credentials replace nothing");

        var rotated = await Admin.SendAsync(HttpMethod.Post, $"/api/shops/{name}/rotate-credentials",
            new { password = Server.Password, readOnlyUser = "casemanagement_ro", readOnlyPassword = "casemanagement_ro", reason = "admin password leaked in a paste" },
            200);

        rotated.ToJsonString().Should().NotContainEquivalentOf("password\":", "neither the old nor the new password is shown");
        rotated["readOnlyUser"]!.GetValue<string>().Should().Be("casemanagement_ro");
        var change = rotated["changes"]!.AsArray().Single()!;
        change["what"]!.GetValue<string>().Should().Contain("credentials rotated");
        change["by"]!.GetValue<string>().Should().Be("user:ada.admin@shop.test");
        change["reason"]!.GetValue<string>().Should().Be("admin password leaked in a paste");
        var after = await StoredAsync(name);
        after.Password.Should().NotBeEquivalentTo(before.Password, "the new password is encrypted anew");
        (await RevealAsync(after.ReadOnlyPassword!)).Should().Be("casemanagement_ro", "scoping now reads with the new read-only pair");
        await Api.SendAsync(HttpMethod.Post, $"/api/shops/{name}/rotate-credentials", new { password = "x", reason = "r" }, 403);
    }

    [Fact]
    public async Task a_wrong_prefix_is_refused_with_the_prefixes_the_database_holds_and_a_right_one_is_taken()
    {
        var name = await RegisteredAsync("prefix");

        var wrong = await Admin.SendAsync(HttpMethod.Post, $"/api/shops/{name}/change-prefix", new { tablePrefix = "wp7_", reason = "moved site" }, 422);
        var changed = await Admin.SendAsync(HttpMethod.Post, $"/api/shops/{name}/change-prefix", new { tablePrefix = "shop7_", reason = "the breached site is shop7" },
            200);

        wrong["errors"]!["tablePrefix"]![0]!.GetValue<string>().Should().Contain("'shop7_'").And.Contain("'wp_'",
            "the admin is told which prefixes the database does hold");
        (await StoredAsync(name)).TablePrefix.Should().Be("shop7_");
        changed["tablePrefix"]!.GetValue<string>().Should().Be("shop7_");
        changed["storageMode"]!.GetValue<string>().Should().Be("posts", "what is detected follows the prefix now read");
        changed["detectedTimeZone"]!.GetValue<string>().Should().Be("America/New_York");
        changed["changes"]!.AsArray().Single()!["what"]!.GetValue<string>().Should().Be("table prefix changed from 'wp_' to 'shop7_'");
        await Admin.SendAsync(HttpMethod.Post, "/api/shops/no-such-shop/change-prefix", new { tablePrefix = "wp_", reason = "r" }, 404);
    }

    [Fact]
    public async Task a_deactivated_shop_takes_no_new_scoping_or_containment_and_the_refusal_names_its_state()
    {
        var name = await RegisteredAsync("retired");
        var id = await IncidentAtAsync(name);

        var deactivated = await Admin.SendAsync(HttpMethod.Post, $"/api/shops/{name}/deactivate", new { reason = "shop closed after the breach" }, 200);
        var scope = await Api.ActAsync(id, "scope", new { from = From, to = From.AddDays(5) }, 409);
        var contain = await Api.ActAsync(id, "containment", new { playbook = "checkout-skimmer", reason = "script confirmed" }, 409);
        var again = await Admin.SendAsync(HttpMethod.Post, $"/api/shops/{name}/deactivate", new { reason = "twice" }, 409);

        deactivated["state"]!.GetValue<string>().Should().Be("deactivated");
        deactivated["deactivated"]!["reason"]!.GetValue<string>().Should().Be("shop closed after the breach");
        foreach (var refusal in new[] { scope, contain })
        {
            refusal["shopState"]!.GetValue<string>().Should().Be("deactivated");
            refusal["detail"]!.GetValue<string>().Should().Contain($"Shop '{name}' is deactivated").And.Contain("shop closed after the breach");
        }

        again["detail"]!.GetValue<string>().Should().Contain("was deactivated");
        (await Api.VersionOfAsync(id)).Should().Be(1, "refused runs record nothing on the incident");
    }

    [Fact]
    public async Task an_incidents_shop_is_corrected_with_a_reason_to_a_registered_shop_only()
    {
        var wrong = await RegisteredAsync("wrong");
        var right = await RegisteredAsync("right");
        var retired = await RegisteredAsync("gone");
        await Admin.SendAsync(HttpMethod.Post, $"/api/shops/{retired}/deactivate", new { reason = "sold" }, 200);
        var id = await IncidentAtAsync(wrong);

        var unknown = await Api.ActAsync(id, "correct-shop", new { shop = "wrnog-shop", reason = "typo" }, 422);
        var toRetired = await Api.ActAsync(id, "correct-shop", new { shop = retired, reason = "typo" }, 409);
        var same = await Api.ActAsync(id, "correct-shop", new { shop = wrong, reason = "typo" }, 422);
        (await Api.VersionOfAsync(id)).Should().Be(1, "refused corrections record nothing");
        var corrected = await Api.ActAsync(id, "correct-shop", new { shop = right, reason = "the alert came from the sister shop", expectedVersion = 1 });

        unknown["errors"]!["shop"]![0]!.GetValue<string>().Should().Contain("'wrnog-shop' is not registered").And.Contain(right);
        unknown["registeredShops"]!.AsArray().Select(s => s!.GetValue<string>()).Should().Contain([wrong, right]).And.NotContain(retired,
            "a deactivated shop is not offered");
        toRetired["shopState"]!.GetValue<string>().Should().Be("deactivated");
        same["errors"]!["shop"].Should().NotBeNull();
        corrected["shop"]!.GetValue<string>().Should().Be(right);
        corrected["version"]!.GetValue<long>().Should().Be(2, "a person's correction moves the incident's version");
        var recorded = (await Api.HistoryAsync(id)).Single(e => e!["type"]!.GetValue<string>() == "incident_shop_corrected")!["data"]!;
        recorded["previousShop"]!.GetValue<string>().Should().Be(wrong);
        recorded["reason"]!.GetValue<string>().Should().Be("the alert came from the sister shop");
        await Api.WaitForAsync($"/api/incidents?shop={right}", p => p["items"]!.AsArray().Any(i => i!["id"]!.GetValue<Guid>() == id));
    }

    private static object Detection(string shop) => new
    {
        title = "Skimmer in checkout", shop, kind = "checkout-skimmer", detectedAt = "2026-03-16T08:00:00Z", dataCategories = new[] { "payment-card" },
    };

    private async Task<int> IncidentsRecordedAtAsync(string shop)
    {
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession(Organisation);
        return await session.Events.QueryRawEventDataOnly<CaseManagement.Incidents.IncidentDetected>().CountAsync(e => e.Shop == shop);
    }

    [Fact]
    public async Task an_incident_names_a_registered_active_shop_and_is_refused_otherwise_with_the_shops_to_choose_from()
    {
        var open = await RegisteredAsync("open");
        var retired = await RegisteredAsync("retired-before");
        await Admin.SendAsync(HttpMethod.Post, $"/api/shops/{retired}/deactivate", new { reason = "shop sold" }, 200);
        var typo = Named("opne");

        var unknown = await Api.SendAsync(HttpMethod.Post, "/api/incidents", Detection(typo), 422);
        var deactivated = await Api.SendAsync(HttpMethod.Post, "/api/incidents", Detection(retired), 409);
        var opened = await Api.SendAsync(HttpMethod.Post, "/api/incidents", Detection(open), 201);

        unknown["errors"]!["shop"]![0]!.GetValue<string>().Should().Contain($"shop '{typo}' is not registered; registered shops:").And.Contain(open,
            "the caller is shown the shops it can name");
        unknown["registeredShops"]!.AsArray().Select(s => s!.GetValue<string>()).Should().Contain(open).And.NotContain(retired,
            "a deactivated shop is not offered");
        deactivated["shopState"]!.GetValue<string>().Should().Be("deactivated", "the shop is known; its state refuses the incident");
        deactivated["detail"]!.GetValue<string>().Should().Contain($"Shop '{retired}' is deactivated").And.Contain("shop sold")
            .And.Contain("no incident may be opened at it").And.Contain($"POST /api/shops/{retired}/reactivate");
        (await IncidentsRecordedAtAsync(typo)).Should().Be(0, "a refused detection writes nothing");
        (await IncidentsRecordedAtAsync(retired)).Should().Be(0, "a refused detection writes nothing");
        (await Api.GetAsync($"/api/incidents/{opened["id"]}"))["shop"]!.GetValue<string>().Should().Be(open);
    }

    [Fact]
    public async Task an_organisation_without_shops_is_told_how_to_register_one()
    {
        var newcomer = ApiAs("new.responder@shop.test", $"org-{Guid.NewGuid():N}"[..20], Roles.Responder);

        var refused = await newcomer.SendAsync(HttpMethod.Post, "/api/incidents", Detection(Named("first")), 422);

        refused["errors"]!["shop"]![0]!.GetValue<string>().Should().Contain("no shop is registered in this organisation yet")
            .And.Contain("POST /api/shops", "the caller learns how a shop gets registered");
        refused["registeredShops"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task a_shop_of_another_organisation_cannot_be_named()
    {
        var ours = await RegisteredAsync("ours");
        var other = ApiAs("other.responder@shop.test", "globex", Roles.Responder);

        var refused = await other.SendAsync(HttpMethod.Post, "/api/incidents", Detection(ours), 422);

        refused["registeredShops"]!.AsArray().Select(s => s!.GetValue<string>()).Should().NotContain(ours, "registrations are per organisation");
    }

    [Fact]
    public async Task a_deactivated_shop_is_reactivated_with_a_reason_once_its_connection_test_passes_again()
    {
        var name = await RegisteredAsync("comeback");
        var active = await Admin.SendAsync(HttpMethod.Post, $"/api/shops/{name}/reactivate", new { reason = "back" }, 409);
        await Admin.SendAsync(HttpMethod.Post, $"/api/shops/{name}/deactivate", new { reason = "shop paused for the winter" }, 200);
        var reasonless = await Admin.SendAsync(HttpMethod.Post, $"/api/shops/{name}/reactivate", new { }, 422);

        var reactivated = await Admin.SendAsync(HttpMethod.Post, $"/api/shops/{name}/reactivate", new { reason = "shop open again for the season" }, 200);
        await Api.SendAsync(HttpMethod.Post, "/api/incidents", Detection(name), 201);

        active["shopState"]!.GetValue<string>().Should().Be("active", "only a deactivated shop can be reactivated");
        reasonless["errors"]!["reason"].Should().NotBeNull();
        reactivated["state"]!.GetValue<string>().Should().Be("active");
        reactivated["deactivated"].Should().BeNull();
        reactivated["storageMode"]!.GetValue<string>().Should().Be("hpos", "the connection test ran again and described the shop");
        reactivated["changes"]!.AsArray().Select(c => c!["what"]!.GetValue<string>()).Should().Equal(["deactivated", "reactivated"]);
        var log = (await Api.GetAsync("/api/audit-log")).AsArray().Select(e => e!["what"]!.GetValue<string>()).ToList();
        log.Should().Contain(l => l.Contains($"deactivated shop {name}"), "taking a shop out of use is on the organisation's audit log");
        log.Should().Contain(l => l.Contains($"reactivated shop {name} after its connection test passed again"));
    }

    [Fact]
    public async Task a_shop_whose_database_is_gone_stays_deactivated_and_the_refusal_names_the_connection()
    {
        var database = "shop_reg_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
        await ExecuteAsync($"CREATE DATABASE `{database}` CHARACTER SET utf8mb4");
        await ShopGenerator.GenerateAsync(Settings(ShopPlatform.WooCommerce, database, "wp_", "UTC"),
            new ShopGenerationOptions(Customers: 2, Orders: 3, Seed: 4, From, From.AddDays(2)));
        var name = Named("vanished");
        await Admin.SendAsync(HttpMethod.Post, "/api/shops", Registration(name, database: database), 201);
        await Admin.SendAsync(HttpMethod.Post, $"/api/shops/{name}/deactivate", new { reason = "database moved" }, 200);
        MySqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE `{database}`");

        var refused = await Admin.SendAsync(HttpMethod.Post, $"/api/shops/{name}/reactivate", new { reason = "moved back" }, 422);

        refused["errors"]!["connection"]![0]!.GetValue<string>().Should().Contain(database, "the admin learns what the test could not reach");
        (await StoredAsync(name)).Active.Should().BeFalse("a refused reactivation stores nothing");
        (await StoredAsync(name)).Changes.Select(c => c.What).Should().Equal(["deactivated"]);
    }
}
