using System.Runtime.CompilerServices;
using CaseManagement.Shops.Model;
using MySqlConnector;

namespace CaseManagement.Shops.Scoping;

/// <summary>
/// Scoping on WooCommerce. Reads only the order store the shop's options name as authoritative: HPOS
/// (wc_orders and wc_order_addresses) when <c>woocommerce_custom_orders_table_enabled</c> is "yes", else the
/// legacy posts/postmeta store; in sync mode the other copy may lag, so it is never mixed in. Refund rows
/// are not orders of a person. A guest checkout (customer 0) with the email of an account is that account's
/// holder; other guests are one person per lower-cased billing email.
/// </summary>
public sealed class WooCommerceScoper(ShopConnectionSettings shop, TimeSpan? statementTimeout = null) : IShopScoper
{
    // Orders that never reached payment entry; everything else (failed, cancelled, refunded) had a checkout.
    private const string NotPlaced = "'trash', 'auto-draft', 'draft', 'wc-checkout-draft'";

    public async IAsyncEnumerable<AffectedPerson> AffectedPeopleAsync(ScopeRequest request, IProgress<ScopeProgress>? progress,
        [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var person in PersonAssembler.AssembleAsync(RowsAsync(request, ct), request.DataCategories, progress, ct))
        {
            yield return person;
        }
    }

    private IAsyncEnumerable<OrderRow> RowsAsync(ScopeRequest request, CancellationToken ct) =>
        ShopQuery.StreamAsync(shop, statementTimeout, async (connection, transaction, token) =>
        {
            var hpos = await HposAuthoritativeAsync(connection, transaction, token);
            await ShopQuery.UseSortBufferAsync(connection, transaction, token);
            return hpos ? HposQuery(connection, request) : LegacyQuery(connection, request);
        }, ToRow, ct);

    /// <summary>A WordPress site's time zone options; scoping does not need them (the GMT columns decide), detection does.</summary>
    internal sealed record SiteOptions(string? TimezoneString, string? GmtOffset)
    {
        /// <summary>The site's zone: the registered one, else WordPress's timezone_string, else its fixed gmt_offset, else UTC.</summary>
        public TimeZoneInfo SiteZone(string? registered)
        {
            foreach (var id in new[] { registered, TimezoneString })
            {
                if (!string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
                {
                    return zone;
                }
            }

            return double.TryParse(GmtOffset, System.Globalization.CultureInfo.InvariantCulture, out var hours) && hours != 0
                ? TimeZoneInfo.CreateCustomTimeZone($"UTC{hours:+0.##;-0.##}", TimeSpan.FromHours(hours), null, null)
                : TimeZoneInfo.Utc;
        }
    }

    private async Task<bool> HposAuthoritativeAsync(MySqlConnection connection, MySqlTransaction transaction, CancellationToken ct)
    {
        await using var command = new MySqlCommand(
            $"SELECT option_value FROM `{shop.TablePrefix}options` WHERE option_name = 'woocommerce_custom_orders_table_enabled'", connection, transaction);
        // A missing option means HPOS was never switched on: the legacy store is authoritative.
        return await command.ExecuteScalarAsync(ct) as string == "yes";
    }

    // A guest checkout with the email of an account is that account's holder (user_email compares case-insensitively).
    private const string Customer = "COALESCE(NULLIF(t.customer_id, 0), u.ID, 0)";

    private const string PersonKey =
        "CONVERT(IF(" + Customer + " > 0, CONCAT('customer:', " + Customer + "), IF(TRIM(COALESCE(t.email, '')) = '', CONCAT('order:', t.id), CONCAT('guest:', LOWER(TRIM(t.email))))) USING utf8mb4) COLLATE utf8mb4_bin";

    /// <summary>
    /// Wraps the platform's per-order rows (<paramref name="orders"/>, aliased t) with the person they belong to and their
    /// rank within that person, newest first; only each person's newest order looks up the account's residence fallbacks,
    /// as only it decides the residence. Rows come ordered by person, newest first, as <see cref="PersonAssembler"/> reads them.
    /// </summary>
    private string PeopleQuery(string orders)
    {
        var p = shop.TablePrefix;
        const string latestCustomer = "IF(t.latest = 1, NULLIF(t.customer, 0), NULL)";
        return $"""
            SELECT t.id, t.customer_id, t.email, t.created, t.ip_address, t.payment_method, t.first_name, t.last_name, t.company, t.address_1,
                   t.address_2, t.city, t.state, t.postcode, t.country, t.phone, t.shipping_country, t.shipping_state, t.card_last4,
                   ac.meta_value, ast.meta_value, cl.country, cl.state, t.person_key
            FROM (
                SELECT t.*, {Customer} AS customer, {PersonKey} AS person_key,
                       ROW_NUMBER() OVER (PARTITION BY {PersonKey} ORDER BY t.created DESC, t.id DESC) AS latest
                FROM ({orders}) t
                LEFT JOIN `{p}users` u ON t.customer_id = 0 AND u.user_email = TRIM(t.email)
            ) t
            LEFT JOIN `{p}usermeta` ac ON ac.user_id = {latestCustomer} AND ac.meta_key = 'billing_country'
            LEFT JOIN `{p}usermeta` ast ON ast.user_id = {latestCustomer} AND ast.meta_key = 'billing_state'
            LEFT JOIN `{p}wc_customer_lookup` cl ON cl.user_id = {latestCustomer}
            ORDER BY t.person_key, t.latest
            """;
    }

