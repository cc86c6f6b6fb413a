using System.Security.Cryptography;
using System.Text;
using CaseManagement.Shops.Php;
using CaseManagement.Shops.Tests.Detection;
using CaseManagement.Shops.Tests.Infrastructure;

namespace CaseManagement.Shops.Tests.ShopActions;

/// <summary>
/// A WordPress/WooCommerce shop to contain, in a database of its own (every test changes it), under a custom prefix.
/// Accounts: olga (administrator, the owner), sam (shop manager), carl and cathy (customers), mallory (an administrator the
/// attacker created, with API keys, application passwords and webhooks to exfil.example.net) and eve (a subscriber who is
/// not signed in). Four plugins are active, two of them in the folder "evil-plugin".
/// </summary>
public sealed class WordPressShop(string prefix) : ContainedShop(ShopPlatform.WooCommerce, prefix)
{
    public const string DefaultPrefix = "k9_";

    /// <summary>The consumer key of mallory's "Mobile app" key, as the attacker holds it; the shop stores only its wc_api_hash.</summary>
    public const string LeakedKey = "ck_4d7f0c2a9b8e1f3a5c6d7e8f9a0b1c2d3e4f5a6b";

    public const string LeakedSecret = "cs_9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0";

    public static readonly string ActivePlugins = PhpSerializer.Serialize(PhpArray.List(
        "akismet/akismet.php", "evil-plugin/evil.php", "evil-plugin/evil-admin.php", "woocommerce/woocommerce.php"));

    public static readonly string MalloryPasswords = PhpSerializer.Serialize(PhpArray.List(
        ApplicationPassword("5d8e2f10-7a4b-4c3d-8e9f-1a2b3c4d5e6f", "backup-sync"), ApplicationPassword("6e9f3a21-8b5c-4d4e-9fa0-2b3c4d5e6f70", "sync2")));

    public WordPressRows Rows => new(Database, Prefix);

    /// <param name="multisite">Also a network's sitemeta: olga and mallory super admins, evil.php active network-wide.</param>
    public static async Task<WordPressShop> CreateAsync(string prefix = DefaultPrefix, bool multisite = false)
    {
        var shop = new WordPressShop(prefix);
        await shop.CreateAsync(database => SeedAsync(database, prefix, multisite));
        return shop;
    }

