using CaseManagement.Shops.Detection;
using CaseManagement.Shops.Scoping;
using CaseManagement.Shops.Tests.Infrastructure;
using FluentAssertions;
using static CaseManagement.Shops.Tests.Detection.WooCommerceDetectionShop;

namespace CaseManagement.Shops.Tests.Detection;

/// <summary>What a responder learns from a WooCommerce shop's database about what an attacker created from T on.</summary>
public sealed class when_detecting_on_woocommerce(WooCommerceDetectionShop shop) : IClassFixture<WooCommerceDetectionShop>
{
    private const string Since = "on or after 2026-03-01T00:00:00Z";

    private IShopDetection Detection => ShopDetections.For(shop.Settings);

    private static AdminAccount Admin(long id, string login, string name, DateTime registered, string[] roles, bool fullAccess, string why,
        DateTimeOffset? lastLogin = null, string? lastIp = null, string? email = null) =>
        new(id, login, email ?? $"{login}@shop.example", name, new DateTimeOffset(registered, TimeSpan.Zero), roles, fullAccess, true, null, lastLogin, lastIp, why);

    private static readonly AdminAccount Olga = Admin(1, "olga", "Olga Owner", new DateTime(2024, 5, 1, 8, 0, 0), ["administrator"], true,
        "role administrator", OlgaLastLogin, "203.0.113.5");

    private static readonly AdminAccount Mallory = Admin(4, "mallory", "WP Support", MalloryRegistered.UtcDateTime, ["administrator"], true,
        "role administrator", email: "mallory@evil.example");

    private static readonly AdminAccount Broken = Admin(6, "broken", "broken", T.AddDays(4).UtcDateTime, ["<unreadable>"], false, "capabilities unreadable");

    [Fact]
    public async Task the_admin_set_is_everyone_whose_capabilities_grant_back_office_rights()
    {
        var admins = await Detection.AdminsAsync(CancellationToken.None);

        admins.Should().BeEquivalentTo(
            [
                Olga,
                Admin(2, "sam", "sam", new DateTime(2023, 11, 15, 10, 0, 0), ["shop_manager"], false, "role shop_manager"),
                Mallory,
                Broken,
                Admin(7, "dora", "dora", new DateTime(2025, 8, 1, 9, 0, 0), ["customer", "manage_options"], true, "manage_options granted directly"),
                Admin(8, "sue", "sue", new DateTime(2025, 9, 1, 9, 0, 0), ["Customer"], false,
                    "role Customer grants manage_woocommerce, view_woocommerce_reports"),
                Admin(9, "nora", "nora", new DateTime(2022, 1, 1, 9, 0, 0), ["subscriber", "super_admin"], true, "network super admin (site_admins)"),
            ],
            o => o.WithStrictOrdering().Excluding(a => a.Note),
            "customers, subscribers and editors are no admins, while a look-alike role, a direct grant and a network super admin are");
        admins.Where(a => a.Login != "broken").Should().OnlyContain(a => a.Note == null);
    }

    [Fact]
    public async Task unreadable_capabilities_are_reported_not_skipped()
    {
        var broken = (await Detection.AdminsAsync(CancellationToken.None)).Single(a => a.Login == "broken");

        broken.Roles.Should().Equal("<unreadable>");
        broken.FullAccess.Should().BeFalse("WordPress reads a value it cannot unserialize as no role");
        broken.Note.Should().StartWith("The capabilities value is not valid serialized PHP (")
            .And.EndWith("WordPress reads that as no role, but a value it cannot read may have been tampered with.");
    }

    [Fact]
    public async Task admins_created_since_T_are_the_new_administrator_and_the_unreadable_account()
    {
        var admins = await Detection.AdminsCreatedSinceAsync(T, CancellationToken.None);

        admins.Should().BeEquivalentTo(
            [
                Mallory with { Why = $"created 2026-03-02T03:14:00Z, {Since}; role administrator" },
                Broken with { Why = $"created 2026-03-05T00:00:00Z, {Since}; capabilities unreadable" },
            ],
            o => o.WithStrictOrdering().Excluding(a => a.Note),
            "cathy and eddie are new but hold no back-office rights");
    }

