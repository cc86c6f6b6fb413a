using CaseManagement.Shops.Schema;
using CaseManagement.Shops.Tests.Infrastructure;
using FluentAssertions;

namespace CaseManagement.Shops.Tests.Generation;

public sealed class the_shop_schema(ShopDatabaseFixture fixture) : IClassFixture<ShopDatabaseFixture>
{
    private ShopDatabase Shop => fixture.Database;

    [Theory]
    [InlineData("wp_")]
    [InlineData("shop7_")]
    public async Task wooCommerce_tables_have_the_real_columns_and_indexes(string prefix)
    {
        await Shop.CreateSchemaAsync(ShopPlatform.WooCommerce, prefix);
        await Shop.CreateSchemaAsync(ShopPlatform.WooCommerce, prefix); // idempotent

        var tables = await Shop.TablesAsync();
        string[] expected =
        [
            "options", "users", "usermeta", "posts", "postmeta", "comments", "woocommerce_api_keys", "wc_webhooks",
            "woocommerce_sessions", "woocommerce_payment_tokens", "woocommerce_payment_tokenmeta", "wc_customer_lookup",
            "wc_order_stats", "actionscheduler_actions", "wc_orders", "wc_order_addresses", "wc_order_operational_data", "wc_orders_meta",
        ];
        tables.Should().Contain(expected.Select(t => prefix + t));
        ShopSchema.TableNames(ShopPlatform.WooCommerce, prefix).Should().BeEquivalentTo(expected.Select(t => prefix + t));

        var posts = await Shop.ColumnsAsync(prefix + "posts");
        posts.Should().Contain(new Dictionary<string, string>
        {
            ["ID"] = "bigint(20) unsigned",
            ["post_date"] = "datetime",
            ["post_date_gmt"] = "datetime",
            ["post_type"] = "varchar(20)",
            ["post_status"] = "varchar(20)",
            ["post_parent"] = "bigint(20) unsigned",
        });
        (await Shop.IndexAsync(prefix + "posts", "type_status_date")).Should().Be(Index("post_type", "post_status", "post_date", "ID"));
        (await Shop.IndexAsync(prefix + "postmeta", "post_id")).Should().Be(Index("post_id"));
        (await Shop.IndexAsync(prefix + "postmeta", "meta_key")).Should().Be(Index("meta_key(191)"));
        (await Shop.IndexAsync(prefix + "usermeta", "user_id")).Should().Be(Index("user_id"));
        (await Shop.IndexAsync(prefix + "usermeta", "meta_key")).Should().Be(Index("meta_key(191)"));
        (await Shop.IndexAsync(prefix + "options", "option_name")).Should().Be(Unique("option_name"));
        (await Shop.IndexAsync(prefix + "users", "user_email")).Should().Be(Index("user_email"));
        (await Shop.IndexAsync(prefix + "comments", "comment_author_email")).Should().Be(Index("comment_author_email(10)"));

        (await Shop.ColumnsAsync(prefix + "wc_orders")).Should().Contain(new Dictionary<string, string>
        {
            ["id"] = "bigint(20) unsigned",
            ["customer_id"] = "bigint(20) unsigned",
            ["billing_email"] = "varchar(320)",
            ["ip_address"] = "varchar(100)",
            ["date_created_gmt"] = "datetime",
        });
        (await Shop.IndexAsync(prefix + "wc_orders", "type_status_date")).Should().Be(Index("type", "status", "date_created_gmt"));
        (await Shop.IndexAsync(prefix + "wc_orders", "customer_id_billing_email")).Should().Be(Index("customer_id", "billing_email(171)"));
        (await Shop.IndexAsync(prefix + "wc_orders", "billing_email")).Should().Be(Index("billing_email(191)"));
        (await Shop.IndexAsync(prefix + "wc_orders", "parent_order_id")).Should().Be(Index("parent_order_id"));
        (await Shop.IndexAsync(prefix + "wc_order_addresses", "address_type_order_id")).Should().Be(Unique("address_type", "order_id"));
        (await Shop.IndexAsync(prefix + "wc_order_addresses", "email")).Should().Be(Index("email(191)"));
        (await Shop.IndexAsync(prefix + "wc_order_addresses", "phone")).Should().Be(Index("phone"));
        (await Shop.IndexAsync(prefix + "wc_order_operational_data", "order_id")).Should().Be(Unique("order_id"));
        (await Shop.IndexAsync(prefix + "wc_customer_lookup", "user_id")).Should().Be(Unique("user_id"));
        (await Shop.IndexAsync(prefix + "wc_customer_lookup", "email")).Should().Be(Index("email"));
        (await Shop.IndexAsync(prefix + "wc_order_stats", "idx_date_paid_status_parent")).Should().Be(Index("date_paid", "status", "parent_id"));
        (await Shop.ColumnsAsync(prefix + "woocommerce_api_keys")).Should().Contain(new Dictionary<string, string>
        {
            ["consumer_key"] = "char(64)",
            ["consumer_secret"] = "char(43)",
            ["truncated_key"] = "char(7)",
            ["last_access"] = "datetime",
        });
    }

