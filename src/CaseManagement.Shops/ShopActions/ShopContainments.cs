using CaseManagement.Shops.Model;

namespace CaseManagement.Shops.ShopActions;

public static class ShopContainments
{
    /// <param name="shop">Settings with the shop's read-write user: containment changes the shop.</param>
    /// <param name="statementTimeout">The server-side limit for each statement; <see cref="ShopContainment.DefaultStatementTimeout"/> when null.</param>
    public static IShopContainment For(ShopConnectionSettings shop, TimeSpan? statementTimeout = null) => shop.Platform switch
    {
        ShopPlatform.WooCommerce => new WooCommerceContainment(shop, statementTimeout),
        ShopPlatform.Magento => new MagentoContainment(shop, statementTimeout),
        _ => throw new ArgumentOutOfRangeException(nameof(shop), shop.Platform, "unknown shop platform"),
    };

    /// <summary>What <see cref="IShopContainment.Capability"/> answers for the platform, known before any shop is connected (to plan a run).</summary>
    public static ActionCapability Capability(ShopPlatform platform, ContainmentAction action) => platform switch
    {
        ShopPlatform.WooCommerce => WooCommerceContainment.CapabilityOf(action),
        ShopPlatform.Magento => MagentoContainment.CapabilityOf(action),
        _ => throw new ArgumentOutOfRangeException(nameof(platform), platform, "unknown shop platform"),
    };
}
