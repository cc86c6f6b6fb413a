using CaseManagement.ShopGeneration;
using CaseManagement.Shops.Php;
using CaseManagement.Shops.Tests.Infrastructure;
using FluentAssertions;
using static CaseManagement.Shops.Tests.Generation.HandMadeShop;

namespace CaseManagement.Shops.Tests.Generation;

public sealed class the_woo_commerce_shop_writer(ShopDatabaseFixture fixture) : IClassFixture<ShopDatabaseFixture>
{
    private ShopDatabase Shop => fixture.Database;

    public static TheoryData<WooCommerceOrderStorage> Storages => [WooCommerceOrderStorage.Legacy, WooCommerceOrderStorage.Hpos, WooCommerceOrderStorage.HposWithSync];

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task options_make_the_order_storage_authoritative_and_parse_as_PHP(WooCommerceOrderStorage storage)
    {
        var p = await WriteHandMadeShopAsync(storage);

        (await Option(p, "woocommerce_custom_orders_table_enabled")).Should().Be(storage == WooCommerceOrderStorage.Legacy ? "no" : "yes");
        (await Option(p, "woocommerce_custom_orders_table_data_sync_enabled")).Should().Be(storage == WooCommerceOrderStorage.HposWithSync ? "yes" : "no");
        (await Option(p, "timezone_string")).Should().Be("Europe/Berlin");
        (await Option(p, "gmt_offset")).Should().Be("1");

        var activePlugins = await Option(p, "active_plugins");
        activePlugins.Should().Be("""a:1:{i:0;s:27:"woocommerce/woocommerce.php";}""");
        PhpSerializer.Deserialize(activePlugins!).Should().Be(PhpArray.List("woocommerce/woocommerce.php"));

        var roles = (PhpArray)PhpSerializer.Deserialize((await Option(p, p + "user_roles"))!);
        roles.Keys.Should().Contain([new PhpString("administrator"), new PhpString("customer"), new PhpString("shop_manager")]);
        var customerRole = (PhpArray)roles[new PhpString("customer")];
        customerRole[new PhpString("capabilities")].Should().Be(PhpArray.Map(("read", true)));
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task customers_are_users_with_the_customer_role_and_their_addresses_in_usermeta(WooCommerceOrderStorage storage)
    {
        var p = await WriteHandMadeShopAsync(storage);

        var users = await Shop.QueryAsync($"SELECT ID, user_login, user_email, user_registered, display_name FROM {p}users ORDER BY ID");
        users.Select(u => u["user_login"]).Should().Equal("anna.schmidt", "hanako");
        users[1]["display_name"].Should().Be("花子 山田");
        users[1]["user_registered"].Should().Be(new DateTime(2024, 2, 1, 3, 30, 0), "user_registered is UTC");

        var capabilities = await UserMeta(p, 2, p + "capabilities");
        capabilities.Should().Be("""a:1:{s:8:"customer";b:1;}""");
        PhpSerializer.Deserialize(capabilities!).Should().Be(PhpArray.Map(("customer", true)));
        (await UserMeta(p, 2, "billing_first_name")).Should().Be("花子");
        (await UserMeta(p, 2, "billing_company")).Should().Be("株式会社テスト");
        (await UserMeta(p, 2, "billing_state")).Should().Be("JP13");
        (await UserMeta(p, 1, "billing_country")).Should().Be("DE");
        (await UserMeta(p, 1, "billing_email")).Should().Be("anna.schmidt@example.com");
        (await UserMeta(p, 1, "shipping_address_1")).Should().Be("Torstraße 12");
        (await UserMeta(p, 2, "shipping_address_1")).Should().BeNull("Hanako never entered a shipping address");
    }

    [Fact]
    public async Task legacy_orders_are_posts_with_site_local_dates_and_postmeta()
    {
        var p = await WriteHandMadeShopAsync(WooCommerceOrderStorage.Legacy);

        (await Shop.TablesAsync()).Should().NotContain(p + "wc_orders");
        var late = (await Shop.QueryAsync($"SELECT * FROM {p}posts WHERE ID = 101")).Single();
        late["post_type"].Should().Be("shop_order");
        late["post_status"].Should().Be("wc-completed");
        late["post_date"].Should().Be(new DateTime(2024, 3, 6, 0, 15, 0), "post_date is Berlin time, already the next day");
        late["post_date_gmt"].Should().Be(new DateTime(2024, 3, 5, 23, 15, 0));
        late["post_title"].Should().Be("Order &ndash; March 06, 2024 @ 12:15 AM");
        late["post_name"].Should().Be("order-march-06-2024-1215-am");

        var refund = (await Shop.QueryAsync($"SELECT post_type, post_parent, post_status FROM {p}posts WHERE ID = 105")).Single();
        refund["post_type"].Should().Be("shop_order_refund");
        refund["post_parent"].Should().Be(104UL);
        (await PostMeta(p, 105, "_refund_amount")).Should().Be("120.00");
        (await PostMeta(p, 105, "_billing_email")).Should().BeNull("refunds carry no addresses");

        (await PostMeta(p, 101, "_customer_user")).Should().Be("1");
        (await PostMeta(p, 102, "_customer_user")).Should().Be("0", "a guest is customer 0");
        (await PostMeta(p, 103, "_billing_email")).Should().Be("mia.lopez@guest.example");
        (await PostMeta(p, 102, "_billing_state")).Should().Be("CA");
        (await PostMeta(p, 102, "_customer_ip_address")).Should().Be("203.0.113.7");
        (await PostMeta(p, 102, "_payment_method")).Should().Be("stripe");
        (await PostMeta(p, 102, "_transaction_id")).Should().StartWith("pi_");
        (await PostMeta(p, 104, "_billing_first_name")).Should().Be("花子");
        (await PostMeta(p, 104, "_order_total")).Should().Be("120.00");
        (await PostMeta(p, 103, "_shipping_address_1")).Should().Be("", "WooCommerce stores empty shipping fields for orders without shipping");
    }

    [Fact]
    public async Task hpos_orders_live_in_wc_orders_and_posts_keep_only_placeholders()
    {
        var p = await WriteHandMadeShopAsync(WooCommerceOrderStorage.Hpos);

        var orders = (await Shop.QueryAsync($"SELECT * FROM {p}wc_orders ORDER BY id")).ToDictionary(o => Convert.ToInt64(o["id"]));
        orders.Keys.Should().Equal(101, 102, 103, 104, 105);
        orders[101]["customer_id"].Should().Be(1UL);
        orders[102]["customer_id"].Should().Be(0UL, "a guest is customer 0");
        orders[102]["billing_email"].Should().Be("Mia.Lopez@Guest.example");
        orders[102]["ip_address"].Should().Be("203.0.113.7");
        orders[101]["date_created_gmt"].Should().Be(new DateTime(2024, 3, 5, 23, 15, 0));
        orders[101]["status"].Should().Be("wc-completed");
        orders[104]["status"].Should().Be("wc-refunded");
        orders[105]["type"].Should().Be("shop_order_refund");
        orders[105]["parent_order_id"].Should().Be(104UL);
        orders[105]["total_amount"].Should().Be(-120m);

        var addresses = await Shop.QueryAsync($"SELECT order_id, address_type, first_name, state, country, email, phone FROM {p}wc_order_addresses ORDER BY order_id, address_type");
        addresses.Select(a => $"{a["order_id"]}:{a["address_type"]}").Should().Equal(
            "101:billing", "101:shipping", "102:billing", "102:shipping", "103:billing", "104:billing", "104:shipping");
        addresses.Single(a => a["order_id"]!.Equals(104UL) && (string)a["address_type"]! == "billing")["first_name"].Should().Be("花子");
        addresses.Single(a => a["order_id"]!.Equals(102UL) && (string)a["address_type"]! == "billing")["email"].Should().Be("Mia.Lopez@Guest.example");

        (await Shop.ScalarAsync<string>($"SELECT order_key FROM {p}wc_order_operational_data WHERE order_id = 101")).Should().StartWith("wc_order_");

        var posts = await Shop.QueryAsync($"SELECT ID, post_type, post_status FROM {p}posts ORDER BY ID");
        posts.Select(x => Convert.ToInt64(x["ID"])).Should().Equal(101, 102, 103, 104, 105);
        posts.Should().OnlyContain(x => (string)x["post_type"]! == "shop_order_placehold" && (string)x["post_status"]! == "draft");
        (await Shop.ScalarAsync<long>($"SELECT COUNT(*) FROM {p}postmeta")).Should().Be(0);
    }

    [Fact]
    public async Task hpos_with_sync_keeps_full_copies_in_posts()
    {
        var p = await WriteHandMadeShopAsync(WooCommerceOrderStorage.HposWithSync);

        (await Shop.ScalarAsync<long>($"SELECT COUNT(*) FROM {p}wc_orders")).Should().Be(5);
        var posts = await Shop.QueryAsync($"SELECT ID, post_type, post_date, post_date_gmt FROM {p}posts ORDER BY ID");
        posts.Select(x => (string)x["post_type"]!).Should().Equal("shop_order", "shop_order", "shop_order", "shop_order", "shop_order_refund");
        posts[0]["post_date"].Should().Be(new DateTime(2024, 3, 6, 0, 15, 0));
        posts[0]["post_date_gmt"].Should().Be(new DateTime(2024, 3, 5, 23, 15, 0));
        (await PostMeta(p, 102, "_billing_email")).Should().Be("Mia.Lopez@Guest.example");
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task analytics_tables_count_the_returning_guest_once(WooCommerceOrderStorage storage)
    {
        var p = await WriteHandMadeShopAsync(storage);

        var lookup = await Shop.QueryAsync($"SELECT customer_id, user_id, username, email, country, date_last_active FROM {p}wc_customer_lookup ORDER BY customer_id");
        lookup.Should().HaveCount(3, "Anna, Mia (once, whatever the case of her e-mail) and Hanako");
        var mia = lookup.Single(l => l["user_id"] is null);
        mia["email"].Should().Be("Mia.Lopez@Guest.example");
        mia["date_last_active"].Should().Be(new DateTime(2024, 3, 8, 18, 45, 0));
        lookup.Single(l => Equals(l["user_id"], 2UL))["username"].Should().Be("hanako");
        lookup.Single(l => Equals(l["user_id"], 2UL))["customer_id"].Should().NotBe(2UL, "lookup ids follow first orders, not user ids");

        var stats = (await Shop.QueryAsync($"SELECT order_id, parent_id, customer_id, status, returning_customer, date_created, date_created_gmt FROM {p}wc_order_stats"))
            .ToDictionary(s => Convert.ToInt64(s["order_id"]));
        stats[102]["customer_id"].Should().Be(stats[103]["customer_id"]).And.Be(mia["customer_id"]);
        stats[102]["returning_customer"].Should().Be(false);
        stats[103]["returning_customer"].Should().Be(true);
        stats[105]["parent_id"].Should().Be(104UL);
        stats[105]["customer_id"].Should().Be(stats[104]["customer_id"]);
        stats[101]["date_created"].Should().Be(new DateTime(2024, 3, 6, 0, 15, 0));
        stats[101]["date_created_gmt"].Should().Be(new DateTime(2024, 3, 5, 23, 15, 0));
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task cards_of_registered_customers_become_payment_tokens(WooCommerceOrderStorage storage)
    {
        var p = await WriteHandMadeShopAsync(storage);

        var tokens = await Shop.QueryAsync(
            $"""
            SELECT t.user_id, t.gateway_id, t.type, t.is_default, m.meta_key, m.meta_value
            FROM {p}woocommerce_payment_tokens t JOIN {p}woocommerce_payment_tokenmeta m ON m.payment_token_id = t.token_id
            ORDER BY m.meta_key
            """);
        tokens.Should().OnlyContain(t => t["user_id"]!.Equals(2UL) && (string)t["type"]! == "CC", "Mia paid by card as a guest, which saves nothing");
        tokens.ToDictionary(t => (string)t["meta_key"]!, t => (string)t["meta_value"]!)
            .Should().Contain("last4", "5454").And.Contain("card_type", "mastercard").And.ContainKeys("expiry_month", "expiry_year");
    }

    private async Task<string> WriteHandMadeShopAsync(WooCommerceOrderStorage storage)
    {
        var prefix = storage switch
        {
            WooCommerceOrderStorage.Legacy => "wpl_",
            WooCommerceOrderStorage.Hpos => "wph_",
            _ => "wps_",
        };
        if ((await Shop.TablesAsync()).Contains(prefix + "options"))
        {
            return prefix;
        }

        await Shop.CreateWooCommerceSchemaAsync(prefix, includeHposTables: storage != WooCommerceOrderStorage.Legacy);
        await using var connection = await Shop.OpenAsync();
        // Batches of two, so the five orders span batches written side by side.
        var writer = new WooCommerceShopWriter(connection, new WooCommerceWriterOptions(prefix, "Europe/Berlin", storage) { BatchSize = 2, Parallelism = 2 });
        await writer.WriteSiteAsync();
        (await writer.WriteCustomersAsync(Customers)).Should().Be(2);
        (await writer.WriteOrdersAsync(Orders.ToAsyncEnumerable())).Should().Be(5);
        return prefix;
    }

    private Task<string?> Option(string prefix, string name) =>
        Shop.ScalarAsync<string>($"SELECT option_value FROM {prefix}options WHERE option_name = @name", ("@name", name));

    private Task<string?> UserMeta(string prefix, long userId, string key) =>
        Shop.ScalarAsync<string>($"SELECT meta_value FROM {prefix}usermeta WHERE user_id = @user AND meta_key = @key", ("@user", userId), ("@key", key));

    private Task<string?> PostMeta(string prefix, long postId, string key) =>
        Shop.ScalarAsync<string>($"SELECT meta_value FROM {prefix}postmeta WHERE post_id = @post AND meta_key = @key", ("@post", postId), ("@key", key));
}