    /// <summary>Writes the shop's tables and rows into <paramref name="target"/> under <paramref name="prefix"/>.</summary>
    public static async Task SeedAsync(ShopDatabase target, string prefix, bool multisite)
    {
        await WooCommerceDetectionShop.WriteSiteAsync(target, prefix, WooCommerceDetectionShop.UserRoles);
        var wp = new WordPressRows(target, prefix);
        await wp.OptionAsync("active_plugins", ActivePlugins);
        await wp.OptionAsync("recently_activated", "a:0:{}");

        await UserAsync(wp, prefix, 1, "olga", "administrator", level: "10", sessions: 2);
        await wp.MetaAsync(1, "_application_passwords", PhpSerializer.Serialize(PhpArray.List(ApplicationPassword("0c7a1d52-3b6e-4f8a-9d21-5e4f3a2b1c0d", "Zapier"))));
        await UserAsync(wp, prefix, 2, "sam", "shop_manager", level: "0", sessions: 1);
        await UserAsync(wp, prefix, 3, "carl", "customer", level: "0", sessions: 1);
        await UserAsync(wp, prefix, 4, "mallory", "administrator", level: "10", sessions: 1, email: "mallory@evil.example");
        await wp.MetaAsync(4, "_application_passwords", MalloryPasswords);
        await UserAsync(wp, prefix, 5, "cathy", "customer", level: "0", sessions: 1);
        await UserAsync(wp, prefix, 6, "eve", "subscriber", level: "0", sessions: 0);
        await target.ExecuteAsync($"UPDATE `{prefix}users` SET user_pass = CONCAT('$wp$2y$10$', SHA1(ID))");

        await wp.LeakableApiKeyAsync(1, 1, "ERP", "read", "ck_0000000000000000000000000000000000olga01", "cs_olga");
        await wp.LeakableApiKeyAsync(2, 4, "Mobile app", "read_write", LeakedKey, LeakedSecret);
        await wp.LeakableApiKeyAsync(3, 4, "Backup", "write", "ck_1111111111111111111111111111111111backup", "cs_backup");
        await wp.LeakableApiKeyAsync(4, 3, "Carl's app", "read", "ck_2222222222222222222222222222222222carl01", "cs_carl");

        await wp.WebhookAsync(1, "ERP", "active", "order.created", "https://erp.shop.example/hook", 1, new DateTime(2025, 2, 1));
        await wp.WebhookAsync(2, "Order sync", "active", "order.created", "https://exfil.example.net/collect", 4, new DateTime(2026, 3, 2));
        await wp.WebhookAsync(3, "Stock feed", "paused", "product.updated", "https://cdn.EXFIL.example.net/stock", 4, new DateTime(2026, 3, 2));
        await wp.WebhookAsync(4, "Look-alike", "active", "order.created", "https://exfil.example.net.example.org/x", 4, new DateTime(2026, 3, 2));

        // Carts are not logins: containment leaves them.
        const string cart = """a:1:{s:4:"cart";s:0:"";}""";
        await target.ExecuteAsync($"""
            INSERT INTO `{prefix}woocommerce_sessions` (session_key, session_value, session_expiry) VALUES ('3', @cart, 1893456000), ('t_9f8e7d6c5b4a', @cart, 1893456000)
            """, ("@cart", cart));

        if (multisite)
        {
            await wp.SiteMetaAsync("site_admins", PhpSerializer.Serialize(PhpArray.List("olga", "mallory")));
            await wp.SiteMetaAsync("active_sitewide_plugins", PhpSerializer.Serialize(PhpArray.Map(("evil-plugin/evil.php", 1767225600), ("akismet/akismet.php", 1767225600))));
        }
    }

    public static string WcApiHash(string consumerKey) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("wc-api"), Encoding.UTF8.GetBytes(consumerKey)));

    public Task<string?> OptionAsync(string name) =>
        Database.ScalarAsync<string>($"SELECT option_value FROM `{Prefix}options` WHERE option_name = @name", ("@name", name));

    public Task<string?> MetaAsync(long userId, string key) =>
        Database.ScalarAsync<string>($"SELECT meta_value FROM `{Prefix}usermeta` WHERE user_id = @user AND meta_key = @key ORDER BY umeta_id LIMIT 1",
            ("@user", userId), ("@key", key));

    private static async Task UserAsync(WordPressRows wp, string prefix, long id, string login, string role, string level, int sessions, string? email = null)
    {
        await wp.UserAsync(id, login, new DateTime(2025, 1, 1).AddDays(id), WooCommerceDetectionShop.Capabilities(role), email: email);
        await wp.MetaAsync(id, prefix + "user_level", level);
        await wp.MetaAsync(id, "first_name", login);
        if (sessions > 0)
        {
            await wp.MetaAsync(id, "session_tokens", PhpSerializer.Serialize(PhpArray.Map(Enumerable.Range(1, sessions).Select(i => (
                (PhpValue)new string((char)('a' + i), 64),
                (PhpValue)PhpArray.Map(("expiration", 1893456000L), ("ip", $"203.0.113.{id}"), ("ua", "Mozilla/5.0"), ("login", 1772409600L)))))));
        }
    }

    private static PhpArray ApplicationPassword(string uuid, string name) => PhpArray.Map(
        ("uuid", uuid), ("app_id", ""), ("name", name), ("password", "$P$BZ8d2GmH5nL0t0y3Qe7Rk1vUw9xYzA."), ("created", 1772409600L), ("last_used", PhpValue.Null),
        ("last_ip", PhpValue.Null));
}
