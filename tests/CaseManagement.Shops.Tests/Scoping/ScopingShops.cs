using CaseManagement.ShopGeneration;
using CaseManagement.Shops.Model;
using CaseManagement.Shops.Tests.Infrastructure;
using MySqlConnector;

namespace CaseManagement.Shops.Tests.Scoping;

/// <summary>
/// One small shop with every case scoping must get right, written into any layout: a customer who moved
/// abroad, a repeat guest typing their email in different case, a bank-transfer buyer, a refund, an order
/// before the window, two orders either side of the window's edges in Berlin time, and an order whose
/// billing country is missing, and an account holder checking out as a guest. Window: [1 March, 10 March 2026) UTC.
/// </summary>
public static class ScopingShops
{
    public static readonly DateTimeOffset From = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset To = new(2026, 3, 10, 0, 0, 0, TimeSpan.Zero);

    public static readonly IReadOnlyDictionary<string, long> ExpectedByJurisdiction = new Dictionary<string, long>
    {
        ["DE"] = 1, ["FR"] = 1, ["US-TX"] = 1, ["GB"] = 1, ["JP"] = 1, ["ES"] = 2,
    };

    public enum Layout
    {
        WooCommerceHpos,
        WooCommerceLegacyCustomPrefix,
        WooCommerceHposWithSync,
        Magento,
        MagentoWithPrefix,
    }

    public static (ShopPlatform Platform, string Prefix, WooCommerceOrderStorage Storage) Of(Layout layout) => layout switch
    {
        Layout.WooCommerceHpos => (ShopPlatform.WooCommerce, "wp_", WooCommerceOrderStorage.Hpos),
        Layout.WooCommerceLegacyCustomPrefix => (ShopPlatform.WooCommerce, "shop7_", WooCommerceOrderStorage.Legacy),
        Layout.WooCommerceHposWithSync => (ShopPlatform.WooCommerce, "wp_", WooCommerceOrderStorage.HposWithSync),
        Layout.Magento => (ShopPlatform.Magento, "", WooCommerceOrderStorage.Hpos),
        Layout.MagentoWithPrefix => (ShopPlatform.Magento, "mg_", WooCommerceOrderStorage.Hpos),
        _ => throw new ArgumentOutOfRangeException(nameof(layout)),
    };

    private static ShopAddress Address(string first, string last, string country, string? state, string? phone = null) =>
        new(first, last, null, "1 Rue de l'Église", null, "Town", state, "10115", country, null, phone);

    private static ShopOrder Order(long id, long? customer, string email, DateTimeOffset at, ShopAddress billing, string method = "stripe",
        bool refund = false, long? parent = null) =>
        new(id, customer, email, at, refund ? "refunded" : "processing", billing with { Email = email }, null, method,
            method == "stripe" ? "4242" : null, method == "stripe" ? "visa" : null, "2001:db8::7", 42.5m, refund, parent);

    public static IReadOnlyList<ShopCustomer> Customers { get; } =
    [
        new(1, "zoe@example.test", "Zoë", "Müller", From.AddYears(-1), Address("Zoë", "Müller", "US", "CA"), null),
        new(2, "ken@example.test", "健", "山田", From.AddYears(-1), Address("健", "山田", "JP", null), null),
    ];

    public static IReadOnlyList<ShopOrder> Orders { get; } =
    [
        Order(1, 1, "zoe@example.test", From.AddDays(1), Address("Zoë", "Müller", "US", "CA")),
        Order(2, 1, "zoe@example.test", From.AddDays(4), Address("Zoë", "Müller", "DE", null)),
        Order(3, null, "Anna@X.test", From.AddDays(2), Address("Anna", "Dupont", "FR", null)),
        Order(4, null, " anna@x.test", From.AddDays(3), Address("Anna", "Dupont", "FR", null), method: "paypal"),
        Order(5, null, "bob@x.test", From.AddDays(2), Address("Bob", "Smith", "US", "TX"), method: "bacs"),
        Order(6, null, "Anna@X.test", From.AddDays(5), Address("Anna", "Dupont", "FR", null), refund: true, parent: 3),
        Order(7, null, "carol@x.test", From.AddDays(-9), Address("Carol", "Jones", "US", "NY")),
        // 00:30 on 1 March in Berlin is still 28 February in UTC: outside the window.
        Order(8, null, "dieter@x.test", From.AddMinutes(-30), Address("Dieter", "Kühn", "DE", null)),
        // 00:30 on 10 March in Berlin is 9 March in UTC: inside.
        Order(9, null, "eve@x.test", To.AddMinutes(-30), Address("Eve", "Brown", "GB", null)),
        Order(10, 2, "ken@example.test", From.AddDays(6), Address("健", "山田", "", null)),
        // Zoë checking out as a guest with her account's email, in other case: still Zoë.
        Order(11, null, "ZOE@example.test", From.AddDays(3), Address("Zoë", "Müller", "DE", null)),
        // Two addresses a case- and accent-insensitive collation would confuse: two people.
        Order(12, null, "josé@x.test", From.AddDays(2), Address("José", "García", "ES", null)),
        Order(13, null, "jose@x.test", From.AddDays(3), Address("Jose", "Garcia", "ES", null)),
        Order(14, null, "josé@x.test", From.AddDays(4), Address("José", "García", "ES", null)),
    ];

    public static async Task<ShopConnectionSettings> WriteAsync(ShopDatabase database, Layout layout)
    {
        var (platform, prefix, storage) = Of(layout);
        const string zone = "Europe/Berlin";
        await using var connection = await database.OpenAsync();
        ShopWriter writer;
        if (platform == ShopPlatform.WooCommerce)
        {
            await Schema.ShopSchema.CreateWooCommerceAsync(connection, prefix, storage != WooCommerceOrderStorage.Legacy, CancellationToken.None);
            writer = new WooCommerceShopWriter(connection, new WooCommerceWriterOptions(prefix, zone, storage));
        }
        else
        {
            await database.CreateSchemaAsync(platform, prefix);
            writer = new MagentoShopWriter(connection, new MagentoWriterOptions(prefix, zone));
        }

        await writer.WriteSiteAsync();
        await writer.WriteCustomersAsync(Customers);
        await writer.WriteOrdersAsync(Orders);
        return database.Settings(platform, prefix);
    }
}
