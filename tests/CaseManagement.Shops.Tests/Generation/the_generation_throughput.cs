using CaseManagement.ShopGeneration;
using CaseManagement.Shops.Tests.Infrastructure;
using FluentAssertions;
using Xunit.Abstractions;

namespace CaseManagement.Shops.Tests.Generation;

[CollectionDefinition(nameof(the_generation_throughput), DisableParallelization = true)]
public sealed class GenerationThroughputCollection;

/// <summary>
/// Writes a mid-sized generated shop per platform and order store, checks the row counts and prints the
/// write rate. Runs alone so the rate means something; it never fails on timing.
/// </summary>
[Collection(nameof(the_generation_throughput))]
public sealed class the_generation_throughput(ShopDatabaseFixture fixture, ITestOutputHelper output) : IClassFixture<ShopDatabaseFixture>
{
    private const int Customers = 2_000;
    private const int Orders = 20_000;

    private static readonly ShopGenerationOptions Options = new(
        Customers,
        Orders,
        Seed: 7,
        From: new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero),
        To: new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private ShopDatabase Shop => fixture.Database;

    [Theory]
    [InlineData(WooCommerceOrderStorage.Hpos, "hpos_")]
    [InlineData(WooCommerceOrderStorage.HposWithSync, "sync_")]
    [InlineData(WooCommerceOrderStorage.Legacy, "legacy_")]
    public async Task wooCommerce_shop_of_20k_orders(WooCommerceOrderStorage storage, string prefix)
    {
        var result = await Shop.GenerateAsync(ShopPlatform.WooCommerce, prefix, Options, "America/New_York", storage);
        Report($"WooCommerce {storage}", result);

        result.Customers.Should().Be(Customers);
        result.Orders.Should().Be(Orders);
        (await Shop.ScalarAsync<long>($"SELECT COUNT(*) FROM {prefix}users")).Should().Be(Customers);
        (await Shop.ScalarAsync<long>($"SELECT COUNT(*) FROM {prefix}wc_order_stats")).Should().Be(Orders);
        var orderPosts = await Shop.ScalarAsync<long>($"SELECT COUNT(*) FROM {prefix}posts WHERE post_type IN ('shop_order', 'shop_order_refund')");
        var placeholders = await Shop.ScalarAsync<long>($"SELECT COUNT(*) FROM {prefix}posts WHERE post_type = 'shop_order_placehold'");
        if (storage == WooCommerceOrderStorage.Legacy)
        {
            orderPosts.Should().Be(Orders);
        }
        else
        {
            (await Shop.ScalarAsync<long>($"SELECT COUNT(*) FROM {prefix}wc_orders")).Should().Be(Orders);
            (storage == WooCommerceOrderStorage.Hpos ? placeholders : orderPosts).Should().Be(Orders);
        }
    }

    [Fact]
    public async Task magento_shop_of_20k_orders()
    {
        var result = await Shop.GenerateAsync(ShopPlatform.Magento, "m2_", Options, "Europe/Berlin");
        Report("Magento", result);

        var refunds = await Shop.ScalarAsync<long>("SELECT COUNT(*) FROM m2_sales_order WHERE total_refunded > 0");
        (await Shop.ScalarAsync<long>("SELECT COUNT(*) FROM m2_customer_entity")).Should().Be(Customers);
        (await Shop.ScalarAsync<long>("SELECT COUNT(*) FROM m2_sales_order")).Should().Be(Orders - refunds, "a refund closes its order instead of adding one");
        refunds.Should().BeGreaterThan(0);
    }

    private void Report(string shop, ShopGenerationResult result) =>
        output.WriteLine(
            $"{shop}: {result.Customers:N0} customers in {result.CustomersElapsed.TotalSeconds:F2} s, " +
            $"{result.Orders:N0} orders in {result.OrdersElapsed.TotalSeconds:F2} s = {result.OrdersPerSecond:N0} orders/s");
}