    [Fact]
    public async Task a_shop_that_never_enabled_HPOS_has_no_order_tables()
    {
        await Shop.CreateWooCommerceSchemaAsync("legacy_", includeHposTables: false);

        var tables = await Shop.TablesAsync();

        tables.Should().Contain(["legacy_posts", "legacy_postmeta", "legacy_wc_order_stats"]);
        tables.Should().NotContain(t => t.StartsWith("legacy_wc_order", StringComparison.Ordinal) && t != "legacy_wc_order_stats");
        tables.Should().NotContain("legacy_wc_orders");
    }

    [Theory]
    [InlineData("")]
    [InlineData("m2_")]
    public async Task magento_tables_have_the_real_columns_and_indexes(string prefix)
    {
        await Shop.CreateSchemaAsync(ShopPlatform.Magento, prefix);
        await Shop.CreateSchemaAsync(ShopPlatform.Magento, prefix);

        var tables = await Shop.TablesAsync();
        string[] expected =
        [
            "store_website", "store", "customer_entity", "customer_address_entity", "directory_country_region", "sales_order",
            "sales_order_address", "sales_order_payment", "quote", "quote_address", "admin_user", "authorization_role",
            "authorization_rule", "admin_user_session", "integration", "oauth_consumer", "oauth_token", "jwt_auth_revoked",
            "vault_payment_token", "persistent_session", "magento_bulk", "queue_message", "core_config_data", "cms_block", "cms_page",
        ];
        tables.Should().Contain(expected.Select(t => prefix + t));

        (await Shop.ColumnsAsync(prefix + "sales_order")).Should().Contain(new Dictionary<string, string>
        {
            ["entity_id"] = "int(10) unsigned",
            ["customer_id"] = "int(10) unsigned",
            ["customer_is_guest"] = "smallint(5) unsigned",
            ["customer_email"] = "varchar(128)",
            ["remote_ip"] = "varchar(45)",
            ["created_at"] = "timestamp",
        });
        (await Shop.IndexAsync(prefix + "sales_order", "SALES_ORDER_CREATED_AT")).Should().Be(Index("created_at"));
        (await Shop.IndexAsync(prefix + "sales_order", "SALES_ORDER_CUSTOMER_ID")).Should().Be(Index("customer_id"));
        (await Shop.IndexAsync(prefix + "sales_order", "SALES_ORDER_STORE_ID")).Should().Be(Index("store_id"));
        (await Shop.IndexAsync(prefix + "sales_order", "SALES_ORDER_INCREMENT_ID_STORE_ID")).Should().Be(Unique("increment_id", "store_id"));
        (await Shop.IndexAsync(prefix + "sales_order", "SALES_ORDER_CUSTOMER_EMAIL_CUSTOMER_IS_GUEST_STORE_ID"))
            .Should().Be(Index("customer_email", "customer_is_guest", "store_id"));
        (await Shop.IndexAsync(prefix + "sales_order_address", "SALES_ORDER_ADDRESS_PARENT_ID")).Should().Be(Index("parent_id"));
        (await Shop.ColumnsAsync(prefix + "sales_order_address")).Should().Contain(new Dictionary<string, string>
        {
            ["country_id"] = "varchar(2)",
            ["region_id"] = "int(11)",
            ["telephone"] = "varchar(255)",
            ["email"] = "varchar(255)",
        });
        (await Shop.ColumnsAsync(prefix + "sales_order_payment")).Should().Contain("cc_last_4", "varchar(100)");
        (await Shop.IndexAsync(prefix + "customer_entity", "CUSTOMER_ENTITY_EMAIL_WEBSITE_ID")).Should().Be(Unique("email", "website_id"));
        (await Shop.ColumnsAsync(prefix + "customer_entity")).Should().Contain(new Dictionary<string, string>
        {
            ["dob"] = "date",
            ["default_billing"] = "int(10) unsigned",
            ["lock_expires"] = "timestamp",
            ["session_cutoff"] = "timestamp",
        });
        (await Shop.ColumnsAsync(prefix + "customer_address_entity")).Should().Contain("street", "text");
        (await Shop.ColumnsAsync(prefix + "admin_user_session")).Should().Contain("ip", "varchar(15)");
        (await Shop.IndexAsync(prefix + "jwt_auth_revoked", "PRIMARY")).Should().Be(Unique("user_type_id", "user_id"));
        (await Shop.IndexAsync(prefix + "vault_payment_token", "VAULT_PAYMENT_TOKEN_PUBLIC_HASH")).Should().Be(Unique("public_hash"));
        (await Shop.ColumnsAsync(prefix + "cms_block")).Should().Contain(new Dictionary<string, string>
        {
            ["block_id"] = "smallint(6)",
            ["identifier"] = "varchar(255)",
            ["content"] = "mediumtext",
            ["is_active"] = "smallint(6)",
        });
        (await Shop.IndexAsync(prefix + "cms_block", "CMS_BLOCK_TITLE_IDENTIFIER_CONTENT")).Should().Be(Index("title", "identifier", "content"));
        (await Shop.ColumnsAsync(prefix + "cms_page")).Should().Contain(new Dictionary<string, string>
        {
            ["page_id"] = "smallint(6)",
            ["identifier"] = "varchar(100)",
            ["content"] = "mediumtext",
            ["custom_layout_update_xml"] = "text",
            ["custom_theme_from"] = "date",
        });
        (await Shop.IndexAsync(prefix + "cms_page", "CMS_PAGE_IDENTIFIER")).Should().Be(Index("identifier"));
    }

