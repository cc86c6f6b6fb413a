using CaseManagement.Shops.Model;
using CaseManagement.Shops.Scoping;
using MySqlConnector;

namespace CaseManagement.Shops.Connectivity;

/// <summary>
/// Confirms a database looks like the platform it is registered as, with the tables scoping reads, so a
/// wrong prefix or database is found at registration rather than in the middle of an incident.
/// </summary>
public static class ShopLayoutCheck
{
    private static readonly string[] WooCommerceTables = ["options", "users", "usermeta", "posts", "postmeta"];
    private static readonly string[] WooCommerceHposTables = ["wc_orders", "wc_order_addresses"];

    private static readonly string[] MagentoTables =
        ["store", "sales_order", "sales_order_address", "sales_order_payment", "customer_entity", "customer_address_entity", "directory_country_region"];

    /// <returns>The problems found, empty when the layout is as expected.</returns>
    public static async Task<IReadOnlyList<string>> ProblemsAsync(ShopConnectionSettings shop, CancellationToken ct)
    {
        var present = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await foreach (var table in ShopQuery.StreamAsync(shop, TimeSpan.FromSeconds(30), (connection, _, _) =>
                       {
                           var command = new MySqlCommand(
                               "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name LIKE @prefix", connection);
                           command.Parameters.AddWithValue("@prefix", EscapeLike(shop.TablePrefix) + "%");
                           return Task.FromResult(command);
                       }, r => r.GetString(0), ct))
        {
            present.Add(table);
        }

        var expected = shop.Platform == ShopPlatform.Magento ? MagentoTables : WooCommerceTables;
        var missing = expected.Select(t => shop.TablePrefix + t).Where(t => !present.Contains(t)).ToList();
        if (missing.Count == expected.Length)
        {
            var candidates = await CandidatePrefixesAsync(shop, expected[0], ct);
            return [$"No {shop.Platform} tables with prefix '{shop.TablePrefix}' in this database (expected e.g. {shop.TablePrefix}{expected[0]}); " +
                    (candidates.Count == 0
                        ? "no table here ends in " + expected[0] + " either; check the database name."
                        : $"prefixes found in this database: {string.Join(", ", candidates.Select(c => $"'{c}'"))}.")];
        }

        var problems = missing.Select(t => $"table {t} is missing").ToList();
        if (shop.Platform == ShopPlatform.WooCommerce && await HposAuthoritativeAsync(shop, ct))
        {
            problems.AddRange(WooCommerceHposTables.Select(t => shop.TablePrefix + t).Where(t => !present.Contains(t))
                .Select(t => $"table {t} is missing although the shop's options make HPOS the authoritative order store"));
        }

        return problems;
    }

    /// <summary>
    /// How the shop stores its orders and which time zone its site runs in, as its own settings say, so an admin sees what
    /// scoping will read (e.g. HPOS tables, not posts) and whether the registered zone agrees with the shop's.
    /// </summary>
    public static async Task<ShopLayout> DescribeAsync(ShopConnectionSettings shop, CancellationToken ct)
    {
        var p = shop.TablePrefix;
        var query = shop.Platform == ShopPlatform.Magento
            ? $"SELECT path, value FROM `{p}core_config_data` WHERE path = 'general/locale/timezone' AND scope = 'default'"
            : $"SELECT option_name, option_value FROM `{p}options` WHERE option_name IN " +
              "('timezone_string', 'gmt_offset', 'woocommerce_custom_orders_table_enabled', 'woocommerce_custom_orders_table_data_sync_enabled')";
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var (name, value) in ShopQuery.StreamAsync(shop, TimeSpan.FromSeconds(30),
                           (connection, _, _) => Task.FromResult(new MySqlCommand(query, connection)),
                           r => (r.GetString(0), r.IsDBNull(1) ? "" : r.GetString(1)), ct))
        {
            settings[name] = value;
        }

        return shop.Platform == ShopPlatform.Magento
            ? new ShopLayout("sales-order", "Magento sales_order tables", NonEmpty(settings.GetValueOrDefault("general/locale/timezone")))
            : WooCommerceLayout(settings);
    }

    private static ShopLayout WooCommerceLayout(IReadOnlyDictionary<string, string> options)
    {
        var hpos = options.GetValueOrDefault("woocommerce_custom_orders_table_enabled") == "yes";
        var sync = options.GetValueOrDefault("woocommerce_custom_orders_table_data_sync_enabled") == "yes";
        var (mode, description) = (hpos, sync) switch
        {
            (true, true) => ("hpos", "WooCommerce HPOS tables (wc_orders), kept in sync with posts"),
            (true, false) => ("hpos", "WooCommerce HPOS tables (wc_orders)"),
            (false, true) => ("posts", "WordPress posts (shop_order), kept in sync with HPOS tables"),
            _ => ("posts", "WordPress posts (shop_order)"),
        };
        // WordPress keeps a fixed offset in gmt_offset when no named zone was chosen.
        var zone = NonEmpty(options.GetValueOrDefault("timezone_string"))
                   ?? (double.TryParse(options.GetValueOrDefault("gmt_offset"), System.Globalization.NumberStyles.Float,
                       System.Globalization.CultureInfo.InvariantCulture, out var hours)
                       ? $"UTC{hours:+0.##;-0.##;+0}"
                       : null);
        return new ShopLayout(mode, description, zone);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>The prefixes under which this database holds the platform's marker table (e.g. wp_options, shop7_options).</summary>
    private static async Task<IReadOnlyList<string>> CandidatePrefixesAsync(ShopConnectionSettings shop, string marker, CancellationToken ct)
    {
        var prefixes = new List<string>();
        await foreach (var prefix in ShopQuery.StreamAsync(shop, TimeSpan.FromSeconds(30), (connection, _, _) =>
                       {
                           var command = new MySqlCommand(
                               "SELECT LEFT(table_name, CHAR_LENGTH(table_name) - CHAR_LENGTH(@marker)) FROM information_schema.tables " +
                               "WHERE table_schema = DATABASE() AND table_name LIKE @suffix ORDER BY 1", connection);
                           command.Parameters.AddWithValue("@marker", marker);
                           command.Parameters.AddWithValue("@suffix", "%" + EscapeLike(marker));
                           return Task.FromResult(command);
                       }, r => r.GetString(0), ct))
        {
            prefixes.Add(prefix);
        }

        return prefixes;
    }

    private static async Task<bool> HposAuthoritativeAsync(ShopConnectionSettings shop, CancellationToken ct)
    {
        await foreach (var value in ShopQuery.StreamAsync(shop, TimeSpan.FromSeconds(30), (connection, _, _) =>
                           Task.FromResult(new MySqlCommand(
                               $"SELECT option_value FROM `{shop.TablePrefix}options` WHERE option_name = 'woocommerce_custom_orders_table_enabled'", connection)),
                           r => r.IsDBNull(0) ? "" : r.GetString(0), ct))
        {
            return value == "yes";
        }

        return false;
    }

    private static string EscapeLike(string value) => value.Replace("\\", "\\\\").Replace("_", "\\_").Replace("%", "\\%");
}

/// <summary>What a shop's own settings say about how it stores orders and its site's time zone.</summary>
/// <param name="StorageMode">"hpos" or "posts" for WooCommerce, "sales-order" for Magento.</param>
/// <param name="TimeZone">The site's zone as configured in the shop (IANA id, or "UTC+2" for a fixed WordPress offset); null when unset.</param>
public sealed record ShopLayout(string StorageMode, string StorageDescription, string? TimeZone);
