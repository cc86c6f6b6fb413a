using CaseManagement.Shops.Model;

namespace CaseManagement.Shops.Scoping;

public static class ShopScopers
{
    public static IShopScoper For(ShopConnectionSettings shop, TimeSpan? statementTimeout = null) => shop.Platform switch
    {
        ShopPlatform.WooCommerce => new WooCommerceScoper(shop, statementTimeout),
        ShopPlatform.Magento => new MagentoScoper(shop, statementTimeout),
        _ => throw new ArgumentOutOfRangeException(nameof(shop), shop.Platform, "unknown shop platform"),
    };
}
