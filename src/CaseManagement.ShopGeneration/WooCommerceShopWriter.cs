using System.Globalization;
using CaseManagement.Shops.Model;
using CaseManagement.Shops.Php;
using CaseManagement.Shops.Schema;
using MySqlConnector;

namespace CaseManagement.ShopGeneration;

/// <summary>
/// Writes customers and orders into WordPress/WooCommerce tables as WooCommerce's own data stores do:
/// customers are users with the customer role and billing_/shipping_ usermeta; orders go to the store
/// <see cref="WooCommerceWriterOptions.OrderStorage"/> names, with site-local post_date beside UTC
/// post_date_gmt, customer 0 for guests, and placeholder posts under HPOS. Writing orders also fills the
/// Analytics tables (wc_customer_lookup for customers and guests, wc_order_stats) and saves the card of a
/// registered customer's card payment as a payment token.
/// </summary>
/// <remarks>
/// wc_customer_lookup ids are assigned here in order of each shopper's first order (guests deduped by e-mail,
/// case-insensitively, as WooCommerce Analytics does), so wc_order_stats can name them without a look-up per
/// row. The writer therefore remembers one id per customer and guest e-mail, and the (customer, card) pairs
/// it saved as payment tokens; existing rows are read once before the first order. That is the only state
/// that grows with the data.
/// </remarks>
public sealed class WooCommerceShopWriter : ShopWriter
{
    private const ulong OrderKeySalt = 0x6f6b;
    private const ulong TransactionSalt = 0x7478;
    private const ulong PasswordSalt = 0x7077;
    private const ulong AgentSalt = 0x7561;
    private const ulong CartHashSalt = 0x6368;
    private const ulong TokenSalt = 0x746b;
    private const ulong ItemsSalt = 0x6974;
    private const string ZeroDate = "0000-00-00 00:00:00";

    private static readonly string[] UserAgents =
    [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Safari/537.36",
    ];

    private static readonly string CustomerCapabilities = PhpSerializer.Serialize(PhpArray.Map(("customer", true)));

    private readonly TimeZoneInfo siteTimeZone;
    private readonly bool writesHposTables;
    private readonly bool writesPostCopies;
    private readonly Dictionary<long, long> customerLookupIds = [];
    private readonly Dictionary<string, long> guestLookupIds = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<(long UserId, string Last4)> savedCards = [];
    private readonly HashSet<long> usersWithSavedCard = [];
    private long nextLookupId = 1;
    private long nextTokenId = 1;

    private readonly MultiRowInsert users;
    private readonly MultiRowInsert usermeta;
    private readonly MultiRowInsert customerLookup;
    private readonly MultiRowInsert orders;
    private readonly MultiRowInsert addresses;
    private readonly MultiRowInsert operationalData;
    private readonly MultiRowInsert ordersMeta;
    private readonly MultiRowInsert posts;
    private readonly MultiRowInsert postmeta;
    private readonly MultiRowInsert orderStats;
    private readonly MultiRowInsert tokens;
    private readonly MultiRowInsert tokenmeta;