    [Fact]
    public async Task a_promoted_customer_is_found_only_by_comparing_snapshots()
    {
        await using var database = await ShopDatabase.CreateAsync();
        await WriteSiteAsync(database, "wp_", UserRoles);
        var wp = new WordPressRows(database, "wp_");
        await wp.UserAsync(1, "olga", new DateTime(2024, 5, 1), Capabilities("administrator"));
        await wp.UserAsync(2, "sam", new DateTime(2024, 5, 1), Capabilities("shop_manager"));
        await wp.UserAsync(3, "carl", new DateTime(2025, 1, 10), Capabilities("customer"));
        var detection = ShopDetections.For(database.Settings(ShopPlatform.WooCommerce, "wp_"));
        var before = await detection.AdminsAsync(CancellationToken.None);

        await database.ExecuteAsync("UPDATE wp_usermeta SET meta_value = @caps WHERE user_id = 3 AND meta_key = 'wp_capabilities'",
            ("@caps", Capabilities("administrator")));
        await database.ExecuteAsync("UPDATE wp_usermeta SET meta_value = @caps WHERE user_id = 2 AND meta_key = 'wp_capabilities'",
            ("@caps", Capabilities("administrator", "shop_manager")));
        var now = await detection.AdminsAsync(CancellationToken.None);
        var changes = ShopDetections.Compare(before, now);

        (await detection.AdminsCreatedSinceAsync(T, CancellationToken.None)).Should().BeEmpty("no account was created after T");
        changes.Added.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            UserId = 3L, Login = "carl", Before = (AdminAccount?)null, Why = "privileged now (administrator, full access), not in the earlier snapshot",
        });
        changes.Changed.Should().ContainSingle().Which.Why.Should().Be("roles shop_manager -> administrator, shop_manager; gained full access");
        changes.Removed.Should().BeEmpty();
    }

    [Fact]
    public async Task new_application_passwords_and_webhooks_and_every_api_key_are_credentials()
    {
        var credentials = await Detection.CredentialsSinceAsync(T, CancellationToken.None);

        var olga = new CredentialOwner(CredentialOwnerKind.WordPressUser, 1, "olga");
        var mallory = new CredentialOwner(CredentialOwnerKind.WordPressUser, 4, "mallory");
        credentials.Should().BeEquivalentTo(
            [
                new IntegrationCredential(CredentialKind.WordPressApplicationPassword, "5d8e2f10-7a4b-4c3d-8e9f-1a2b3c4d5e6f", "backup-sync", olga,
                    BackupSyncCreated, BackupSyncUsed, "198.51.100.7", null, null, null, null, null,
                    $"application password 'backup-sync' of user olga, created 2026-03-02T04:00:00Z, {Since}"),
                new IntegrationCredential(CredentialKind.WordPressApplicationPassword, "<unreadable>", null,
                    new CredentialOwner(CredentialOwnerKind.WordPressUser, 6, "broken"), null, null, null, null, null, null, null, null,
                    "application passwords of user broken are unreadable",
                    "The _application_passwords value is not a readable serialized list: WordPress cannot use it either, but it may have been tampered with."),
                new IntegrationCredential(CredentialKind.WooCommerceWebhook, "2", "Order sync", mallory, ExfilWebhookCreated, null, null, "active",
                    "order.created", "https://exfil.example.net/collect", null, null,
                    $"webhook 'Order sync' (order.created, active) delivering to exfil.example.net, outside the shop, created 2026-03-02T05:00:00Z, {Since}"),
                new IntegrationCredential(CredentialKind.WooCommerceWebhook, "3", "Stock feed", olga, FeedWebhookCreated, null, null, "paused",
                    "product.updated", "https://feeds.shop.example/stock", null, null,
                    $"webhook 'Stock feed' (product.updated, paused) delivering to the shop's own host feeds.shop.example, created 2026-03-03T00:00:00Z, {Since}"),
                new IntegrationCredential(CredentialKind.WooCommerceApiKey, "1", "ERP", olga, null, null, null, null, "read", null, "a1b2c3d", null,
                    "API key ...a1b2c3d ('ERP', read) of user olga, never used (or last-access tracking is off)", ApiKeyNote),
                new IntegrationCredential(CredentialKind.WooCommerceApiKey, "2", "Mobile app", mallory, null,
                    new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.Zero), null, null, "read_write", null, "f00ba12", null,
                    "API key ...f00ba12 ('Mobile app', read_write) of user mallory, last used 2026-03-02T09:30:00Z", ApiKeyNote),
            ],
            o => o.WithStrictOrdering(),
            "Zapier and the ERP webhook predate T; API keys carry no creation time, so all are listed");
    }

    private const string ApiKeyNote =
        "WooCommerce records no creation time for API keys, so all are listed: a key_id above the highest in an earlier snapshot is new.";

    [Fact]
    public async Task api_key_last_access_is_read_in_the_registered_zone_before_the_sites_own()
    {
        var detection = ShopDetections.For(shop.Settings with { TimeZone = "America/New_York" });

        var key = (await detection.CredentialsSinceAsync(T, CancellationToken.None)).Single(c => c is { Kind: CredentialKind.WooCommerceApiKey, Id: "2" });

        key.LastUsedAt.Should().Be(new DateTimeOffset(2026, 3, 2, 15, 30, 0, TimeSpan.Zero), "10:30 EST is 15:30 UTC");
    }

    [Fact]
    public async Task without_a_zone_name_api_key_last_access_is_read_with_the_gmt_offset()
    {
        await WriteSiteAsync(shop.Database, "tz_", UserRoles, timezoneString: "", gmtOffset: "5.5");
        await new WordPressRows(shop.Database, "tz_").ApiKeyAsync(1, 1, "POS", "read", "0000001", new DateTime(2026, 3, 2, 10, 30, 0));

        var key = (await ShopDetections.For(shop.Database.Settings(ShopPlatform.WooCommerce, "tz_")).CredentialsSinceAsync(T, CancellationToken.None)).Single();

        key.LastUsedAt.Should().Be(new DateTimeOffset(2026, 3, 2, 5, 0, 0, TimeSpan.Zero), "10:30 at UTC+5:30 is 05:00 UTC");
    }

    [Fact]
    public async Task analytics_exports_and_personal_data_exports_since_T_are_export_signs()
    {
        var signs = await Detection.BulkExportSignsSinceAsync(T, CancellationToken.None);

        signs.Should().BeEquivalentTo(
            [
                new ExportSign(ExportSignKind.WooCommerceReportExport, "101", ReportExportScheduled, "complete", null, """[1772431200,"customers"]""",
                    $"Analytics CSV export (wc-admin_report_export, complete) scheduled 2026-03-02T06:00:00Z, {Since}"),
                new ExportSign(ExportSignKind.WordPressPersonalDataExport, "200", PrivacyExportRequested, "request-completed", 3, "victim@example.test",
                    $"personal-data export request for victim@example.test (request-completed), created 2026-03-03T02:00:00Z, {Since}"),
            ],
            o => o.WithStrictOrdering(),
            "the January export, an unrelated scheduled action, an erasure request and a December export request are not signs");
    }

    [Fact]
    public async Task a_wrong_table_prefix_is_explained()
    {
        var run = () => ShopDetections.For(shop.Settings with { TablePrefix = "nope_" }).AdminsAsync(CancellationToken.None);

        (await run.Should().ThrowAsync<ShopScopingException>()).Which.Message.Should().Contain("nope_");
    }
}
