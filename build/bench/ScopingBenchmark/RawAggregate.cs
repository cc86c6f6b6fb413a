using CaseManagement.Rules.Evaluation;
using CaseManagement.Shops;
using CaseManagement.Shops.Scoping;
using MySqlConnector;

namespace ScopingBenchmark;

/// <summary>Per-jurisdiction people counts, from either side; compared for equality before any timing is reported.</summary>
internal sealed record Counts(long People, long ResidenceUnknown, IReadOnlyDictionary<string, long> ByJurisdiction);

/// <summary>
/// The baseline: the same scoping written as one hand-made SQL aggregate that the server evaluates entirely.
/// The orders in the window are joined with their billing and shipping addresses (in order-id order, which
/// keeps those lookups sequential), each person's latest order is picked with ROW_NUMBER over the adapters'
/// person key, the account fallbacks (account billing, WooCommerce's customer lookup) are joined for that
/// order only, the first candidate with a known country wins, and the result is grouped by country and state.
/// Only the few hundred groups cross the wire; state text becomes a jurisdiction code in C# with the adapters'
/// own <see cref="ResidenceRules.Jurisdiction"/>, as names and codes cannot be told apart in SQL.
/// </summary>
internal static class RawAggregate
{
    // The adapters' rules, spelled out again so the baseline is independent SQL: a guest checkout with an account's
    // email belongs to that account (per website on Magento); other guests are one person per lower-cased email.
    private const string WooCustomer = "COALESCE(NULLIF(o.customer_id, 0), u.ID, 0)";

    private const string WooPersonKey =
        $"CONVERT(IF({WooCustomer} > 0, CONCAT('customer:', {WooCustomer}), IF(TRIM(COALESCE(o.billing_email, '')) = '', CONCAT('order:', o.id), CONCAT('guest:', LOWER(TRIM(o.billing_email))))) USING utf8mb4) COLLATE utf8mb4_bin";

    private const string MagentoCustomer = "COALESCE(o.customer_id, ge.entity_id)";

    private const string MagentoPersonKey =
        $"CONVERT(IF({MagentoCustomer} IS NOT NULL, CONCAT('customer:', {MagentoCustomer}), IF(TRIM(COALESCE(o.customer_email, '')) = '', CONCAT('order:', o.entity_id), " +
        "CONCAT('guest:', COALESCE(st.website_id, 0), ':', LOWER(TRIM(o.customer_email))))) USING utf8mb4) COLLATE utf8mb4_bin";

    // ResidenceRules accepts a candidate only if its trimmed, upper-cased country is an ISO 3166-1 code it knows.
    private static readonly string KnownCountries = string.Join(", ", ResidenceCodes.Known.Where(c => c.Length == 2).Order(StringComparer.Ordinal).Select(c => $"'{c}'"));