    public WooCommerceShopWriter(MySqlConnection connection, WooCommerceWriterOptions options)
        : base(connection, options.BatchSize, options.Parallelism)
    {
        ArgumentNullException.ThrowIfNull(options);
        ShopSchema.ValidatePrefix(options.TablePrefix);
        Options = options;
        siteTimeZone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        writesHposTables = options.OrderStorage != WooCommerceOrderStorage.Legacy;
        writesPostCopies = options.OrderStorage != WooCommerceOrderStorage.Hpos;

        users = MultiRowInsert.Values(Table("users"), "ID", "user_login", "user_pass", "user_nicename", "user_email", "user_url", "user_registered", "user_activation_key", "user_status", "display_name");
        usermeta = MultiRowInsert.Values(Table("usermeta"), "user_id", "meta_key", "meta_value");
        customerLookup = MultiRowInsert.Values(Table("wc_customer_lookup"), "customer_id", "user_id", "username", "first_name", "last_name", "email", "date_last_active", "date_registered", "country", "postcode", "city", "state", "billing_phone", "shipping_phone");
        orders = MultiRowInsert.Values(Table("wc_orders"), "id", "status", "currency", "type", "tax_amount", "total_amount", "customer_id", "billing_email", "date_created_gmt", "date_updated_gmt", "parent_order_id", "payment_method", "payment_method_title", "transaction_id", "ip_address", "user_agent", "customer_note");
        addresses = MultiRowInsert.Values(Table("wc_order_addresses"), "order_id", "address_type", "first_name", "last_name", "company", "address_1", "address_2", "city", "state", "postcode", "country", "email", "phone");
        operationalData = MultiRowInsert.Values(Table("wc_order_operational_data"), "order_id", "created_via", "woocommerce_version", "prices_include_tax", "coupon_usages_are_counted", "download_permission_granted", "cart_hash", "new_order_email_sent", "order_key", "order_stock_reduced", "date_paid_gmt", "date_completed_gmt", "shipping_tax_amount", "shipping_total_amount", "discount_tax_amount", "discount_total_amount", "recorded_sales");
        ordersMeta = MultiRowInsert.Values(Table("wc_orders_meta"), "order_id", "meta_key", "meta_value");
        posts = MultiRowInsert.Values(Table("posts"), "ID", "post_author", "post_date", "post_date_gmt", "post_content", "post_title", "post_excerpt", "post_status", "comment_status", "ping_status", "post_password", "post_name", "to_ping", "pinged", "post_modified", "post_modified_gmt", "post_content_filtered", "post_parent", "guid", "menu_order", "post_type", "post_mime_type", "comment_count");
        postmeta = MultiRowInsert.Values(Table("postmeta"), "post_id", "meta_key", "meta_value");
        orderStats = MultiRowInsert.Values(Table("wc_order_stats"), "order_id", "parent_id", "date_created", "date_created_gmt", "date_paid", "date_completed", "num_items_sold", "total_sales", "tax_total", "shipping_total", "net_total", "returning_customer", "status", "customer_id");
        tokens = MultiRowInsert.Values(Table("woocommerce_payment_tokens"), "token_id", "gateway_id", "token", "user_id", "type", "is_default");
        tokenmeta = MultiRowInsert.Values(Table("woocommerce_payment_tokenmeta"), "payment_token_id", "meta_key", "meta_value");
    }

    public WooCommerceWriterOptions Options { get; }

    /// <summary>
    /// Writes the options that describe the site: URLs, time zone, active plugins, roles, currency and the
    /// HPOS switches matching <see cref="WooCommerceWriterOptions.OrderStorage"/>.
    /// </summary>
    public override async Task WriteSiteAsync(CancellationToken cancellationToken = default)
    {
        var hpos = Options.OrderStorage != WooCommerceOrderStorage.Legacy;
        var sync = Options.OrderStorage == WooCommerceOrderStorage.HposWithSync;
        var rows = new List<(string Name, string Value)>
        {
            ("siteurl", Options.SiteUrl),
            ("home", Options.SiteUrl),
            ("blogname", "Synthetic Shop"),
            ("admin_email", "admin@shop.example"),
            ("timezone_string", Options.TimeZone),
            ("gmt_offset", GmtOffset(siteTimeZone)),
            ("active_plugins", PhpSerializer.Serialize(PhpArray.List("woocommerce/woocommerce.php"))),
            (Options.TablePrefix + "user_roles", PhpSerializer.Serialize(UserRoles())),
            ("woocommerce_version", Options.WooCommerceVersion),
            ("woocommerce_db_version", Options.WooCommerceVersion),
            ("woocommerce_currency", Options.Currency),
            ("woocommerce_custom_orders_table_enabled", hpos ? "yes" : "no"),
            ("woocommerce_custom_orders_table_data_sync_enabled", sync ? "yes" : "no"),
        };
        if (hpos)
        {
            rows.Add(("woocommerce_custom_orders_table_created", "yes"));
        }

        var insert = MultiRowInsert.Values(Table("options"), "option_name", "option_value", "autoload");
        foreach (var (name, value) in rows)
        {
            insert.Row().Str(name).Str(value).Str("on").End();
        }

        var statements = new List<string>();
        insert.DrainTo(statements);
        await PrepareSessionAsync(cancellationToken);
        await ExecuteAsync(
            statements.Select(s => s + " ON DUPLICATE KEY UPDATE option_value = VALUES(option_value), autoload = VALUES(autoload)"),
            cancellationToken);
    }

    private protected override async Task BeginOrdersAsync(CancellationToken cancellationToken)
    {
        await using (var lookup = new MySqlCommand($"SELECT customer_id, user_id, email FROM `{Table("wc_customer_lookup")}`", Connection))
        await using (var reader = await lookup.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture);
                if (!reader.IsDBNull(1))
                {
                    customerLookupIds.TryAdd(Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture), id);
                }
                else if (!reader.IsDBNull(2))
                {
                    guestLookupIds.TryAdd(reader.GetString(2), id);
                }

