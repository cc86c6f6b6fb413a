using CaseManagement.Shops.Tests.Detection;
using CaseManagement.Shops.Tests.Infrastructure;

namespace CaseManagement.Shops.Tests.ShopActions;

/// <summary>
/// A Magento 2 shop to contain, in a database of its own. Admins as in <see cref="MagentoDetectionShop"/>: admin (full
/// access), helper (inactive), svc_backup (created by the attacker), temp (locked until 2037). The integration "Exfil" uses
/// consumer 2, whose key and access token leaked; "ERP connector" uses consumer 1. Customers 17 and 18 are signed in
/// (persistent sessions, an OAuth token), 19 already had a session cutoff.
/// </summary>
public sealed class MagentoShop(string prefix) : ContainedShop(ShopPlatform.Magento, prefix)
{
    public const string DefaultPrefix = "mg_";

    public const string LeakedConsumerKey = "k2exfil0000000000000000000000000";

    public const string LeakedAccessToken = "t2exfil0000000000000000000000000";

    /// <summary>When admin #1's earlier JSON web token revocation was written (2026-01-01T00:00Z).</summary>
    public const long AdminRevokedBefore = 1767225600;

    public static async Task<MagentoShop> CreateAsync(string prefix = DefaultPrefix)
    {
        var shop = new MagentoShop(prefix);
        await shop.CreateAsync(database => SeedAsync(database, prefix));
        return shop;
    }

    public Task<T?> ScalarAsync<T>(string sql, params (string Name, object? Value)[] parameters) =>
        Database.ScalarAsync<T>(sql.Replace("{p}", Prefix, StringComparison.Ordinal), parameters);

    public Task<int> ExecuteAsync(string sql, params (string Name, object? Value)[] parameters) =>
        Database.ExecuteAsync(sql.Replace("{p}", Prefix, StringComparison.Ordinal), parameters);

    private static async Task SeedAsync(ShopDatabase database, string prefix)
    {
        await MagentoDetectionShop.WriteAdminsAsync(database, prefix);
        var m = new MagentoRows(database, prefix);
        await m.SessionAsync(1, "203.0.113.8", new DateTime(2026, 3, 1, 8, 0, 0));
        await m.SessionAsync(1, "203.0.113.9", new DateTime(2026, 3, 2, 8, 0, 0));
        await m.SessionAsync(3, "198.51.100.23", new DateTime(2026, 3, 2, 3, 20, 0));
        await m.SessionAsync(3, "198.51.100.23", new DateTime(2026, 3, 1, 3, 20, 0));
        await database.ExecuteAsync("""
            UPDATE `{p}admin_user_session` SET status = 2 WHERE id = 4;
            INSERT INTO `{p}oauth_consumer` (entity_id, created_at, name, `key`, secret, rejected_callback_url) VALUES
              (1, '2025-01-01 00:00:00', 'Integration2', 'k1erp00000000000000000000000000', 's1', ''),
              (2, '2026-03-02 04:00:00', 'Integration1', @consumerKey, 's2', '');
            INSERT INTO `{p}integration` (integration_id, name, email, endpoint, status, consumer_id, created_at, updated_at) VALUES
              (1, 'Exfil', 'ops@evil.example', 'https://exfil.example.net/magento', 1, 2, '2026-03-02 04:00:00', '2026-03-02 04:00:00'),
              (2, 'ERP connector', 'it@shop.example', NULL, 1, 1, '2025-01-01 00:00:00', '2025-01-01 00:00:00');
            INSERT INTO `{p}customer_entity` (entity_id, website_id, email, created_at, updated_at, session_cutoff) VALUES
              (17, 1, 'buyer@example.test', '2025-05-01 10:00:00', '2025-06-01 10:00:00', NULL),
              (18, 1, 'other@example.test', '2025-05-02 10:00:00', '2025-06-02 10:00:00', NULL),
              (19, 1, 'third@example.test', '2025-05-03 10:00:00', '2025-06-03 10:00:00', '2025-12-24 18:00:00');
            INSERT INTO `{p}oauth_token` (entity_id, consumer_id, admin_id, customer_id, type, token, secret, callback_url, revoked, authorized, user_type, created_at) VALUES
              (1, 1, NULL, NULL, 'access', 't1erp00000000000000000000000000', 's1', 'oob', 0, 1, 1, '2025-01-01 00:00:00'),
              (2, 2, NULL, NULL, 'access', @accessToken, 's2', 'oob', 0, 1, 1, '2026-03-02 04:01:00'),
              (3, 2, NULL, NULL, 'request', 't3exfil0000000000000000000000000', 's3', 'oob', 1, 0, 1, '2026-03-02 04:00:30'),
              (4, NULL, 3, NULL, 'access', 't4admin0000000000000000000000000', 's4', '', 0, 0, 2, '2026-03-02 05:00:00'),
              (5, NULL, 1, NULL, 'access', 't5admin0000000000000000000000000', 's5', '', 0, 0, 2, '2026-02-01 05:00:00'),
              (6, NULL, NULL, 17, 'access', 't6cust00000000000000000000000000', 's6', '', 0, 0, 3, '2026-03-03 00:00:00'),
              (7, NULL, NULL, 18, 'access', 't7cust00000000000000000000000000', 's7', '', 1, 0, 3, '2026-03-03 00:00:00');
            INSERT INTO `{p}jwt_auth_revoked` (user_type_id, user_id, revoke_before) VALUES (2, 1, @adminRevoked), (3, 19, @adminRevoked);
            INSERT INTO `{p}persistent_session` (persistent_id, `key`, customer_id, website_id, info, updated_at) VALUES
              (1, 'p17', 17, 1, NULL, '2026-03-03 00:00:00'), (2, 'p18', 18, 1, NULL, '2026-03-03 00:00:00');
            INSERT INTO `{p}core_config_data` (scope, scope_id, path, value) VALUES
              ('default', 0, 'web/unsecure/base_url', 'http://www.shop.example/'),
              ('default', 0, 'web/secure/base_url', 'https://www.shop.example/'),
              ('default', 0, 'design/head/includes', '<link rel="stylesheet" type="text/css" media="all" href="{{MEDIA_URL}}styles.css" />'),
              ('stores', 1, 'design/footer/absolute_footer', '<p>Free shipping from 50 EUR</p>');
            INSERT INTO `{p}cms_block` (block_id, title, identifier, content, is_active) VALUES
              (1, 'Footer links', 'footer_links', '<ul><li><a href="https://www.shop.example/about">About us</a></li></ul>', 1);
            INSERT INTO `{p}cms_page` (page_id, title, identifier, content, is_active) VALUES
              (1, 'Home', 'home', '<p>Welcome</p>', 1), (2, 'Checkout help', 'checkout-help', '<p>How to pay</p>', 1);
            """.Replace("{p}", prefix, StringComparison.Ordinal), ("@consumerKey", LeakedConsumerKey), ("@accessToken", LeakedAccessToken), ("@adminRevoked", AdminRevokedBefore));
    }
}
