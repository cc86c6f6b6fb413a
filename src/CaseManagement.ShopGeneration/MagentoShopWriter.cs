using System.Globalization;
using System.Text.Json;
using CaseManagement.Shops.Model;
using CaseManagement.Shops.Schema;
using MySqlConnector;

namespace CaseManagement.ShopGeneration;

/// <param name="TablePrefix">Magento's optional <c>db/table_prefix</c> ("" when none).</param>
/// <param name="TimeZone">IANA id stored as general/locale/timezone; Magento's own timestamps are UTC regardless.</param>
public sealed record MagentoWriterOptions(string TablePrefix = "", string TimeZone = "UTC")
{
    /// <summary>Websites 1..n, each with one store group and one store view whose id equals the website id.</summary>
    public int Websites { get; init; } = 1;

    public string Currency { get; init; } = "USD";

    public string BaseUrl { get; init; } = "https://shop.example/";

    /// <summary>Orders or customers per transaction.</summary>
    public int BatchSize { get; init; } = 2000;

    /// <summary>Batches written at once, each on its own connection (clones of the caller's); one core each on the server.</summary>
    public int Parallelism { get; init; } = Math.Clamp(Environment.ProcessorCount, 1, 4);
}

/// <summary>
/// Writes customers and orders into Magento 2 tables as Magento stores them: customer_entity with its
/// default billing/shipping addresses, region_id from directory_country_region where the region is known
/// (region text only otherwise), and sales_order with its addresses and payment. Guests have a NULL
/// customer_id and customer_is_guest = 1. Magento has no refund order: a refund closes the original order
/// (state and status "closed") and books the refunded amount, as a credit memo does.
/// </summary>
/// <remarks>
/// Refunds are kept (order id, amount, date) until the end of an order import. Ids are derived, not read back: sales_order.entity_id is the order id, its billing and shipping
/// addresses are 2·id−1 and 2·id, the payment row shares the order id, and a customer's addresses are
/// 2·id−1 (billing) and 2·id (a different shipping address).
/// </remarks>
public sealed class MagentoShopWriter : ShopWriter
{
    private const ulong ProtectCodeSalt = 0x7063;
    private const ulong PasswordSalt = 0x7077;
    private const ulong SaltSalt = 0x736c;
    private const ulong GenderSalt = 0x6764;
    private const ulong TransactionSalt = 0x7478;
    private const ulong TokenSalt = 0x746b;
    private const ulong ExpirySalt = 0x6578;
    private const ulong ItemsSalt = 0x6974;

    private readonly Dictionary<(string Country, string Code), (long Id, string Name)> regions = [];
    private readonly List<(long OrderId, decimal Amount, DateTime At)> refunds = [];

    private readonly MultiRowInsert customers;
    private readonly MultiRowInsert customerAddresses;
    private readonly MultiRowInsert salesOrders;
    private readonly MultiRowInsert orderAddresses;
    private readonly MultiRowInsert payments;
    private readonly MultiRowInsert vaultTokens;

    public MagentoShopWriter(MySqlConnection connection, MagentoWriterOptions options)
        : base(connection, options.BatchSize, options.Parallelism)
    {
        ArgumentNullException.ThrowIfNull(options);
        ShopSchema.ValidatePrefix(options.TablePrefix);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Websites, 1);
        Options = options;