                nextLookupId = Math.Max(nextLookupId, id + 1);
            }
        }

        await using (var cards = new MySqlCommand(
            $"""
            SELECT t.token_id, t.user_id, m.meta_value FROM `{Table("woocommerce_payment_tokens")}` t
            LEFT JOIN `{Table("woocommerce_payment_tokenmeta")}` m ON m.payment_token_id = t.token_id AND m.meta_key = 'last4'
            """,
            Connection))
        await using (var reader = await cards.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var userId = Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
                usersWithSavedCard.Add(userId);
                if (!reader.IsDBNull(2))
                {
                    savedCards.Add((userId, reader.GetString(2)));
                }

                nextTokenId = Math.Max(nextTokenId, Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture) + 1);
            }
        }
    }

    private protected override void AddCustomer(ShopCustomer customer)
    {
        var login = UserLogin(customer.Email);
        var registeredUtc = customer.RegisteredAt.UtcDateTime;
        users.Row()
            .Int(customer.Id)
            .Str(login)
            .Str("$wp$2y$10$" + StableRandom.Crypt(customer.Id, PasswordSalt, 53))
            .Str(UserNicename(login))
            .Str(customer.Email)
            .Str("")
            .Date(registeredUtc)
            .Str("")
            .Int(0)
            .Str($"{customer.FirstName} {customer.LastName}".Trim())
            .End();

        var registeredUnix = customer.RegisteredAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var lastActiveDay = new DateTimeOffset(registeredUtc.Date, TimeSpan.Zero).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        UserMeta(customer.Id, "nickname", login);
        UserMeta(customer.Id, "first_name", customer.FirstName);
        UserMeta(customer.Id, "last_name", customer.LastName);
        UserMeta(customer.Id, "description", "");
        UserMeta(customer.Id, "rich_editing", "true");
        UserMeta(customer.Id, "syntax_highlighting", "true");
        UserMeta(customer.Id, "comment_shortcuts", "false");
        UserMeta(customer.Id, "admin_color", "fresh");
        UserMeta(customer.Id, "use_ssl", "0");
        UserMeta(customer.Id, "show_admin_bar_front", "true");
        UserMeta(customer.Id, "locale", "");
        UserMeta(customer.Id, Options.TablePrefix + "capabilities", CustomerCapabilities);
        UserMeta(customer.Id, Options.TablePrefix + "user_level", "0");
        if (customer.Billing is { } billing)
        {
            UserMeta(customer.Id, "billing_first_name", billing.FirstName);
            UserMeta(customer.Id, "billing_last_name", billing.LastName);
            UserMeta(customer.Id, "billing_company", billing.Company ?? "");
            UserMeta(customer.Id, "billing_address_1", billing.Street1);
            UserMeta(customer.Id, "billing_address_2", billing.Street2 ?? "");
            UserMeta(customer.Id, "billing_city", billing.City);
            UserMeta(customer.Id, "billing_postcode", billing.Postcode);
            UserMeta(customer.Id, "billing_country", billing.Country);
            UserMeta(customer.Id, "billing_state", billing.State ?? "");
            UserMeta(customer.Id, "billing_phone", billing.Phone ?? "");
            UserMeta(customer.Id, "billing_email", billing.Email ?? customer.Email);
        }

        if (customer.Shipping is { } shipping)
        {
            UserMeta(customer.Id, "shipping_first_name", shipping.FirstName);
            UserMeta(customer.Id, "shipping_last_name", shipping.LastName);
            UserMeta(customer.Id, "shipping_company", shipping.Company ?? "");
            UserMeta(customer.Id, "shipping_address_1", shipping.Street1);
            UserMeta(customer.Id, "shipping_address_2", shipping.Street2 ?? "");
            UserMeta(customer.Id, "shipping_city", shipping.City);
            UserMeta(customer.Id, "shipping_postcode", shipping.Postcode);
            UserMeta(customer.Id, "shipping_country", shipping.Country);
            UserMeta(customer.Id, "shipping_state", shipping.State ?? "");
            UserMeta(customer.Id, "shipping_phone", shipping.Phone ?? "");
        }

        UserMeta(customer.Id, "last_update", registeredUnix);
        UserMeta(customer.Id, "wc_last_active", lastActiveDay);
    }

    private protected override List<string> TakeCustomerStatements()
    {
        var statements = new List<string>();
        users.DrainTo(statements);
        usermeta.DrainTo(statements);
        return statements;
    }

    private protected override void AddOrder(ShopOrder order)
    {
        var amounts = OrderAmounts.Of(order);
        var createdUtc = order.CreatedAt.UtcDateTime;
        var createdLocal = TimeZoneInfo.ConvertTimeFromUtc(createdUtc, siteTimeZone);
        var status = ShopVocabulary.WooCommerceStatus(order.Status);
        var paid = !order.IsRefund && ShopVocabulary.IsPaid(order.Status);
        var completed = !order.IsRefund && ShopVocabulary.IsCompleted(order.Status);
        var (gateway, gatewayTitle) = ShopVocabulary.WooCommerceGateway(order.PaymentMethod);
        var orderKey = "wc_order_" + StableRandom.Alnum(order.Id, OrderKeySalt, 13);
        var transactionId = paid ? TransactionId(order) : "";
        var userAgent = UserAgents[StableRandom.Below(order.Id, AgentSalt, UserAgents.Length)];

        var (lookupId, returning) = order.IsRefund ? (LookupIdOf(order), (bool?)null) : AddLookup(order, createdUtc);

        if (writesHposTables)
        {
            AddHposRows(order, amounts, status, gateway, gatewayTitle, transactionId, userAgent, orderKey, createdUtc, paid, completed);
        }

        if (writesPostCopies)
        {
            AddPostCopy(order, amounts, status, gateway, gatewayTitle, transactionId, userAgent, orderKey, createdUtc, createdLocal, paid, completed);
        }
        else
        {
            AddPlaceholderPost(order, createdUtc, createdLocal);
        }

        orderStats.Row()
            .Int(order.Id)
            .Int(order.ParentOrderId ?? 0)
            .Date(createdLocal)
            .Date(createdUtc)
            .Date(paid ? createdLocal : null)
            .Date(completed ? createdLocal : null)
            .Int(order.IsRefund ? -NumItems(order.ParentOrderId ?? 0) : NumItems(order.Id))
            .Dec(order.Total)
            .Dec(amounts.Tax)
            .Dec(amounts.Shipping)
            .Dec(amounts.Subtotal(order.Total))
            .Int(returning is null ? null : returning.Value ? 1 : 0)
            .Str(status)
            .Int(lookupId)
            .End();

        if (!order.IsRefund && order.CustomerId is { } userId && order.CardLast4 is { } last4
            && order.PaymentMethod == ShopVocabulary.CardPayment && savedCards.Add((userId, last4)))
        {
            AddSavedCard(userId, last4, order, createdUtc);
        }
    }

    private protected override List<string> TakeOrderStatements()
    {
        var statements = new List<string>();
        customerLookup.DrainTo(statements);
        orders.DrainTo(statements);
        addresses.DrainTo(statements);
        operationalData.DrainTo(statements);
        ordersMeta.DrainTo(statements);
        posts.DrainTo(statements);
        postmeta.DrainTo(statements);
        orderStats.DrainTo(statements);
        tokens.DrainTo(statements);
        tokenmeta.DrainTo(statements);
        return statements;
    }

    /// <summary>
    /// Customers who never ordered still get a wc_customer_lookup row, as WooCommerce Analytics imports
    /// registered customers too (they come last, so lookup ids differ from user ids as in a real shop), and
    /// date_last_active becomes each shopper's latest order.
    /// </summary>
    private protected override List<string> StatementsAfterOrders()
    {
        string Meta(string key, string alias) =>
            $"MAX(IF(meta_key = {MultiRowInsert.Quote(key)}, meta_value, NULL)) AS {alias}";

        return
        [
            $"""
            INSERT IGNORE INTO `{Table("wc_customer_lookup")}`
              (user_id, username, first_name, last_name, email, date_registered, country, postcode, city, state, billing_phone, shipping_phone)
            SELECT u.ID, u.user_login, COALESCE(m.first_name, ''), COALESCE(m.last_name, ''), u.user_email, u.user_registered,
              LEFT(COALESCE(m.country, ''), 2), LEFT(COALESCE(m.postcode, ''), 20), LEFT(COALESCE(m.city, ''), 100),
              LEFT(COALESCE(m.state, ''), 100), LEFT(COALESCE(m.billing_phone, ''), 100), LEFT(COALESCE(m.shipping_phone, ''), 100)
            FROM `{Table("users")}` u
            JOIN (
              SELECT user_id,
                {Meta(Options.TablePrefix + "capabilities", "capabilities")}, {Meta("first_name", "first_name")}, {Meta("last_name", "last_name")},
                {Meta("billing_country", "country")}, {Meta("billing_postcode", "postcode")}, {Meta("billing_city", "city")},
                {Meta("billing_state", "state")}, {Meta("billing_phone", "billing_phone")}, {Meta("shipping_phone", "shipping_phone")}
              FROM `{Table("usermeta")}`
              GROUP BY user_id
            ) m ON m.user_id = u.ID
            WHERE m.capabilities LIKE '%"customer"%'
            """,
            $"""
            UPDATE `{Table("wc_customer_lookup")}` l
            JOIN (SELECT customer_id, MAX(date_created_gmt) AS last_order FROM `{Table("wc_order_stats")}` GROUP BY customer_id) s
              ON s.customer_id = l.customer_id
            SET l.date_last_active = s.last_order
            """,
        ];
    }

    /// <summary>The shopper's analytics id, creating their wc_customer_lookup row on their first order.</summary>
    /// <returns>The id, and whether the shopper had ordered before (wc_order_stats.returning_customer).</returns>
    private (long Id, bool Returning) AddLookup(ShopOrder order, DateTime createdUtc)
    {
        if (order.CustomerId is { } userId ? customerLookupIds.TryGetValue(userId, out var known) : guestLookupIds.TryGetValue(order.Email, out known))
        {
            return (known, true);
        }

        var id = nextLookupId++;
        var billing = order.Billing;
        customerLookup.Row().Int(id);
        if (order.CustomerId is { } customerId)
        {
            customerLookupIds[customerId] = id;
            // Once per customer, so these look-ups cost nothing next to the orders.
            customerLookup
                .Int(customerId)
                .Raw($"COALESCE((SELECT user_login FROM `{Table("users")}` WHERE ID = {customerId}), '')");
        }
        else
        {
            guestLookupIds[order.Email] = id;
            customerLookup.Int(null).Str("");
        }

        customerLookup
            .Str(billing.FirstName)
            .Str(billing.LastName)
            .Str(order.Email)
            .Date(createdUtc)
            .Raw(order.CustomerId is { } registered ? $"(SELECT user_registered FROM `{Table("users")}` WHERE ID = {registered})" : "NULL")
            .Str(billing.Country)
            .Str(billing.Postcode)
            .Str(billing.City)
            .Str(billing.State ?? "")
            .Str(billing.Phone ?? "")
            .Str(order.Shipping?.Phone ?? "")
            .End();
        return (id, false);
    }

    // A refund counts against the shopper of the refunded order, who has a lookup row by then.
    private long LookupIdOf(ShopOrder refund) =>
        refund.CustomerId is { } userId ? customerLookupIds.GetValueOrDefault(userId) : guestLookupIds.GetValueOrDefault(refund.Email);

    private void AddHposRows(
        ShopOrder order, OrderAmounts amounts, string status, string gateway, string gatewayTitle, string transactionId,
        string userAgent, string orderKey, DateTime createdUtc, bool paid, bool completed)
    {
        // Refunds carry only amounts and the parent link; WooCommerce's refund data store writes no customer, payment or addresses.
        var refund = order.IsRefund;
        orders.Row()
            .Int(order.Id)
            .Str(status)
            .Str(Options.Currency)
            .Str(refund ? "shop_order_refund" : "shop_order")
            .Dec(amounts.Tax)
            .Dec(order.Total)
            .Int(refund ? null : order.CustomerId ?? 0)
            .Str(refund ? null : order.Email)
            .Date(createdUtc)
            .Date(createdUtc)
            .Int(order.ParentOrderId ?? 0)
            .Str(refund ? null : gateway)
            .Str(refund ? null : gatewayTitle)
            .Str(refund ? null : transactionId)
            .Str(refund ? null : order.IpAddress)
            .Str(refund ? null : userAgent)
            .Str(refund ? null : "")
            .End();

        if (!refund)
        {
            AddAddress(order.Id, "billing", order.Billing, order.Email);
            if (order.Shipping is { } shipping)
            {
                AddAddress(order.Id, "shipping", shipping, null);
            }
        }

        operationalData.Row()
            .Int(order.Id)
            .Str(refund ? null : "checkout")
            .Str(Options.WooCommerceVersion)
            .Int(0)
            .Int(1)
            .Int(refund ? null : 1)
            .Str(refund ? null : StableRandom.HexString(order.Id, CartHashSalt, 32))
            .Int(refund ? null : 1)
            .Str(refund ? null : orderKey)
            .Int(refund ? null : paid ? 1 : 0)
            .Date(paid ? createdUtc : null)
            .Date(completed ? createdUtc : null)
            .Dec(0m)
            .Dec(amounts.Shipping)
            .Dec(0m)
            .Dec(0m)
            .Int(refund ? null : paid ? 1 : 0)
            .End();

        if (refund)
        {
            OrderMeta(order.Id, "_refund_amount", Money(-order.Total));
            OrderMeta(order.Id, "_refunded_by", "1");
            OrderMeta(order.Id, "_refunded_payment", "1");
            OrderMeta(order.Id, "_refund_reason", "");
        }
        else
        {
            OrderMeta(order.Id, "_billing_address_index", AddressIndex(order.Billing, order.Email));
            OrderMeta(order.Id, "_shipping_address_index", order.Shipping is { } s ? AddressIndex(s, null) : "");
            OrderMeta(order.Id, "_wc_order_attribution_source_type", "typein");
        }
    }

    private void AddAddress(long orderId, string type, ShopAddress address, string? email) =>
        addresses.Row()
            .Int(orderId)
            .Str(type)
            .Str(address.FirstName)
            .Str(address.LastName)
            .Str(address.Company ?? "")
            .Str(address.Street1)
            .Str(address.Street2 ?? "")
            .Str(address.City)
            .Str(address.State ?? "")
            .Str(address.Postcode)
            .Str(address.Country)
            .Str(email)
            .Str(address.Phone ?? "")
            .End();

    private void AddPostCopy(
        ShopOrder order, OrderAmounts amounts, string status, string gateway, string gatewayTitle, string transactionId,
        string userAgent, string orderKey, DateTime createdUtc, DateTime createdLocal, bool paid, bool completed)
    {
        var refund = order.IsRefund;
        var postType = refund ? "shop_order_refund" : "shop_order";
        // WooCommerce titles orders with the site-local creation time; WordPress derives post_name from the title.
        var when = createdLocal.ToString("MMMM dd, yyyy @ hh:mm tt", CultureInfo.InvariantCulture);
        var title = $"{(refund ? "Refund" : "Order")} &ndash; {when}";
        var slug = $"{(refund ? "refund" : "order")}-{createdLocal.ToString("MMMM-dd-yyyy-hhmm-tt", CultureInfo.InvariantCulture).ToLowerInvariant()}";
        posts.Row()
            .Int(order.Id)
            .Int(1)
            .Date(createdLocal)
            .Date(createdUtc)
            .Str("")
            .Str(title)
            .Str("")
            .Str(status)
            .Str("closed")
            .Str("closed")
            .Str(refund ? "" : orderKey)
            .Str(slug)
            .Str("")
            .Str("")
            .Date(createdLocal)
            .Date(createdUtc)
            .Str("")
            .Int(order.ParentOrderId ?? 0)
            .Str($"{Options.SiteUrl}/?post_type={postType}&p={order.Id}")
            .Int(0)
            .Str(postType)
            .Str("")
            .Int(0)
            .End();

        var id = order.Id;
        if (refund)
        {
            PostMeta(id, "_order_currency", Options.Currency);
            PostMeta(id, "_cart_discount", "0");
            PostMeta(id, "_order_shipping", "0");
            PostMeta(id, "_order_tax", "0");
            PostMeta(id, "_order_total", Money(order.Total));
            PostMeta(id, "_order_version", Options.WooCommerceVersion);
            PostMeta(id, "_prices_include_tax", "no");
            PostMeta(id, "_refund_amount", Money(-order.Total));
            PostMeta(id, "_refunded_by", "1");
            PostMeta(id, "_refunded_payment", "1");
            PostMeta(id, "_refund_reason", "");
            return;
        }

        var billing = order.Billing;
        var shipping = order.Shipping;
        PostMeta(id, "_order_key", orderKey);
        PostMeta(id, "_customer_user", (order.CustomerId ?? 0).ToString(CultureInfo.InvariantCulture));
        PostMeta(id, "_order_currency", Options.Currency);
        PostMeta(id, "_prices_include_tax", "no");
        PostMeta(id, "_created_via", "checkout");
        PostMeta(id, "_order_version", Options.WooCommerceVersion);
        PostMeta(id, "_billing_first_name", billing.FirstName);
        PostMeta(id, "_billing_last_name", billing.LastName);
        PostMeta(id, "_billing_company", billing.Company ?? "");
        PostMeta(id, "_billing_address_1", billing.Street1);
        PostMeta(id, "_billing_address_2", billing.Street2 ?? "");
        PostMeta(id, "_billing_city", billing.City);
        PostMeta(id, "_billing_state", billing.State ?? "");
        PostMeta(id, "_billing_postcode", billing.Postcode);
        PostMeta(id, "_billing_country", billing.Country);
        PostMeta(id, "_billing_email", order.Email);
        PostMeta(id, "_billing_phone", billing.Phone ?? "");
        PostMeta(id, "_shipping_first_name", shipping?.FirstName ?? "");
        PostMeta(id, "_shipping_last_name", shipping?.LastName ?? "");
        PostMeta(id, "_shipping_company", shipping?.Company ?? "");
        PostMeta(id, "_shipping_address_1", shipping?.Street1 ?? "");
        PostMeta(id, "_shipping_address_2", shipping?.Street2 ?? "");
        PostMeta(id, "_shipping_city", shipping?.City ?? "");
        PostMeta(id, "_shipping_state", shipping?.State ?? "");
        PostMeta(id, "_shipping_postcode", shipping?.Postcode ?? "");
        PostMeta(id, "_shipping_country", shipping?.Country ?? "");
        PostMeta(id, "_shipping_phone", shipping?.Phone ?? "");
        PostMeta(id, "_payment_method", gateway);
        PostMeta(id, "_payment_method_title", gatewayTitle);
        PostMeta(id, "_transaction_id", transactionId);
        PostMeta(id, "_customer_ip_address", order.IpAddress ?? "");
        PostMeta(id, "_customer_user_agent", userAgent);
        PostMeta(id, "_cart_discount", "0");
        PostMeta(id, "_order_shipping", Money(amounts.Shipping));
        PostMeta(id, "_order_tax", Money(amounts.Tax));
        PostMeta(id, "_order_total", Money(order.Total));
        if (paid)
        {
            PostMeta(id, "_date_paid", new DateTimeOffset(createdUtc, TimeSpan.Zero).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
            PostMeta(id, "_paid_date", createdLocal.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        }

        if (completed)
        {
            PostMeta(id, "_date_completed", new DateTimeOffset(createdUtc, TimeSpan.Zero).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
            PostMeta(id, "_completed_date", createdLocal.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        }

        PostMeta(id, "_billing_address_index", AddressIndex(billing, order.Email));
        PostMeta(id, "_shipping_address_index", shipping is null ? "" : AddressIndex(shipping, null));
    }

    // With HPOS authoritative and sync off, WooCommerce still reserves the id with a bare draft post.
    private void AddPlaceholderPost(ShopOrder order, DateTime createdUtc, DateTime createdLocal) =>
        posts.Row()
            .Int(order.Id)
            .Int(order.IsRefund ? 1 : order.CustomerId ?? 0)
            .Date(createdLocal)
            .Str(ZeroDate)
            .Str("")
            .Str("")
            .Str("")
            .Str("draft")
            .Str("closed")
            .Str("closed")
            .Str("")
            .Str("")
            .Str("")
            .Str("")
            .Date(createdLocal)
            .Date(createdUtc)
            .Str("")
            .Int(0)
            .Str($"{Options.SiteUrl}/?post_type=shop_order_placehold&p={order.Id}")
            .Int(0)
            .Str("shop_order_placehold")
            .Str("")
            .Int(0)
            .End();

    private void AddSavedCard(long userId, string last4, ShopOrder order, DateTime createdUtc)
    {
        var tokenId = nextTokenId++;
        tokens.Row()
            .Int(tokenId)
            .Str("stripe")
            .Str("pm_" + StableRandom.Alnum(userId, TokenSalt ^ StableRandom.Fold(last4), 24))
            .Int(userId)
            .Str("CC")
            .Int(usersWithSavedCard.Add(userId) ? 1 : 0)
            .End();
        var expiry = createdUtc.AddMonths(12 + StableRandom.Below(tokenId, TokenSalt, 48));
        TokenMeta(tokenId, "last4", last4);
        TokenMeta(tokenId, "expiry_month", expiry.Month.ToString("D2", CultureInfo.InvariantCulture));
        TokenMeta(tokenId, "expiry_year", expiry.Year.ToString(CultureInfo.InvariantCulture));
        TokenMeta(tokenId, "card_type", order.CardType ?? ShopVocabulary.Visa);
    }

    private string TransactionId(ShopOrder order) => order.PaymentMethod switch
    {
        ShopVocabulary.CardPayment => "pi_" + StableRandom.Alnum(order.Id, TransactionSalt, 24),
        ShopVocabulary.PayPal => StableRandom.Alnum(order.Id, TransactionSalt, 17).ToUpperInvariant(),
        _ => "",
    };

    private void UserMeta(long userId, string key, string value) => usermeta.Row().Int(userId).Str(key).Str(value).End();

    private void PostMeta(long postId, string key, string value) => postmeta.Row().Int(postId).Str(key).Str(value).End();

    private void OrderMeta(long orderId, string key, string value) => ordersMeta.Row().Int(orderId).Str(key).Str(value).End();

    private void TokenMeta(long tokenId, string key, string value) => tokenmeta.Row().Int(tokenId).Str(key).Str(value).End();

    private string Table(string name) => Options.TablePrefix + name;

    private static int NumItems(long orderId) => 1 + StableRandom.Below(orderId, ItemsSalt, 4);

    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    // WooCommerce indexes the address for search as all its fields joined by spaces, empty ones included.
    private static string AddressIndex(ShopAddress address, string? email) =>
        string.Join(' ', address.FirstName, address.LastName, address.Company ?? "", address.Street1, address.Street2 ?? "",
            address.City, address.State ?? "", address.Postcode, address.Country, email ?? "", address.Phone ?? "");

    // wc_create_new_customer_username: the e-mail's local part, sanitize_user(strict) and lower-cased.
    private static string UserLogin(string email)
    {
        var local = email.Split('@')[0].ToLowerInvariant();
        var login = new string(local.Where(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '.' or '-').ToArray());
        return login.Length switch
        {
            0 => "customer",
            > 60 => login[..60],
            _ => login,
        };
    }

    // sanitize_title of the login: dots become dashes; at most 50 characters.
    private static string UserNicename(string login)
    {
        var nicename = login.Replace('.', '-');
        return nicename.Length > 50 ? nicename[..50] : nicename;
    }

    // WordPress keeps the offset in hours as PHP prints a float ("1", "5.5", "-3.5"); with a named
    // zone it recomputes the current offset at runtime, so the standard offset is what is stored here.
    private static string GmtOffset(TimeZoneInfo zone) =>
        zone.BaseUtcOffset.TotalHours.ToString("0.##", CultureInfo.InvariantCulture);

    private static PhpArray UserRoles()
    {
        static (PhpValue, PhpValue) Role(string role, string name, params string[] capabilities) =>
            (role, PhpArray.Map(("name", name), ("capabilities", PhpArray.Map(capabilities.Select(c => ((PhpValue)c, (PhpValue)true))))));

        string[] read = ["read", "level_0"];
        string[] contributor = [.. read, "edit_posts", "delete_posts", "level_1"];
        string[] author = [.. contributor, "upload_files", "edit_published_posts", "publish_posts", "delete_published_posts", "level_2"];
        string[] editor =
        [
            .. author, "moderate_comments", "manage_categories", "manage_links", "edit_others_posts", "edit_pages",
            "edit_others_pages", "edit_published_pages", "publish_pages", "delete_pages", "delete_others_pages",
            "delete_published_pages", "delete_others_posts", "delete_private_posts", "edit_private_posts",
            "read_private_posts", "delete_private_pages", "edit_private_pages", "read_private_pages", "unfiltered_html",
            "level_3", "level_4", "level_5", "level_6", "level_7",
        ];
        string[] shopManager =
        [
            .. editor, "level_8", "level_9", "list_users", "edit_theme_options", "export", "import",
            "manage_woocommerce", "view_woocommerce_reports", "edit_shop_orders", "read_shop_order", "edit_products",
        ];
        string[] administrator =
        [
            .. shopManager, "switch_themes", "edit_themes", "activate_plugins", "edit_plugins", "edit_users", "edit_files",
            "manage_options", "delete_users", "create_users", "unfiltered_upload", "edit_dashboard", "update_plugins",
            "delete_plugins", "install_plugins", "update_themes", "install_themes", "update_core", "remove_users",
            "promote_users", "delete_themes", "level_10",
        ];

        return PhpArray.Map(
            Role("administrator", "Administrator", administrator),
            Role("editor", "Editor", editor),
            Role("author", "Author", author),
            Role("contributor", "Contributor", contributor),
            Role("subscriber", "Subscriber", read),
            Role("customer", "Customer", "read"),
            Role("shop_manager", "Shop manager", shopManager));
    }
}
