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
