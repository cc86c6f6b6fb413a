using CaseManagement.Shops.Model;
using CaseManagement.Shops.Tests.Infrastructure;

namespace CaseManagement.Shops.Tests.Detection;

/// <summary>
/// A Magento 2 shop under the prefix "mg_", attacked from <see cref="T"/> on (2026-03-01T00:00Z). Admins before T:
/// admin (full access), helper (a limited role, deactivated), temp (no role, locked). From T: svc_backup, a new
/// full-access admin; the integration "Exfil" with every API resource, its OAuth consumer and token; an admin token
/// and a revoked customer token; and a bulk export. The integration's own user role has user_id 1 like admin's, as
/// Magento allows: integration and admin ids are separate sequences.
/// </summary>
public sealed class MagentoDetectionShop : IAsyncLifetime
{
    public const string Prefix = "mg_";

    public static readonly DateTimeOffset T = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset SvcBackupCreated = T.AddDays(1).AddHours(3).AddMinutes(14);
    public static readonly DateTimeOffset SvcBackupLogin = SvcBackupCreated.AddMinutes(6);
    public static readonly DateTimeOffset AdminLogin = T.AddDays(-1).AddHours(8);
    public static readonly DateTimeOffset ExfilCreated = T.AddDays(1).AddHours(4);
    public static readonly DateTimeOffset ExfilTokenCreated = ExfilCreated.AddMinutes(1);
    public static readonly DateTimeOffset AdminTokenCreated = T.AddDays(1).AddHours(5);
    public static readonly DateTimeOffset CustomerTokenCreated = T.AddDays(2);
    public static readonly DateTimeOffset ExportBulkStarted = T.AddDays(1).AddHours(6);

    private ShopDatabase? database;

    public ShopDatabase Database => database ?? throw new InvalidOperationException("Created in InitializeAsync.");

    public ShopConnectionSettings Settings => Database.Settings(ShopPlatform.Magento, Prefix);

    public async Task InitializeAsync()
    {
        database = await ShopDatabase.CreateAsync();
        await WriteAdminsAsync(Database, Prefix);
        var m = new MagentoRows(Database, Prefix);

        await m.SessionAsync(1, "203.0.113.8", AdminLogin.AddDays(-20).UtcDateTime);
        await m.SessionAsync(1, "203.0.113.9", AdminLogin.UtcDateTime);
        await m.SessionAsync(3, "198.51.100.23", SvcBackupLogin.UtcDateTime);

        await Database.ExecuteAsync($$"""
            INSERT INTO `{{Prefix}}authorization_role` (role_id, parent_id, tree_level, role_type, user_id, user_type, role_name) VALUES (6, 0, 1, 'U', 1, '1', 'Exfil');
            INSERT INTO `{{Prefix}}authorization_rule` (role_id, resource_id, permission) VALUES (6, 'Magento_Backend::all', 'allow');
            INSERT INTO `{{Prefix}}oauth_consumer` (entity_id, created_at, name, `key`, secret, rejected_callback_url) VALUES
              (1, '2025-01-01 00:00:00', 'Integration2', 'k1', 's1', ''),
              (2, @exfil, 'Integration1', 'k2', 's2', '');
            INSERT INTO `{{Prefix}}integration` (integration_id, name, email, endpoint, status, consumer_id, created_at) VALUES
              (1, 'Exfil', 'ops@evil.example', 'https://exfil.example.net/magento', 1, 2, @exfil),
              (2, 'ERP connector', 'it@shop.example', NULL, 1, 1, '2025-01-01 00:00:00');
            INSERT INTO `{{Prefix}}customer_entity` (entity_id, website_id, email) VALUES (17, 1, 'buyer@example.test');
            INSERT INTO `{{Prefix}}oauth_token` (entity_id, consumer_id, admin_id, customer_id, type, token, secret, callback_url, revoked, authorized, user_type, created_at) VALUES
              (1, 1, NULL, NULL, 'access', 't1', 's1', 'oob', 0, 1, 1, '2025-01-01 00:00:00'),
              (2, 2, NULL, NULL, 'access', 't2', 's2', 'oob', 0, 1, 1, @exfilToken),
              (3, NULL, 3, NULL, 'access', 't3', 's3', '', 0, 0, 2, @adminToken),
              (4, NULL, NULL, 17, 'access', 't4', 's4', '', 1, 0, 3, @customerToken);
            INSERT INTO `{{Prefix}}magento_bulk` (id, uuid, user_id, description, operation_count, start_time) VALUES
              (1, '0f4c2d4e-0000-4000-8000-000000000001', 1, 'Update attributes', 40, '2025-12-01 00:00:00'),
              (2, '6b0c9a3e-1d2f-4e5a-8b7c-9d0e1f2a3b4c', 3, 'Export customers', 1, @bulk);
            INSERT INTO `{{Prefix}}queue_message` (id, topic_name, body) VALUES
              (1, 'import_export.export', '{"file_format":"csv","entity":"customer"}'),
              (2, 'product_action_attribute.update', '{"product_ids":[1,2]}');
            """,
            ("@exfil", ExfilCreated.UtcDateTime), ("@exfilToken", ExfilTokenCreated.UtcDateTime), ("@adminToken", AdminTokenCreated.UtcDateTime),
            ("@customerToken", CustomerTokenCreated.UtcDateTime), ("@bulk", ExportBulkStarted.UtcDateTime));
    }

