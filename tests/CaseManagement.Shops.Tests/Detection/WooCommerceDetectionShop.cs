using CaseManagement.Shops.Model;
using CaseManagement.Shops.Php;
using CaseManagement.Shops.Tests.Infrastructure;

namespace CaseManagement.Shops.Tests.Detection;

/// <summary>
/// A WordPress/WooCommerce shop under the custom prefix "shop7_" in site time Europe/Berlin, attacked from
/// <see cref="T"/> on (2026-03-01T00:00Z). Before T: the owner olga (administrator), sam (shop manager), dora (a
/// customer given manage_options directly), sue (a look-alike role "Customer" that grants WooCommerce management),
/// nora (a subscriber who is a network super admin), carl (a customer). From T: mallory (a new administrator),
/// "broken" (capabilities cut short), cathy (a new customer), eddie (a new editor), plus the credentials and
/// exports the attacker left behind, each beside an older or unrelated row that must not be reported.
/// </summary>
public sealed class WooCommerceDetectionShop : IAsyncLifetime
{
    public const string Prefix = "shop7_";

    public static readonly DateTimeOffset T = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset OlgaLastLogin = T.AddDays(-2).AddHours(18);
    public static readonly DateTimeOffset MalloryRegistered = T.AddDays(1).AddHours(3).AddMinutes(14);
    public static readonly DateTimeOffset BackupSyncCreated = T.AddDays(1).AddHours(4);
    public static readonly DateTimeOffset BackupSyncUsed = T.AddDays(2).AddHours(1);
    public static readonly DateTimeOffset ExfilWebhookCreated = T.AddDays(1).AddHours(5);
    public static readonly DateTimeOffset FeedWebhookCreated = T.AddDays(2);
    public static readonly DateTimeOffset ReportExportScheduled = T.AddDays(1).AddHours(6);
    public static readonly DateTimeOffset PrivacyExportRequested = T.AddDays(2).AddHours(2);

    /// <summary>Roles as WordPress stores them in {prefix}user_roles, trimmed to the capabilities that matter here.</summary>
    public static string UserRoles { get; } = PhpSerializer.Serialize(PhpArray.Map(
        Role("administrator", "Administrator", "read", "manage_options", "edit_users", "promote_users", "activate_plugins", "manage_woocommerce"),
        Role("editor", "Editor", "read", "edit_posts", "unfiltered_html"),
        Role("subscriber", "Subscriber", "read"),
        Role("customer", "Customer", "read"),
        Role("shop_manager", "Shop manager", "read", "manage_woocommerce", "view_woocommerce_reports", "export"),
        Role("Customer", "Customer", "read", "manage_woocommerce", "view_woocommerce_reports")));

    private ShopDatabase? database;

    public ShopDatabase Database => database ?? throw new InvalidOperationException("Created in InitializeAsync.");

    public ShopConnectionSettings Settings => Database.Settings(ShopPlatform.WooCommerce, Prefix);

    public static string Capabilities(params string[] roles) => PhpSerializer.Serialize(PhpArray.Map(roles.Select(r => ((PhpValue)r, (PhpValue)true))));

    private static (PhpValue, PhpValue) Role(string role, string name, params string[] capabilities) =>
        (role, PhpArray.Map(("name", name), ("capabilities", PhpArray.Map(capabilities.Select(c => ((PhpValue)c, (PhpValue)true))))));

    public async Task InitializeAsync()
    {
        database = await ShopDatabase.CreateAsync();
        await WriteSiteAsync(Database, Prefix, UserRoles);
        var wp = new WordPressRows(Database, Prefix);

        await wp.UserAsync(1, "olga", new DateTime(2024, 5, 1, 8, 0, 0), Capabilities("administrator"), "Olga Owner");
        await wp.MetaAsync(1, "session_tokens", PhpSerializer.Serialize(PhpArray.Map(
            (new string('a', 64), Session(OlgaLastLogin.AddDays(-7), "203.0.113.4")),
            (new string('b', 64), Session(OlgaLastLogin, "203.0.113.5")))));
        await wp.MetaAsync(1, "_application_passwords", PhpSerializer.Serialize(PhpArray.List(
            ApplicationPassword("0c7a1d52-3b6e-4f8a-9d21-5e4f3a2b1c0d", "Zapier", new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero), null, null),
            ApplicationPassword("5d8e2f10-7a4b-4c3d-8e9f-1a2b3c4d5e6f", "backup-sync", BackupSyncCreated, BackupSyncUsed, "198.51.100.7"))));
        await wp.UserAsync(2, "sam", new DateTime(2023, 11, 15, 10, 0, 0), Capabilities("shop_manager"));
        await wp.UserAsync(3, "carl", new DateTime(2025, 1, 10, 12, 0, 0), Capabilities("customer"));
        await wp.UserAsync(4, "mallory", MalloryRegistered.UtcDateTime, Capabilities("administrator"), "WP Support", "mallory@evil.example");
        await wp.UserAsync(5, "cathy", T.AddDays(3).UtcDateTime, Capabilities("customer"));
        await wp.UserAsync(6, "broken", T.AddDays(4).UtcDateTime, """a:1:{s:13:"administrator";b:1;""");
        await wp.MetaAsync(6, "_application_passwords", """a:1:{i:0;a:7:{s:4:"uuid";""");
        await wp.UserAsync(7, "dora", new DateTime(2025, 8, 1, 9, 0, 0), Capabilities("customer", "manage_options"));
        await wp.UserAsync(8, "sue", new DateTime(2025, 9, 1, 9, 0, 0), Capabilities("Customer"));
        await wp.UserAsync(9, "nora", new DateTime(2022, 1, 1, 9, 0, 0), Capabilities("subscriber"));
        await wp.UserAsync(10, "eddie", T.AddDays(2).UtcDateTime, Capabilities("editor"));