    [Fact]
    public async Task magento_regions_have_the_ids_of_a_real_install()
    {
        await Shop.CreateSchemaAsync(ShopPlatform.Magento, "regions_");
        await Shop.CreateSchemaAsync(ShopPlatform.Magento, "regions_");

        var regions = (await Shop.QueryAsync("SELECT region_id, country_id, code, default_name FROM regions_directory_country_region"))
            .ToDictionary(r => Convert.ToInt64(r["region_id"]), r => ($"{r["country_id"]}", $"{r["code"]}", $"{r["default_name"]}"));

        regions.Should().HaveCount(94, "65 US regions, 13 Canadian and 16 German, each once despite the second run");
        regions[12].Should().Be(("US", "CA", "California"));
        regions[43].Should().Be(("US", "NY", "New York"));
        regions[57].Should().Be(("US", "TX", "Texas"));
        regions[74].Should().Be(("CA", "ON", "Ontario"));
        regions[76].Should().Be(("CA", "QC", "Quebec"));
        regions[81].Should().Be(("DE", "BY", "Bayern"));
        regions[94].Should().Be(("DE", "TH", "Thüringen"));
    }

    [Fact]
    public async Task drop_removes_only_the_platforms_tables_for_the_prefix()
    {
        await Shop.CreateSchemaAsync(ShopPlatform.WooCommerce, "gone_");
        await Shop.CreateSchemaAsync(ShopPlatform.WooCommerce, "kept_");
        await using (var connection = await Shop.OpenAsync())
        {
            await ShopSchema.DropAsync(connection, ShopPlatform.WooCommerce, "gone_");
        }

        var tables = await Shop.TablesAsync();
        tables.Should().NotContain(t => t.StartsWith("gone_", StringComparison.Ordinal));
        tables.Should().Contain("kept_posts");
    }

    [Fact]
    public async Task the_read_only_user_can_read_but_not_write()
    {
        await Shop.CreateSchemaAsync(ShopPlatform.WooCommerce, "ro_");
        await Shop.ExecuteAsync("INSERT INTO ro_options (option_name, option_value) VALUES ('blogname', 'Shop')");

        (await Shop.ScalarAsync<string>("SELECT option_value FROM ro_options WHERE option_name = 'blogname'")).Should().Be("Shop");
        await using var connection = await Shop.OpenReadOnlyAsync();
        await using var command = new MySqlConnector.MySqlCommand("DELETE FROM ro_options", connection);
        await command.Invoking(c => c.ExecuteNonQueryAsync()).Should().ThrowAsync<MySqlConnector.MySqlException>();
    }

    [Theory]
    [InlineData("wp-")]
    [InlineData("wp_; DROP TABLE x")]
    [InlineData("a`b")]
    public void prefixes_are_limited_to_what_WordPress_allows(string prefix) =>
        FluentActions.Invoking(() => ShopSchema.ValidatePrefix(prefix)).Should().Throw<ArgumentException>();

    private static string Index(params string[] columns) => $"({string.Join(",", columns)})";

    private static string Unique(params string[] columns) => $"UNIQUE ({string.Join(",", columns)})";
}