    public async Task DisposeAsync()
    {
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    /// <summary>The group roles "Administrators" (Magento_Backend::all) and "Sales viewers" (sales only), and the four admin users.</summary>
    public static async Task WriteAdminsAsync(ShopDatabase database, string prefix)
    {
        await database.CreateSchemaAsync(ShopPlatform.Magento, prefix);
        await database.ExecuteAsync($"""
            INSERT INTO `{prefix}authorization_role` (role_id, parent_id, tree_level, role_type, user_id, user_type, role_name) VALUES
              (1, 0, 1, 'G', 0, '2', 'Administrators'),
              (2, 0, 1, 'G', 0, '2', 'Sales viewers');
            INSERT INTO `{prefix}authorization_rule` (role_id, resource_id, permission) VALUES
              (1, 'Magento_Backend::all', 'allow'),
              (2, 'Magento_Backend::all', 'deny'),
              (2, 'Magento_Sales::sales', 'allow');
            """);
        var m = new MagentoRows(database, prefix);
        await m.AdminAsync(1, "admin", "Ada", "Admin", new DateTime(2024, 1, 1, 9, 0, 0), role: 1, logdate: AdminLogin.UtcDateTime);
        await m.AdminAsync(2, "helper", "Hal", "Helper", new DateTime(2025, 5, 5, 9, 0, 0), role: 2, active: false);
        await m.AdminAsync(3, "svc_backup", null, null, SvcBackupCreated.UtcDateTime, role: 1, logdate: SvcBackupLogin.UtcDateTime, email: "svc@evil.example");
        await m.AdminAsync(4, "temp", "Tem", "Porary", new DateTime(2025, 10, 10, 9, 0, 0), role: null, lockExpires: new DateTime(2037, 12, 31));
    }
}

/// <summary>Inserts Magento rows by plain SQL into the real tables; the test connection runs in UTC, like Magento's.</summary>
public sealed class MagentoRows(ShopDatabase database, string prefix)
{
    /// <param name="role">The group role the user's own "U" role hangs under; null for a user without one.</param>
    public async Task AdminAsync(long id, string username, string? first, string? last, DateTime createdUtc, long? role, bool active = true,
        DateTime? logdate = null, DateTime? lockExpires = null, string? email = null)
    {
        await database.ExecuteAsync($"""
            INSERT INTO `{prefix}admin_user` (user_id, firstname, lastname, email, username, password, created, logdate, is_active, lock_expires)
            VALUES (@id, @first, @last, @email, @username, 'hash', @created, @logdate, @active, @lock)
            """, ("@id", id), ("@first", first), ("@last", last), ("@email", email ?? $"{username}@shop.example"), ("@username", username),
            ("@created", createdUtc), ("@logdate", logdate), ("@active", active ? 1 : 0), ("@lock", lockExpires));
        if (role is { } parent)
        {
            await database.ExecuteAsync($"""
                INSERT INTO `{prefix}authorization_role` (parent_id, tree_level, role_type, user_id, user_type, role_name)
                VALUES (@parent, 2, 'U', @id, '2', @username)
                """, ("@parent", parent), ("@id", id), ("@username", username));
        }
    }

    public Task SessionAsync(long userId, string ip, DateTime createdUtc) =>
        database.ExecuteAsync($"INSERT INTO `{prefix}admin_user_session` (user_id, status, created_at, updated_at, ip) VALUES (@user, 1, @at, @at, @ip)",
            ("@user", userId), ("@at", createdUtc), ("@ip", ip));
}
