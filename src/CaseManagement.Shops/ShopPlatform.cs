namespace CaseManagement.Shops;

/// <summary>The shop systems the adapters understand; both keep their data in MySQL/MariaDB.</summary>
public enum ShopPlatform
{
    WooCommerce,
    Magento,
}