    public static async Task<Counts> RunAsync(BenchShop shop, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        await using var connection = new MySqlConnection(shop.ReadOnlyConnectionString);
        await connection.OpenAsync(ct);
        await using (var session = new MySqlCommand("SET SESSION time_zone = '+00:00'", connection))
        {
            await session.ExecuteNonQueryAsync(ct);
        }

        await using var command = new MySqlCommand(Sql(shop.Platform, shop.TablePrefix), connection) { CommandTimeout = 0 };
        command.Parameters.AddWithValue("@from", from.UtcDateTime);
        command.Parameters.AddWithValue("@to", to.UtcDateTime);
        var byJurisdiction = new Dictionary<string, long>(StringComparer.Ordinal);
        long people = 0, unknown = 0;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var count = reader.GetInt64(2);
            people += count;
            if (ResidenceRules.Jurisdiction(reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)) is { } code)
            {
                byJurisdiction[code] = byJurisdiction.GetValueOrDefault(code) + count;
            }
            else
            {
                unknown += count;
            }
        }

        return new Counts(people, unknown, byJurisdiction);
    }

    public static string Sql(ShopPlatform platform, string p) => platform == ShopPlatform.WooCommerce ? WooCommerce(p) : Magento(p);

    private static string Known(string country) => $"UPPER(TRIM({country})) IN ({KnownCountries})";

    /// <summary>The winning candidate's country and region: the first of <paramref name="candidates"/> whose country is known.</summary>
    private static string Residence(params (string Country, string Region)[] candidates) => $"""
        CASE {string.Join(" ", candidates.Select(c => $"WHEN {Known(c.Country)} THEN UPPER(TRIM({c.Country}))"))} END AS country,
        CASE {string.Join(" ", candidates.Select(c => $"WHEN {Known(c.Country)} THEN {c.Region}"))} END AS region
        """;

    // Only US, Canadian and Australian states become part of a jurisdiction code; other regions would only split groups.
    private static string Grouped(string people) => $"""
        SELECT country, state, COUNT(*) AS people
        FROM (SELECT country, IF(country IN ('US', 'CA', 'AU'), region, NULL) AS state FROM ({people}) p) q
        GROUP BY country, state
        """;

    private static string WooCommerce(string p) => Grouped($"""
        SELECT {Residence(("l.bc", "l.bs"), ("ac.meta_value", "ast.meta_value"), ("cl.country", "cl.state"), ("l.sc", "l.ss"))}
        FROM (
            SELECT {WooCustomer} AS customer_id, b.country AS bc, b.state AS bs, s.country AS sc, s.state AS ss,
                   ROW_NUMBER() OVER (PARTITION BY {WooPersonKey} ORDER BY o.date_created_gmt DESC, o.id DESC) AS latest
            FROM `{p}wc_orders` o
            LEFT JOIN `{p}users` u ON o.customer_id = 0 AND u.user_email = TRIM(o.billing_email)
            LEFT JOIN `{p}wc_order_addresses` b ON b.order_id = o.id AND b.address_type = 'billing'
            LEFT JOIN `{p}wc_order_addresses` s ON s.order_id = o.id AND s.address_type = 'shipping'
            WHERE o.type = 'shop_order' AND o.status NOT IN ('trash', 'auto-draft', 'draft', 'wc-checkout-draft')
              AND o.date_created_gmt >= @from AND o.date_created_gmt < @to
        ) l
        LEFT JOIN `{p}usermeta` ac ON l.customer_id > 0 AND ac.user_id = l.customer_id AND ac.meta_key = 'billing_country'
        LEFT JOIN `{p}usermeta` ast ON l.customer_id > 0 AND ast.user_id = l.customer_id AND ast.meta_key = 'billing_state'
        LEFT JOIN `{p}wc_customer_lookup` cl ON l.customer_id > 0 AND cl.user_id = l.customer_id
        WHERE l.latest = 1
        """);

    private static string Magento(string p) => Grouped($"""
        SELECT {Residence(("l.bc", "l.br"), ("ca.country_id", "COALESCE(car.code, ca.region)"), ("l.sc", "l.sr"))}
        FROM (
            SELECT {MagentoCustomer} AS customer_id, b.country_id AS bc, COALESCE(br.code, b.region) AS br, s.country_id AS sc, COALESCE(sr.code, s.region) AS sr,
                   ROW_NUMBER() OVER (PARTITION BY {MagentoPersonKey} ORDER BY o.created_at DESC, o.entity_id DESC) AS latest
            FROM `{p}sales_order` o
            LEFT JOIN `{p}store` st ON st.store_id = o.store_id
            LEFT JOIN `{p}customer_entity` ge ON o.customer_id IS NULL AND ge.email = TRIM(o.customer_email) AND ge.website_id = st.website_id
            LEFT JOIN `{p}sales_order_address` b ON b.parent_id = o.entity_id AND b.address_type = 'billing'
            LEFT JOIN `{p}directory_country_region` br ON br.region_id = b.region_id
            LEFT JOIN `{p}sales_order_address` s ON s.parent_id = o.entity_id AND s.address_type = 'shipping'
            LEFT JOIN `{p}directory_country_region` sr ON sr.region_id = s.region_id
            WHERE o.created_at >= @from AND o.created_at < @to
        ) l
        LEFT JOIN `{p}customer_entity` ce ON ce.entity_id = l.customer_id
        LEFT JOIN `{p}customer_address_entity` ca ON ca.entity_id = ce.default_billing
        LEFT JOIN `{p}directory_country_region` car ON car.region_id = ca.region_id
        WHERE l.latest = 1
        """);
}