        // A multisite network keeps its super admins by login; nora has no role of note on this site.
        await wp.SiteMetaAsync("site_admins", PhpSerializer.Serialize(PhpArray.List("nora")));

        await wp.WebhookAsync(1, "ERP", "active", "order.created", "https://erp.shop.example/hook", 1, new DateTime(2025, 2, 1));
        await wp.WebhookAsync(2, "Order sync", "active", "order.created", "https://exfil.example.net/collect", 4, ExfilWebhookCreated.UtcDateTime);
        await wp.WebhookAsync(3, "Stock feed", "paused", "product.updated", "https://feeds.shop.example/stock", 1, FeedWebhookCreated.UtcDateTime);
        await wp.ApiKeyAsync(1, 1, "ERP", "read", "a1b2c3d", null);
        // last_access is Berlin wall-clock time: 10:30 CET is 09:30 UTC.
        await wp.ApiKeyAsync(2, 4, "Mobile app", "read_write", "f00ba12", new DateTime(2026, 3, 2, 10, 30, 0));

        await wp.ActionAsync(100, "wc-admin_report_export", "complete", new DateTime(2026, 1, 5, 9, 0, 0), """[1767603600,"orders"]""");
        await wp.ActionAsync(101, "wc-admin_report_export", "complete", ReportExportScheduled.UtcDateTime, """[1772431200,"customers"]""");
        await wp.ActionAsync(102, "woocommerce_cleanup_sessions", "complete", ReportExportScheduled.UtcDateTime, "[]");
        await wp.UserRequestAsync(200, "export_personal_data", "victim@example.test", "request-completed", 3, PrivacyExportRequested.UtcDateTime);
        await wp.UserRequestAsync(201, "remove_personal_data", "other@example.test", "request-pending", 0, PrivacyExportRequested.UtcDateTime);
        await wp.UserRequestAsync(202, "export_personal_data", "old@example.test", "request-completed", 0, new DateTime(2025, 12, 1));
    }

    public async Task DisposeAsync()
    {
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    /// <summary>The options a site has: URLs (www. included, as many shops have it), Berlin time, and the given role definitions.</summary>
    public static async Task WriteSiteAsync(ShopDatabase database, string prefix, string? userRoles, string timezoneString = "Europe/Berlin", string gmtOffset = "1")
    {
        await database.CreateSchemaAsync(ShopPlatform.WooCommerce, prefix);
        var wp = new WordPressRows(database, prefix);
        await wp.OptionAsync("siteurl", "https://www.shop.example");
        await wp.OptionAsync("home", "https://www.shop.example");
        await wp.OptionAsync("timezone_string", timezoneString);
        await wp.OptionAsync("gmt_offset", gmtOffset);
        if (userRoles is not null)
        {
            await wp.OptionAsync(prefix + "user_roles", userRoles);
        }
    }

    private static PhpArray Session(DateTimeOffset login, string ip) => PhpArray.Map(
        ("expiration", login.AddDays(14).ToUnixTimeSeconds()), ("ip", ip), ("ua", "Mozilla/5.0 (X11; Linux x86_64)"), ("login", login.ToUnixTimeSeconds()));

    private static PhpArray ApplicationPassword(string uuid, string name, DateTimeOffset created, DateTimeOffset? lastUsed, string? lastIp) => PhpArray.Map(
        ("uuid", uuid), ("app_id", ""), ("name", name), ("password", "$P$BZ8d2GmH5nL0t0y3Qe7Rk1vUw9xYzA."), ("created", created.ToUnixTimeSeconds()),
        ("last_used", lastUsed is { } used ? used.ToUnixTimeSeconds() : PhpValue.Null), ("last_ip", lastIp));
}

/// <summary>Inserts WordPress/WooCommerce rows by plain SQL into the real tables.</summary>
public sealed class WordPressRows(ShopDatabase database, string prefix)
{
    public Task OptionAsync(string name, string value) =>
        database.ExecuteAsync($"INSERT INTO `{prefix}options` (option_name, option_value) VALUES (@name, @value)", ("@name", name), ("@value", value));