        customers = MultiRowInsert.Values(Table("customer_entity"), "entity_id", "website_id", "email", "group_id", "store_id", "created_at", "updated_at", "is_active", "disable_auto_group_change", "created_in", "firstname", "lastname", "dob", "password_hash", "default_billing", "default_shipping", "gender", "failures_num");
        customerAddresses = MultiRowInsert.Values(Table("customer_address_entity"), "entity_id", "parent_id", "created_at", "updated_at", "is_active", "city", "company", "country_id", "firstname", "lastname", "postcode", "region", "region_id", "street", "telephone");
        salesOrders = MultiRowInsert.Values(Table("sales_order"), "entity_id", "state", "status", "protect_code", "shipping_description", "is_virtual", "store_id", "customer_id", "base_discount_amount", "base_grand_total", "base_shipping_amount", "base_subtotal", "base_tax_amount", "base_to_global_rate", "base_to_order_rate", "base_total_paid", "discount_amount", "grand_total", "shipping_amount", "subtotal", "tax_amount", "total_paid", "total_qty_ordered", "customer_is_guest", "customer_note_notify", "billing_address_id", "customer_group_id", "email_sent", "send_email", "shipping_address_id", "base_total_due", "total_due", "weight", "increment_id", "base_currency_code", "customer_email", "customer_firstname", "customer_lastname", "global_currency_code", "order_currency_code", "remote_ip", "shipping_method", "store_currency_code", "store_name", "created_at", "updated_at", "total_item_count");
        orderAddresses = MultiRowInsert.Values(Table("sales_order_address"), "entity_id", "parent_id", "region_id", "customer_id", "region", "postcode", "lastname", "street", "city", "email", "telephone", "country_id", "firstname", "address_type", "company");
        payments = MultiRowInsert.Values(Table("sales_order_payment"), "entity_id", "parent_id", "base_shipping_amount", "shipping_amount", "base_amount_paid", "amount_paid", "base_amount_ordered", "amount_ordered", "method", "cc_last_4", "cc_type", "cc_exp_month", "cc_exp_year", "last_trans_id", "additional_information");
        // The table's unique keys (method, customer, gateway token) and public_hash dedupe saved cards.
        vaultTokens = MultiRowInsert.Values(Table("vault_payment_token"), ["customer_id", "public_hash", "payment_method_code", "type", "created_at", "expires_at", "gateway_token", "details", "is_active", "is_visible"], ignoreDuplicates: true);
    }

    public MagentoWriterOptions Options { get; }

    /// <summary>Writes the admin and default websites, store groups and store views, base configuration and the Administrators role.</summary>
    public override async Task WriteSiteAsync(CancellationToken cancellationToken = default)
    {
        var websites = MultiRowInsert.Values(Table("store_website"), ["website_id", "code", "name", "sort_order", "default_group_id", "is_default"], ignoreDuplicates: true);
        var groups = MultiRowInsert.Values(Table("store_group"), ["group_id", "website_id", "name", "root_category_id", "default_store_id", "code"], ignoreDuplicates: true);
        var stores = MultiRowInsert.Values(Table("store"), ["store_id", "code", "website_id", "group_id", "name", "sort_order", "is_active"], ignoreDuplicates: true);
        websites.Row().Int(0).Str("admin").Str("Admin").Int(0).Int(0).Int(0).End();
        groups.Row().Int(0).Int(0).Str("Default").Int(0).Int(0).Str("default").End();
        stores.Row().Int(0).Str("admin").Int(0).Int(0).Str("Admin").Int(0).Int(1).End();
        for (var id = 1; id <= Options.Websites; id++)
        {
            var (website, group, store) = StoreNames(id);
            websites.Row().Int(id).Str(id == 1 ? "base" : $"website_{id}").Str(website).Int(0).Int(id).Int(id == 1 ? 1 : 0).End();
            groups.Row().Int(id).Int(id).Str(group).Int(2).Int(id).Str(id == 1 ? "main_website_store" : $"store_group_{id}").End();
            stores.Row().Int(id).Str(id == 1 ? "default" : $"store_{id}").Int(id).Int(id).Str(store).Int(0).Int(1).End();
        }

        var config = MultiRowInsert.Values(Table("core_config_data"), ["scope", "scope_id", "path", "value"], ignoreDuplicates: true);
        foreach (var (path, value) in new[]
                 {
                     ("general/locale/timezone", Options.TimeZone),
                     ("general/locale/code", "en_US"),
                     ("general/country/default", "US"),
                     ("currency/options/base", Options.Currency),
                     ("currency/options/default", Options.Currency),
                     ("currency/options/allow", Options.Currency),
                     ("web/unsecure/base_url", Options.BaseUrl),
                     ("web/secure/base_url", Options.BaseUrl),
                     ("customer/account_share/scope", "1"),
                 })
        {
            config.Row().Str("default").Int(0).Str(path).Str(value).End();
        }

        var roles = MultiRowInsert.Values(Table("authorization_role"), ["role_id", "parent_id", "tree_level", "sort_order", "role_type", "user_id", "user_type", "role_name"], ignoreDuplicates: true);
        roles.Row().Int(1).Int(0).Int(1).Int(1).Str("G").Int(0).Str("2").Str("Administrators").End();
        var rules = MultiRowInsert.Values(Table("authorization_rule"), ["rule_id", "role_id", "resource_id", "privileges", "permission"], ignoreDuplicates: true);
        rules.Row().Int(1).Int(1).Str("Magento_Backend::all").Str(null).Str("allow").End();

        await PrepareSessionAsync(cancellationToken);
        await using var read = new MySqlCommand("SELECT @@SESSION.sql_mode", Connection);
        var sqlMode = Convert.ToString(await read.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) ?? "";

        // Magento's installer inserts id 0 (admin website and store); AUTO_INCREMENT columns accept 0 only in this mode.
        var withZeroIds = string.Join(',', sqlMode.Split(',', StringSplitOptions.RemoveEmptyEntries).Append("NO_AUTO_VALUE_ON_ZERO").Distinct());
        var statements = new List<string> { $"SET SESSION sql_mode = {MultiRowInsert.Quote(withZeroIds)}" };
        foreach (var insert in new[] { websites, groups, stores, config, roles, rules })
        {
            insert.DrainTo(statements);
        }

        statements.Add($"SET SESSION sql_mode = {MultiRowInsert.Quote(sqlMode)}");
        await ExecuteAsync(statements, cancellationToken);
    }

    private protected override Task BeginCustomersAsync(CancellationToken cancellationToken) => LoadRegionsAsync(cancellationToken);

    private protected override Task BeginOrdersAsync(CancellationToken cancellationToken) => LoadRegionsAsync(cancellationToken);

    private protected override void AddCustomer(ShopCustomer customer)
    {
        var createdUtc = customer.RegisteredAt.UtcDateTime;
        long? billingId = customer.Billing is null ? null : customer.Id * 2 - 1;
        long? shippingId = customer.Shipping switch
        {
            null => billingId,
            { } shipping when customer.Billing is { } billing && SameAddress(billing, shipping) => billingId,
            _ => customer.Id * 2,
        };
        var gender = StableRandom.Below(customer.Id, GenderSalt, 4);
        customers.Row()
            .Int(customer.Id)
            .Int(customer.WebsiteId)
            .Str(customer.Email)
            .Int(1)
            .Int(customer.WebsiteId)
            .Date(createdUtc)
            .Date(createdUtc)
            .Int(1)
            .Int(0)
            .Str(StoreNames(customer.WebsiteId).Store)
            .Str(customer.FirstName)
            .Str(customer.LastName)
            .Date(customer.DateOfBirth?.ToDateTime(TimeOnly.MinValue))
            .Str($"{StableRandom.HexString(customer.Id, PasswordSalt, 64)}:{StableRandom.Alnum(customer.Id, SaltSalt, 32)}:3_32_2_67108864")
            .Int(billingId)
            .Int(shippingId)
            .Int(gender == 0 ? null : gender)
            .Int(0)
            .End();

        if (customer.Billing is { } billingAddress)
        {
            AddCustomerAddress(customer.Id * 2 - 1, customer.Id, billingAddress, createdUtc);
        }

        if (customer.Shipping is { } shippingAddress && shippingId == customer.Id * 2)
        {
            AddCustomerAddress(customer.Id * 2, customer.Id, shippingAddress, createdUtc);
        }
    }

    private protected override List<string> TakeCustomerStatements()
    {
        var statements = new List<string>();
        customers.DrainTo(statements);
        customerAddresses.DrainTo(statements);
        return statements;
    }

    private protected override void AddOrder(ShopOrder order)
    {
        var createdUtc = order.CreatedAt.UtcDateTime;
        if (order.IsRefund)
        {
            refunds.Add((order.ParentOrderId ?? throw new ArgumentException($"Refund {order.Id} names no parent order.", nameof(order)), -order.Total, createdUtc));
            return;
        }

        var amounts = OrderAmounts.Of(order);
        var (state, status) = ShopVocabulary.MagentoState(order.Status);
        var paid = ShopVocabulary.IsPaid(order.Status);
        var (method, methodTitle) = ShopVocabulary.MagentoMethod(order.PaymentMethod);
        var ccType = ShopVocabulary.MagentoCardType(order.CardType);
        var guest = order.CustomerId is null;
        var billingId = order.Id * 2 - 1;
        long? shippingId = order.Shipping is null ? null : order.Id * 2;
        var items = 1 + StableRandom.Below(order.Id, ItemsSalt, 4);
        var (website, group, store) = StoreNames(order.StoreId);

        salesOrders.Row()
            .Int(order.Id)
            .Str(state)
            .Str(status)
            .Str(StableRandom.HexString(order.Id, ProtectCodeSalt, 32))
            .Str(order.Shipping is null ? null : "Flat Rate - Fixed")
            .Int(order.Shipping is null ? 1 : 0)
            .Int(order.StoreId)
            .Int(order.CustomerId)
            .Dec(0m)
            .Dec(order.Total)
            .Dec(amounts.Shipping)
            .Dec(amounts.Subtotal(order.Total))
            .Dec(amounts.Tax)
            .Dec(1m)
            .Dec(1m)
            .Dec(paid ? order.Total : null)
            .Dec(0m)
            .Dec(order.Total)
            .Dec(amounts.Shipping)
            .Dec(amounts.Subtotal(order.Total))
            .Dec(amounts.Tax)
            .Dec(paid ? order.Total : null)
            .Dec(items)
            .Int(guest ? 1 : 0)
            .Int(1)
            .Int(billingId)
            .Int(guest ? 0 : 1)
            .Int(1)
            .Int(1)
            .Int(shippingId)
            .Dec(paid ? 0m : order.Total)
            .Dec(paid ? 0m : order.Total)
            .Dec(order.Shipping is null ? null : items * 1.5m)
            .Str(IncrementId(order))
            .Str(Options.Currency)
            .Str(order.Email)
            .Str(order.Billing.FirstName)
            .Str(order.Billing.LastName)
            .Str(Options.Currency)
            .Str(Options.Currency)
            .Str(order.IpAddress)
            .Str(order.Shipping is null ? null : "flatrate_flatrate")
            .Str(Options.Currency)
            .Str($"{website}\n{group}\n{store}")
            .Date(createdUtc)
            .Date(createdUtc)
            .Int(items)
            .End();

        AddOrderAddress(billingId, order, order.Billing, "billing");
        if (order.Shipping is { } shipping)
        {
            AddOrderAddress(order.Id * 2, order, shipping, "shipping");
        }

        var expiry = createdUtc.AddMonths(6 + StableRandom.Below(order.Id, ExpirySalt, 48));
        var card = order.CardLast4 is not null;
        payments.Row()
            .Int(order.Id)
            .Int(order.Id)
            .Dec(amounts.Shipping)
            .Dec(amounts.Shipping)
            .Dec(paid ? order.Total : null)
            .Dec(paid ? order.Total : null)
            .Dec(order.Total)
            .Dec(order.Total)
            .Str(method)
            .Str(order.CardLast4)
            .Str(ccType)
            .Str(card ? expiry.Month.ToString(CultureInfo.InvariantCulture) : null)
            .Str(card ? expiry.Year.ToString(CultureInfo.InvariantCulture) : null)
            .Str(paid ? StableRandom.Alnum(order.Id, TransactionSalt, 8).ToLowerInvariant() : null)
            .Str(JsonSerializer.Serialize(card
                ? new Dictionary<string, string> { ["cc_type"] = ccType ?? "", ["cc_last4"] = order.CardLast4!, ["method_title"] = methodTitle }
                : new Dictionary<string, string> { ["method_title"] = methodTitle }))
            .End();

        if (card && order.CustomerId is { } customerId && order.PaymentMethod == ShopVocabulary.CardPayment)
        {
            var cardSalt = TokenSalt ^ StableRandom.Fold(order.CardLast4!);
            vaultTokens.Row()
                .Int(customerId)
                .Str(StableRandom.HexString(customerId, cardSalt, 64))
                .Str(method)
                .Str("card")
                .Date(createdUtc)
                .Date(new DateTime(expiry.Year, expiry.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1))
                .Str(StableRandom.Alnum(customerId, cardSalt, 7).ToLowerInvariant())
                .Str($$"""{"type":"{{ccType}}","maskedCC":"{{order.CardLast4}}","expirationDate":"{{expiry.Month:D2}}\/{{expiry.Year}}"}""")
                .Int(1)
                .Int(1)
                .End();
        }
    }

    private protected override List<string> TakeOrderStatements()
    {
        var statements = new List<string>();
        salesOrders.DrainTo(statements);
        orderAddresses.DrainTo(statements);
        payments.DrainTo(statements);
        vaultTokens.DrainTo(statements);
        return statements;
    }

    /// <summary>
    /// A credit memo closes the order and adds to its refunded totals. Refunds are applied once every batch is
    /// committed, because batches run side by side and a refund's order may sit in one still being written.
    /// </summary>
    private protected override List<string> StatementsAfterOrders()
    {
        var statements = refunds
            .GroupBy(r => r.OrderId)
            .Select(g => (OrderId: g.Key, Amount: g.Sum(r => r.Amount), At: g.Max(r => r.At)))
            .Chunk(BatchSize)
            .SelectMany(RefundStatements)
            .ToList();
        refunds.Clear();
        return statements;
    }

    private IEnumerable<string> RefundStatements((long OrderId, decimal Amount, DateTime At)[] byOrder)
    {
        var ids = string.Join(',', byOrder.Select(r => r.OrderId.ToString(CultureInfo.InvariantCulture)));
        string Amounts(string key) =>
            $"CASE {key} {string.Join(' ', byOrder.Select(r => $"WHEN {r.OrderId} THEN {r.Amount.ToString(CultureInfo.InvariantCulture)}"))} END";
        var at = $"CASE entity_id {string.Join(' ', byOrder.Select(r => $"WHEN {r.OrderId} THEN '{r.At.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}'"))} END";
        var refunded = Amounts("entity_id");
        yield return $"""
            UPDATE `{Table("sales_order")}` SET state = 'closed', status = 'closed',
              total_refunded = COALESCE(total_refunded, 0) + {refunded}, base_total_refunded = COALESCE(base_total_refunded, 0) + {refunded},
              total_online_refunded = COALESCE(total_online_refunded, 0) + {refunded}, base_total_online_refunded = COALESCE(base_total_online_refunded, 0) + {refunded},
              updated_at = {at}
            WHERE entity_id IN ({ids})
            """;
        var paymentRefunded = Amounts("parent_id");
        yield return $"""
            UPDATE `{Table("sales_order_payment")}` SET amount_refunded = COALESCE(amount_refunded, 0) + {paymentRefunded},
              base_amount_refunded = COALESCE(base_amount_refunded, 0) + {paymentRefunded}
            WHERE parent_id IN ({ids})
            """;
    }

    private void AddCustomerAddress(long id, long customerId, ShopAddress address, DateTime createdUtc)
    {
        var (regionId, region) = Region(address);
        customerAddresses.Row()
            .Int(id)
            .Int(customerId)
            .Date(createdUtc)
            .Date(createdUtc)
            .Int(1)
            .Str(address.City)
            .Str(address.Company)
            .Str(address.Country)
            .Str(address.FirstName)
            .Str(address.LastName)
            .Str(address.Postcode)
            .Str(region)
            .Int(regionId)
            .Str(Street(address))
            .Str(address.Phone ?? "")
            .End();
    }

    private void AddOrderAddress(long id, ShopOrder order, ShopAddress address, string type)
    {
        var (regionId, region) = Region(address);
        orderAddresses.Row()
            .Int(id)
            .Int(order.Id)
            .Int(regionId)
            .Int(order.CustomerId)
            .Str(region)
            .Str(address.Postcode)
            .Str(address.LastName)
            .Str(Street(address))
            .Str(address.City)
            .Str(order.Email)
            .Str(address.Phone)
            .Str(address.Country)
            .Str(address.FirstName)
            .Str(type)
            .Str(address.Company)
            .End();
    }

    /// <summary>
    /// Magento stores the region's name with its id when the country has a region list; otherwise the text
    /// as entered. WooCommerce-style codes such as "DE-BY" are matched without their country part.
    /// </summary>
    private (long? Id, string? Name) Region(ShopAddress address)
    {
        if (string.IsNullOrEmpty(address.State))
        {
            return (null, null);
        }

        var code = address.State.StartsWith(address.Country + "-", StringComparison.OrdinalIgnoreCase)
            ? address.State[(address.Country.Length + 1)..]
            : address.State;
        return regions.TryGetValue((address.Country.ToUpperInvariant(), code.ToUpperInvariant()), out var known)
            ? (known.Id, known.Name)
            : (null, address.State);
    }

    private async Task LoadRegionsAsync(CancellationToken cancellationToken)
    {
        if (regions.Count > 0)
        {
            return;
        }

        await using var command = new MySqlCommand(
            $"SELECT region_id, country_id, code, default_name FROM `{Table("directory_country_region")}` ORDER BY region_id",
            Connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (reader.IsDBNull(2))
            {
                continue;
            }

            // Several US military regions share a code ("AE"); the first, as Magento's lookup by code returns, wins.
            regions.TryAdd(
                (reader.GetString(1).ToUpperInvariant(), reader.GetString(2).ToUpperInvariant()),
                (Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), reader.IsDBNull(3) ? reader.GetString(2) : reader.GetString(3)));
        }
    }

    private string Table(string name) => Options.TablePrefix + name;

    // Store 1 numbers orders 000000001, 000000002, ...; further stores prefix their id.
    private static string IncrementId(ShopOrder order) =>
        (order.StoreId == 1 ? "" : order.StoreId.ToString(CultureInfo.InvariantCulture)) + order.Id.ToString("D9", CultureInfo.InvariantCulture);

    private static (string Website, string Group, string Store) StoreNames(int id) =>
        id == 1 ? ("Main Website", "Main Website Store", "Default Store View") : ($"Website {id}", $"Store {id}", $"Store View {id}");

    private static string Street(ShopAddress address) =>
        string.IsNullOrEmpty(address.Street2) ? address.Street1 : $"{address.Street1}\n{address.Street2}";

    private static bool SameAddress(ShopAddress a, ShopAddress b) =>
        a with { Email = null } == b with { Email = null };
}