    private MySqlCommand HposQuery(MySqlConnection connection, ScopeRequest request)
    {
        var p = shop.TablePrefix;
        var orders = $"""
            SELECT o.id, o.customer_id, o.billing_email AS email, o.date_created_gmt AS created, o.ip_address, o.payment_method,
                   b.first_name, b.last_name, b.company, b.address_1, b.address_2, b.city, b.state, b.postcode, b.country, b.phone,
                   s.country AS shipping_country, s.state AS shipping_state,
                   NULL AS card_last4
            FROM `{p}wc_orders` o
            LEFT JOIN `{p}wc_order_addresses` b ON b.order_id = o.id AND b.address_type = 'billing'
            LEFT JOIN `{p}wc_order_addresses` s ON s.order_id = o.id AND s.address_type = 'shipping'
            WHERE o.type = 'shop_order' AND o.status NOT IN ({NotPlaced})
              AND o.date_created_gmt >= @from AND o.date_created_gmt < @to
            """;
        return Window(new MySqlCommand(PeopleQuery(orders), connection), request);
    }

    // Every local time on Earth lies between UTC-12 and UTC+14 (WordPress's manual offsets too).
    private static readonly TimeSpan WestmostOffset = TimeSpan.FromHours(-12), EastmostOffset = TimeSpan.FromHours(14);

    private MySqlCommand LegacyQuery(MySqlConnection connection, ScopeRequest request)
    {
        var p = shop.TablePrefix;
        string Max(string key) => $"MAX(IF(m.meta_key = '{key}', m.meta_value, NULL))";
        string Meta(string key, string alias) => $"{Max(key)} AS {alias}";
        // post_date is site-local and indexed (type_status_date); post_date_gmt is exact. The local bounds let the index
        // narrow the scan, widened to every zone on Earth: the registered or WordPress zone may be wrong, or may have changed
        // since an order was placed, and must not drop anyone at the window's edges. The UTC bounds decide.
        var orders = $"""
            SELECT po.ID AS id, CAST(COALESCE({Max("_customer_user")}, '0') AS UNSIGNED) AS customer_id,
                   {Meta("_billing_email", "email")}, po.post_date_gmt AS created, {Meta("_customer_ip_address", "ip_address")},
                   {Meta("_payment_method", "payment_method")},
                   {Meta("_billing_first_name", "first_name")}, {Meta("_billing_last_name", "last_name")}, {Meta("_billing_company", "company")},
                   {Meta("_billing_address_1", "address_1")}, {Meta("_billing_address_2", "address_2")}, {Meta("_billing_city", "city")},
                   {Meta("_billing_state", "state")}, {Meta("_billing_postcode", "postcode")}, {Meta("_billing_country", "country")},
                   {Meta("_billing_phone", "phone")}, {Meta("_shipping_country", "shipping_country")}, {Meta("_shipping_state", "shipping_state")},
                   NULL AS card_last4
            FROM `{p}posts` po
            JOIN `{p}postmeta` m ON m.post_id = po.ID AND m.meta_key IN ('_customer_user', '_billing_email', '_customer_ip_address',
                '_payment_method', '_billing_first_name', '_billing_last_name', '_billing_company', '_billing_address_1', '_billing_address_2',
                '_billing_city', '_billing_state', '_billing_postcode', '_billing_country', '_billing_phone', '_shipping_country',
                '_shipping_state')
            WHERE po.post_type = 'shop_order' AND po.post_status NOT IN ({NotPlaced})
              AND po.post_date >= @fromLocal AND po.post_date < @toLocal
              AND po.post_date_gmt >= @from AND po.post_date_gmt < @to
            GROUP BY po.ID, po.post_date_gmt
            """;
        var command = Window(new MySqlCommand(PeopleQuery(orders), connection), request);
        command.Parameters.AddWithValue("@fromLocal", request.From.UtcDateTime + WestmostOffset);
        command.Parameters.AddWithValue("@toLocal", request.To.UtcDateTime + EastmostOffset);
        return command;
    }

    private static MySqlCommand Window(MySqlCommand command, ScopeRequest request)
    {
        command.Parameters.AddWithValue("@from", request.From.UtcDateTime);
        command.Parameters.AddWithValue("@to", request.To.UtcDateTime);
        return command;
    }

    // Columns by position, in the order of the SELECTs above.
    private static OrderRow ToRow(MySqlDataReader r)
    {
        string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        var billing = new ShopAddress(S(6) ?? "", S(7) ?? "", S(8), S(9) ?? "", S(10), S(11) ?? "", S(12), S(13) ?? "", S(14) ?? "", S(2), S(15));
        return new OrderRow(
            r.GetString(23),
            Convert.ToInt64(r.GetValue(0)),
            new DateTimeOffset(DateTime.SpecifyKind(r.GetDateTime(3), DateTimeKind.Utc)),
            S(2),
            billing,
            S(4),
            S(5),
            S(18),
            false,
            new ResidenceRules.Candidate("account billing address", S(19), S(20)),
            new ResidenceRules.Candidate("customer lookup", S(21), S(22)),
            new ResidenceRules.Candidate("order shipping address", S(16), S(17)));
    }
}