    public async Task UserAsync(long id, string login, DateTime registeredUtc, string? capabilities, string? displayName = null, string? email = null)
    {
        await database.ExecuteAsync(
            $"INSERT INTO `{prefix}users` (ID, user_login, user_nicename, user_email, display_name, user_registered) VALUES (@id, @login, @login, @email, @name, @registered)",
            ("@id", id), ("@login", login), ("@email", email ?? $"{login}@shop.example"), ("@name", displayName ?? login), ("@registered", registeredUtc));
        if (capabilities is not null)
        {
            await MetaAsync(id, prefix + "capabilities", capabilities);
        }
    }

    /// <summary>Adds a network option to <c>{prefix}sitemeta</c> (site 1), creating the table as a multisite install has it.</summary>
    public async Task SiteMetaAsync(string key, string value)
    {
        await database.ExecuteAsync($"""
            CREATE TABLE IF NOT EXISTS `{prefix}sitemeta` (
              meta_id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
              site_id bigint(20) unsigned NOT NULL DEFAULT 0,
              meta_key varchar(255) DEFAULT NULL,
              meta_value longtext,
              PRIMARY KEY (meta_id),
              KEY meta_key (meta_key(191)),
              KEY site_id (site_id)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci
            """);
        await database.ExecuteAsync($"INSERT INTO `{prefix}sitemeta` (site_id, meta_key, meta_value) VALUES (1, @key, @value)", ("@key", key), ("@value", value));
    }

    public Task MetaAsync(long userId, string key, string value) =>
        database.ExecuteAsync($"INSERT INTO `{prefix}usermeta` (user_id, meta_key, meta_value) VALUES (@user, @key, @value)",
            ("@user", userId), ("@key", key), ("@value", value));

    public Task WebhookAsync(long id, string name, string status, string topic, string url, long userId, DateTime createdUtc) =>
        database.ExecuteAsync($"""
            INSERT INTO `{prefix}wc_webhooks` (webhook_id, status, name, user_id, delivery_url, secret, topic, date_created, date_created_gmt, api_version)
            VALUES (@id, @status, @name, @user, @url, 'secret', @topic, @created, @created, 3)
            """, ("@id", id), ("@status", status), ("@name", name), ("@user", userId), ("@url", url), ("@topic", topic), ("@created", createdUtc));

    public Task ApiKeyAsync(long id, long userId, string description, string permissions, string truncatedKey, DateTime? lastAccessLocal) =>
        database.ExecuteAsync($"""
            INSERT INTO `{prefix}woocommerce_api_keys` (key_id, user_id, description, permissions, consumer_key, consumer_secret, truncated_key, last_access)
            VALUES (@id, @user, @description, @permissions, SHA2(@id, 256), CONCAT('cs_', SHA1(@id)), @truncated, @access)
            """, ("@id", id), ("@user", userId), ("@description", description), ("@permissions", permissions), ("@truncated", truncatedKey),
            ("@access", lastAccessLocal));

    /// <summary>An API key as WooCommerce stores it: the consumer key as its wc_api_hash, the secret in plain text, the key's last 7 characters.</summary>
    public Task LeakableApiKeyAsync(long id, long userId, string description, string permissions, string consumerKey, string consumerSecret) =>
        database.ExecuteAsync($"""
            INSERT INTO `{prefix}woocommerce_api_keys` (key_id, user_id, description, permissions, consumer_key, consumer_secret, truncated_key)
            VALUES (@id, @user, @description, @permissions, @key, @secret, @truncated)
            """, ("@id", id), ("@user", userId), ("@description", description), ("@permissions", permissions),
            ("@key", ShopActions.WordPressShop.WcApiHash(consumerKey)), ("@secret", consumerSecret), ("@truncated", consumerKey[^7..]));

    public Task ActionAsync(long id, string hook, string status, DateTime scheduledUtc, string args) =>
        database.ExecuteAsync($"""
            INSERT INTO `{prefix}actionscheduler_actions` (action_id, hook, status, scheduled_date_gmt, scheduled_date_local, args)
            VALUES (@id, @hook, @status, @at, @at, @args)
            """, ("@id", id), ("@hook", hook), ("@status", status), ("@at", scheduledUtc), ("@args", args));

    public Task UserRequestAsync(long id, string action, string email, string status, long userId, DateTime createdUtc) =>
        database.ExecuteAsync($"""
            INSERT INTO `{prefix}posts` (ID, post_author, post_date, post_date_gmt, post_content, post_title, post_excerpt, post_status, post_name,
                                         to_ping, pinged, post_modified, post_modified_gmt, post_content_filtered, post_type)
            VALUES (@id, @user, @at, @at, '', @email, '', @status, @action, '', '', @at, @at, '', 'user_request')
            """, ("@id", id), ("@user", userId), ("@at", createdUtc), ("@email", email), ("@status", status), ("@action", action));
}
