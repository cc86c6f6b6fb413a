using System.Runtime.CompilerServices;
using CaseManagement.Shops.Model;
using MySqlConnector;

namespace CaseManagement.Shops.Scoping;

/// <summary>
/// Scoping on Magento 2: orders by sales_order.created_at (UTC; the session runs in UTC), the order's billing
/// address first, then the customer's default billing address, then shipping. A guest checkout with the
/// email of an account on the same website is that account's holder; other guests, and orders whose customer
/// was deleted (customer_id NULL), are one person per lower-cased email per website, because Magento keeps
/// emails unique per website only.
/// </summary>
public sealed class MagentoScoper(ShopConnectionSettings shop, TimeSpan? statementTimeout = null) : IShopScoper
{
    public async IAsyncEnumerable<AffectedPerson> AffectedPeopleAsync(ScopeRequest request, IProgress<ScopeProgress>? progress,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var rows = ShopQuery.StreamAsync(shop, statementTimeout, async (connection, transaction, token) =>
        {
            await ShopQuery.UseSortBufferAsync(connection, transaction, token);
            return Query(connection, request);
        }, ToRow, ct);
        await foreach (var person in PersonAssembler.AssembleAsync(rows, request.DataCategories, progress, ct))
        {
            yield return person;
        }
    }

    // A guest checkout with the email of an account on the same website is that account's holder.
    private const string Customer = "COALESCE(o.customer_id, ge.entity_id)";

    private const string PersonKey =
        "CONVERT(IF(" + Customer + " IS NOT NULL, CONCAT('customer:', " + Customer + "), IF(TRIM(COALESCE(o.customer_email, '')) = '', " +
        "CONCAT('order:', o.entity_id), CONCAT('guest:', COALESCE(st.website_id, 0), ':', LOWER(TRIM(o.customer_email))))) USING utf8mb4) COLLATE utf8mb4_bin";

    // Each person's rows, newest first; only the newest order looks up the account (default billing address, date of
    // birth), as only it decides the residence and the account is the same on every row.
    private MySqlCommand Query(MySqlConnection connection, ScopeRequest request)
    {
        var p = shop.TablePrefix;
        var sql = $"""
            SELECT t.entity_id, t.customer_email, t.created_at, t.remote_ip, t.method, t.cc_last_4,
                   t.firstname, t.lastname, t.company, t.street, t.city, t.region, t.postcode, t.country_id, t.telephone,
                   t.shipping_country, t.shipping_region,
                   ca.country_id, COALESCE(car.code, ca.region),
                   (t.customer_dob IS NOT NULL OR ce.dob IS NOT NULL),
                   t.person_key
            FROM (
                SELECT o.entity_id, o.customer_email, o.created_at, o.remote_ip, o.customer_dob, pay.method, pay.cc_last_4,
                       b.firstname, b.lastname, b.company, b.street, b.city, COALESCE(br.code, b.region) AS region, b.postcode, b.country_id, b.telephone,
                       s.country_id AS shipping_country, COALESCE(sr.code, s.region) AS shipping_region,
                       {Customer} AS customer, {PersonKey} AS person_key,
                       ROW_NUMBER() OVER (PARTITION BY {PersonKey} ORDER BY o.created_at DESC, o.entity_id DESC) AS latest
                FROM `{p}sales_order` o
                LEFT JOIN `{p}store` st ON st.store_id = o.store_id
                LEFT JOIN `{p}sales_order_address` b ON b.parent_id = o.entity_id AND b.address_type = 'billing'
                LEFT JOIN `{p}directory_country_region` br ON br.region_id = b.region_id
                LEFT JOIN `{p}sales_order_address` s ON s.parent_id = o.entity_id AND s.address_type = 'shipping'
                LEFT JOIN `{p}directory_country_region` sr ON sr.region_id = s.region_id
                LEFT JOIN `{p}sales_order_payment` pay ON pay.parent_id = o.entity_id
                LEFT JOIN `{p}customer_entity` ge ON o.customer_id IS NULL AND ge.email = TRIM(o.customer_email) AND ge.website_id = st.website_id
                WHERE o.created_at >= @from AND o.created_at < @to
            ) t
            LEFT JOIN `{p}customer_entity` ce ON ce.entity_id = IF(t.latest = 1, t.customer, NULL)
            LEFT JOIN `{p}customer_address_entity` ca ON ca.entity_id = ce.default_billing
            LEFT JOIN `{p}directory_country_region` car ON car.region_id = ca.region_id
            ORDER BY t.person_key, t.latest
            """;
        var command = new MySqlCommand(sql, connection);
        command.Parameters.AddWithValue("@from", request.From.UtcDateTime);
        command.Parameters.AddWithValue("@to", request.To.UtcDateTime);
        return command;
    }

    private static OrderRow ToRow(MySqlDataReader r)
    {
        string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        // Magento keeps street lines in one text column, separated by newlines.
        var street = (S(9) ?? "").Split('\n', 2);
        var billing = new ShopAddress(S(6) ?? "", S(7) ?? "", S(8), street[0], street.Length > 1 ? street[1] : null, S(10) ?? "", S(11), S(12) ?? "",
            S(13) ?? "", S(1), S(14));
        return new OrderRow(
            r.GetString(20),
            Convert.ToInt64(r.GetValue(0)),
            new DateTimeOffset(DateTime.SpecifyKind(r.GetDateTime(2), DateTimeKind.Utc)),
            S(1),
            billing,
            S(3),
            S(4),
            S(5),
            Convert.ToInt64(r.GetValue(19)) != 0,
            new ResidenceRules.Candidate("account default billing address", S(17), S(18)),
            default,
            new ResidenceRules.Candidate("order shipping address", S(15), S(16)));
    }
}
