using CaseManagement.ShopGeneration;
using CaseManagement.Shops.Tests.Infrastructure;
using FluentAssertions;
using static CaseManagement.Shops.Tests.Generation.HandMadeShop;

namespace CaseManagement.Shops.Tests.Generation;

public sealed class the_magento_shop_writer(ShopDatabaseFixture fixture) : IClassFixture<ShopDatabaseFixture>
{
    private ShopDatabase Shop => fixture.Database;

    [Theory]
    [InlineData("")]
    [InlineData("m2_")]
    public async Task customers_get_default_addresses_with_known_regions_resolved(string p)
    {
        await WriteHandMadeShopAsync(p);

        var customers = (await Shop.QueryAsync($"SELECT * FROM {p}customer_entity ORDER BY entity_id")).ToDictionary(c => Convert.ToInt64(c["entity_id"]));
        customers[1]["email"].Should().Be("anna.schmidt@example.com");
        customers[1]["website_id"].Should().Be((ushort)1);
        customers[1]["dob"].Should().Be(new DateTime(1988, 4, 2));
        customers[1]["created_at"].Should().Be(new DateTime(2024, 1, 10, 9, 0, 0), "Magento timestamps are UTC");
        customers[1]["default_billing"].Should().Be(1U);
        customers[1]["default_shipping"].Should().Be(1U, "Anna ships to her billing address, which Magento keeps once");
        customers[2]["firstname"].Should().Be("花子");
        customers[2]["default_billing"].Should().Be(3U);
        customers[2]["default_shipping"].Should().Be(3U);

        var addresses = (await Shop.QueryAsync($"SELECT * FROM {p}customer_address_entity ORDER BY entity_id")).ToDictionary(a => Convert.ToInt64(a["entity_id"]));
        addresses.Keys.Should().Equal(1, 3);
        addresses[1]["parent_id"].Should().Be(1U);
        addresses[1]["region_id"].Should().Be(82U, "DE-BE is Berlin, region 82");
        addresses[1]["region"].Should().Be("Berlin");
        addresses[1]["street"].Should().Be("Torstraße 12\nHinterhaus");
        addresses[1]["telephone"].Should().Be("+49 30 1234567");
        addresses[3]["region_id"].Should().BeNull("Magento has no Japanese region list");
        addresses[3]["region"].Should().Be("JP13");
        addresses[3]["company"].Should().Be("株式会社テスト");
    }

    [Theory]
    [InlineData("")]
    [InlineData("m2_")]
    public async Task orders_keep_guests_emails_ips_and_payments_and_a_refund_closes_its_order(string p)
    {
        await WriteHandMadeShopAsync(p);

        var orders = (await Shop.QueryAsync($"SELECT * FROM {p}sales_order ORDER BY entity_id")).ToDictionary(o => Convert.ToInt64(o["entity_id"]));
        orders.Keys.Should().Equal([101, 102, 103, 104], "Magento has no refund order; the credit memo closes order 104");
        orders[101]["customer_id"].Should().Be(1U);
        orders[101]["customer_is_guest"].Should().Be((ushort)0);
        orders[101]["created_at"].Should().Be(new DateTime(2024, 3, 5, 23, 15, 0));
        orders[101]["remote_ip"].Should().Be("2a02:8108:1:2::5");
        orders[101]["increment_id"].Should().Be("000000101");
        orders[101]["state"].Should().Be("complete");
        orders[102]["customer_id"].Should().BeNull();
        orders[102]["customer_is_guest"].Should().Be((ushort)1);
        orders[102]["customer_email"].Should().Be("Mia.Lopez@Guest.example");
        orders[103]["customer_email"].Should().Be("mia.lopez@guest.example");
        orders[102]["state"].Should().Be("processing");
        orders[104]["state"].Should().Be("closed");
        orders[104]["status"].Should().Be("closed");
        orders[104]["total_refunded"].Should().Be(120m);
        orders[104]["customer_firstname"].Should().Be("花子");

        var addresses = await Shop.QueryAsync($"SELECT * FROM {p}sales_order_address ORDER BY parent_id, address_type");
        addresses.Select(a => $"{a["parent_id"]}:{a["address_type"]}").Should().Equal(
            "101:billing", "101:shipping", "102:billing", "102:shipping", "103:billing", "104:billing", "104:shipping");
        var miasBilling = addresses.First(a => a["parent_id"]!.Equals(102U));
        miasBilling["region_id"].Should().Be(12, "California is region 12");
        miasBilling["region"].Should().Be("California");
        miasBilling["country_id"].Should().Be("US");
        miasBilling["email"].Should().Be("Mia.Lopez@Guest.example");
        miasBilling["telephone"].Should().Be("+1 415 555 0100");
        miasBilling["street"].Should().Be("1 Market St\nApt 5");
        orders[102]["billing_address_id"].Should().Be(Convert.ToInt32(miasBilling["entity_id"]));

        var payments = (await Shop.QueryAsync($"SELECT * FROM {p}sales_order_payment")).ToDictionary(x => Convert.ToInt64(x["parent_id"]));
        payments[102]["method"].Should().Be("braintree");
        payments[102]["cc_last_4"].Should().Be("4242");
        payments[102]["cc_type"].Should().Be("VI");
        payments[101]["method"].Should().Be("paypal_express");
        payments[101]["cc_last_4"].Should().BeNull();
        payments[104]["amount_refunded"].Should().Be(120m);

        var vault = await Shop.QueryAsync($"SELECT customer_id, payment_method_code, details FROM {p}vault_payment_token");
        vault.Should().ContainSingle().Which["customer_id"].Should().Be(2U);
        ((string)vault[0]["details"]!).Should().Contain("\"maskedCC\":\"5454\"");
    }

    [Fact]
    public async Task the_site_has_the_admin_and_default_store_and_its_configuration()
    {
        await WriteHandMadeShopAsync("site_");

        (await Shop.QueryAsync("SELECT code FROM site_store_website ORDER BY website_id")).Select(w => w["code"]).Should().Equal("admin", "base");
        (await Shop.QueryAsync("SELECT store_id, code FROM site_store ORDER BY store_id")).Select(s => s["code"]).Should().Equal("admin", "default");
        (await Shop.ScalarAsync<string>("SELECT value FROM site_core_config_data WHERE path = 'general/locale/timezone'")).Should().Be("Europe/Berlin");
        (await Shop.ScalarAsync<string>("SELECT resource_id FROM site_authorization_rule WHERE role_id = 1")).Should().Be("Magento_Backend::all");
    }

    private async Task WriteHandMadeShopAsync(string prefix)
    {
        if ((await Shop.TablesAsync()).Contains(prefix + "sales_order") && await Shop.ScalarAsync<long>($"SELECT COUNT(*) FROM {prefix}sales_order") > 0)
        {
            return;
        }

        await Shop.CreateSchemaAsync(ShopPlatform.Magento, prefix);
        await using var connection = await Shop.OpenAsync();
        var writer = new MagentoShopWriter(connection, new MagentoWriterOptions(prefix, "Europe/Berlin") { BatchSize = 2, Parallelism = 2 });
        await writer.WriteSiteAsync();
        await writer.WriteSiteAsync();
        (await writer.WriteCustomersAsync(Customers.ToAsyncEnumerable())).Should().Be(2);
        (await writer.WriteOrdersAsync(Orders)).Should().Be(5);
    }
}
