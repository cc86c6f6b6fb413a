namespace CaseManagement.Shops;

/// <summary>How the local demo shop is laid out: build/tools/DemoShop writes it so, and the service registers it so.</summary>
public static class DemoShopLayout
{
    public const string Prefix = "wp_";
    public const string TimeZone = "Europe/Berlin";
}
